"""The library's table, on Textual's Line API.

A library holds thousands of drafts and a screen shows forty. Textual's
DataTable measures every cell of every row it is given (to fit its columns)
before its first frame: some 0.25 s for 2,000 drafts on a start that should
take about that long in all. This table is a ``ScrollView`` that draws a row
only when it is on screen (``render_line``), from a summary it turns into
cells then, and keeps what it drew in an LRU cache, as Toolong's log view
does. Its columns have the widths the screen gives them.

It looks and works like the DataTable it replaces (the library's snapshots
hold it to that): the same header, zebra stripes and row cursor (its colours
are DataTable's, in this widget's own component classes), cells drawn by
Rich the way DataTable draws them, up/down/page/home/end keys, Enter or a
click on the highlighted row to open it, the hover highlight under the mouse.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from rich.console import RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.styled import Styled
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reviewdesk.tui.fit import fit

CELL_PADDING = 1  # cells on each side of a cell's text
HEADER = -1  # the row index of the header, as in the cells' meta

Cells = Sequence[RenderableType]


@dataclass
class Column:
    key: str
    label: Text
    width: int  # the text's width; the column is CELL_PADDING wider on each side
    shown: bool = True  # a narrow window leaves out the less important columns

    @property
    def render_width(self) -> int:
        return self.width + 2 * CELL_PADDING


class ReviewTable(ScrollView, can_focus=True):
    """Rows of cells under a header, one row highlighted (the cursor)."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first_row", "First row", show=False),
        Binding("end,ctrl+end", "last_row", "Last row", show=False),
    ]
    COMPONENT_CLASSES = {
        "review-table--header",
        "review-table--cursor",
        "review-table--hover",
        "review-table--even-row",
        "review-table--odd-row",
        "review-table--header-hover",
    }
    # DataTable's look, in this widget's component classes.
    DEFAULT_CSS = """
    ReviewTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .review-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .review-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark {
            & > .review-table--even-row {
                background: $surface-darken-1 40%;
            }
        }
        & > .review-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .review-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .review-table--odd-row {
        }
        & > .review-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .review-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .review-table--header-hover {
            background: $accent 30%;
        }
        & > .review-table--hover {
            background: $block-hover-background;
        }
    }
    """

    class RowMessage(Message):
        """A message about one row: the table, the row's index and its key."""

        def __init__(self, table: ReviewTable, row: int, key: Hashable) -> None:
            super().__init__()
            self.table, self.row, self.key = table, row, key

        @property
        def control(self) -> ReviewTable:
            return self.table

    class RowHighlighted(RowMessage):
        """The cursor moved to another row (or rows were shown)."""

    class RowSelected(RowMessage):
        """Enter, or a click on the highlighted row."""

    cursor_row: reactive[int] = reactive(0, repaint=False, init=False)
    hover_row: reactive[int | None] = reactive(None, repaint=False, init=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.row_keys: list[Hashable] = []
        self.row_sources: list[object] = []
        self.index_of: dict[Hashable, int] = {}
        self.make_cells: Callable[[object], Cells] = lambda source: source
        self.row_cells: LRUCache[int, list[RenderableType]] = LRUCache(1024)
        self.drawn: LRUCache[tuple, Strip] = LRUCache(1024)

    # What the table holds ---------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.row_keys)

    def add_column(self, label: Text, key: str, width: int) -> None:
        self.columns.append(Column(key, label, width))
        self.content_changed()

    def set_column_width(self, key: str, width: int) -> None:
        for column in self.columns:
            if column.key == key and column.width != width:
                column.width = width
                self.content_changed()

    def column_width(self, key: str) -> int:
        return next(column.width for column in self.columns if column.key == key)

    def show_column(self, key: str, shown: bool) -> None:
        """Show or leave out a column (its cells are still made, not drawn)."""
        for column in self.columns:
            if column.key == key and column.shown != shown:
                column.shown = shown
                self.content_changed()

    @property
    def shown_columns(self) -> list[Column]:
        return [column for column in self.columns if column.shown]

    def set_rows(self, rows: Sequence[tuple[Hashable, object]], make: Callable[[object], Cells]) -> None:
        """Show ``rows``, (key, source) each, in order, instead of what was
        shown; a row's cells are ``make(source)``, made when it is drawn. The
        cursor stays on the same row index (within the new rows); the
        highlighted row is announced."""
        keys = [key for key, _source in rows]
        if len(set(keys)) != len(keys):
            raise ValueError("every row needs a key of its own")
        self.row_keys = keys
        self.row_sources = [source for _key, source in rows]
        self.index_of = {key: index for index, key in enumerate(keys)}
        self.make_cells = make
        self.content_changed()
        self.set_reactive(ReviewTable.cursor_row, self.validate_cursor_row(self.cursor_row))
        if self.row_keys:
            self.post_message(self.RowHighlighted(self, self.cursor_row, self.row_keys[self.cursor_row]))
        self.call_after_refresh(self.scroll_to_cursor)

    def content_changed(self) -> None:
        self.row_cells.clear()
        self.drawn.clear()
        width = sum(column.render_width for column in self.shown_columns)
        self.virtual_size = Size(width, 1 + len(self.row_keys))
        self.refresh()

    def get_row_index(self, key: Hashable) -> int:
        """The row index of the row with ``key``; KeyError if there is none."""
        return self.index_of[key]

    @property
    def cursor_key(self) -> Hashable | None:
        return self.row_keys[self.cursor_row] if self.row_keys else None

    def cells_of(self, row: int) -> list[RenderableType]:
        """The row's cells, one per column, as DataTable would format them."""
        cells = self.row_cells.get(row)
        if cells is None:
            made = list(self.make_cells(self.row_sources[row]))
            made += [""] * (len(self.columns) - len(made))
            cells = [_formatted(cell) for cell in made[:len(self.columns)]]
            self.row_cells[row] = cells
        return cells

    # The cursor ---------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self.row_keys) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh_row(old)
        self.refresh_row(new)
        self.scroll_to_cursor()
        if self.row_keys:
            self.post_message(self.RowHighlighted(self, new, self.row_keys[new]))

    def watch_hover_row(self, old: int | None, new: int | None) -> None:
        self.refresh_row(old)
        self.refresh_row(new)

    def move_cursor(self, *, row: int, scroll: bool = True) -> None:
        self.cursor_row = row
        if scroll:
            self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        if self.row_keys and self.is_mounted:
            region = Region(0, 1 + self.cursor_row, max(1, self.virtual_size.width), 1)
            self.scroll_to_region(region, animate=False, spacing=Spacing(top=1), force=True)

    def refresh_row(self, row: int | None) -> None:
        if row == HEADER:
            self.refresh(Region(0, 0, self.size.width, 1))
        elif row is not None:
            self.refresh(Region(0, 1 + row - self.scroll_offset.y, self.size.width, 1))

    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_up(self) -> None:
        self.hover_row = None
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.hover_row = None
        self.cursor_row += 1

    def action_page_up(self) -> None:
        self.hover_row = None
        self.cursor_row -= self.page_rows()

    def action_page_down(self) -> None:
        self.hover_row = None
        self.cursor_row += self.page_rows()

    def action_first_row(self) -> None:
        self.hover_row = None
        self.cursor_row = 0

    def action_last_row(self) -> None:
        self.hover_row = None
        self.cursor_row = len(self.row_keys) - 1

    def action_select_cursor(self) -> None:
        if self.row_keys:
            self.post_message(self.RowSelected(self, self.cursor_row, self.row_keys[self.cursor_row]))

    # The mouse -----------------------------------------------------------------

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = event.style.meta.get("row")
        self.hover_row = row if isinstance(row, int) else None

    def on_leave(self, event: events.Leave) -> None:
        self.hover_row = None

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if not isinstance(row, int) or row < 0 or row >= len(self.row_keys):
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.cursor_row = row

    # Drawing ---------------------------------------------------------------------

    def notify_style_update(self) -> None:
        self.drawn.clear()  # a theme or a focus change: new colours
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        base_style = self.rich_style
        row = HEADER if y == 0 else y - 1 + scroll_y
        if row >= len(self.row_keys) or not self.columns:
            return Strip.blank(width, base_style)
        cursor = row == self.cursor_row
        hover = row == self.hover_row
        key = (row, cursor, hover, width, scroll_x, self.has_focus, base_style)
        strip = self.drawn.get(key)
        if strip is None:
            line = self.row_segments(row, cursor, hover, base_style)
            strip = self.drawn[key] = (Strip(line).crop(scroll_x, scroll_x + width)
                                       .adjust_cell_length(width, base_style).simplify())
        return strip

    def row_style(self, row: int) -> Style:
        if row == HEADER:
            return self.get_component_styles("review-table--header").rich_style
        name = "review-table--odd-row" if row % 2 else "review-table--even-row"
        return self.get_component_styles(name).rich_style

    def cursor_styles(self, row: int, cursor: bool, hover: bool) -> tuple[Style, Style]:
        """The cursor's and the hover's styles for a cell of ``row``, and the
        style laid over the cell's own (the cursor's text colour wins)."""
        style = Style()
        if hover:
            style += self.get_component_rich_style("review-table--hover")
            if row == HEADER:
                style += self.get_component_rich_style("review-table--header-hover")
        if cursor:
            style += self.get_component_rich_style("review-table--cursor")
        return style, Style.from_color(color=style.color)

    def row_segments(self, row: int, cursor: bool, hover: bool, base_style: Style) -> list[Segment]:
        console = self.app.console
        row_style = self.row_style(row)
        highlight, over = self.cursor_styles(row, cursor, hover)
        cells = [column.label for column in self.columns] if row == HEADER else self.cells_of(row)
        line: list[Segment] = []
        for index, (column, cell) in enumerate(zip(self.columns, cells)):
            if not column.shown:
                continue
            if isinstance(cell, Text) and cell.cell_len > column.width:
                cell = fit(cell, column.width)  # ends at a word: "Delicious in…", not "Delicious in D…"
            pre = row_style + Style.from_meta({"row": row, "column": index}) + highlight
            options = self.app.console_options.update_dimensions(column.render_width, 1).update(no_wrap=True)
            rendered = console.render_lines(Styled(Padding(cell, (0, CELL_PADDING)), pre_style=pre,
                                                   post_style=over), options)
            line.extend(rendered[0])
        room = max(0, self.size.width - sum(column.render_width for column in self.shown_columns))
        extend = row_style + self.cursor_styles(row, cursor, hover)[0]
        line.append(Segment(" " * room, extend + Style.from_meta({"row": row, "column": 0, "out_of_bounds": True})))
        return line


_EMPTY = Text("", end="", no_wrap=True)


def _formatted(cell: object) -> RenderableType:
    """A cell as DataTable shows it: a string is markup, kept on one line."""
    if cell is None:
        return _EMPTY
    if isinstance(cell, str):
        text = Text.from_markup(cell, end="")
        text.no_wrap = True
        return text
    return cell
