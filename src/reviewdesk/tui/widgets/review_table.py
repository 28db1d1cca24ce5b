"""The library's table: DataTable, drawn and filled the fast way.

Imported when a library has reviews to list (an empty library shows its
welcome and never loads DataTable).
"""

from __future__ import annotations

from itertools import zip_longest

from rich.style import Style
from textual.widgets import DataTable
from textual.widgets.data_table import DuplicateKey, Row, RowKey

from reviewdesk.tui.widgets.fast_cells import ProgressCell, cell_lines, drawable


class _CellsOnDemand(dict):
    """The table's cells, ``{row key: {column key: cell}}``, each row's made
    the first time something asks for it: drawing a screenful asks for a
    screenful, and 2,000 rows of cells made up front were a fifth of the
    start. ``len()``, ``in`` and ``get()`` count the rows still to be made."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: dict = {}  # row key -> (make, source)

    def __missing__(self, key):
        try:
            make, source = self.pending.pop(key)
        except KeyError:
            raise KeyError(key) from None
        cells = self[key] = make(source)
        return cells

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or key in self.pending

    def __len__(self) -> int:
        return dict.__len__(self) + len(self.pending)

    def make_all(self) -> None:
        for key in list(self.pending):
            self[key]

    def __iter__(self):
        self.make_all()
        return dict.__iter__(self)

    def keys(self):
        self.make_all()
        return dict.keys(self)

    def values(self):
        self.make_all()
        return dict.values(self)

    def items(self):
        self.make_all()
        return dict.items(self)

    def __delitem__(self, key) -> None:
        if self.pending.pop(key, None) is None:
            dict.__delitem__(self, key)

    def clear(self) -> None:
        self.pending.clear()
        dict.clear(self)


class ReviewTable(DataTable):
    """The library's table, its columns as wide as the screen sets them.

    DataTable measures every cell of every new row to fit auto-width columns,
    and it does so for fixed-width ones too, only to throw the figure away:
    half a second for 2,000 drafts. The screen gives every column a fixed
    width, worked out from the text it shows, so that measuring is skipped.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._row_styles: dict[tuple, Style] = {}
        self._data = _CellsOnDemand()

    def _update_dimensions(self, new_rows) -> None:
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
        else:
            super()._update_dimensions(())

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False):
        """A plain cell of a row drawn by :func:`cell_lines`, DataTable's own
        way for the rest (headers, labels, progress bars, taller rows)."""
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        cache_key = (row_key, column_key, base_style, cursor, hover, self._show_hover_cursor,
                     self._update_count, self._pseudo_class_state)
        lines = self._cell_render_cache.get(cache_key)
        if lines is not None:
            return lines
        row = self.rows.get(row_key)
        cell = self._data.get(row_key, {}).get(column_key)
        if type(cell) is ProgressCell:
            cell = cell.__rich__()
        if row is None or row.height != 1 or not drawable(cell, self.cell_padding, width):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        component_style, post_style = self._get_styles_to_render_cell(
            False, False, fixed, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
        pre = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        lines = cell_lines(cell, self.app.console, width, self.cell_padding, pre, post_style)
        self._cell_render_cache[cache_key] = lines
        return lines

    def add_rows_at_once(self, rows: list[tuple[object, str]], make=None) -> None:
        """``add_row(*cells, key=key)`` for each (cells, key), leaving the table
        as those calls would (a test compares the two), without what each
        call repeats for its row: ordering the columns, checking the cursor,
        asking for an idle pass. For 2,000 rows that was 80 ms.

        With ``make``, each row is (source, key) and its cells are
        ``make(source)``, made when the row is first drawn or asked for."""
        columns = [column.key for column in self.ordered_columns]

        def cells_of(cells) -> dict:
            if len(cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            return dict(zip_longest(columns, cells))

        later = (lambda source: cells_of(make(source))) if make is not None else None
        was_empty = self.row_count == 0
        index = self.row_count
        added: list[Row] = []
        data, pending = self._data, self._data.pending
        for cells, key in rows:
            row_key = RowKey(key)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            self._row_locations[row_key] = index
            if later is None:
                data[row_key] = cells_of(cells)
            else:
                pending[row_key] = (later, cells)
            row = self.rows[row_key] = Row(row_key, 1, None, False)
            added.append(row)
            self._new_rows.add(row_key)
            index += 1
        if not rows:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if was_empty and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self._update_count += 1
        if was_empty:
            # The rows in screen order, and the row under each line (every row
            # is one line high), as DataTable would work them out on its first
            # draw from its key lookups: we have them in hand.
            self._ordered_row_cache[(index, self._update_count)] = added
            self._offset_cache[self._update_count] = [(row.key, 0) for row in added]
        self.check_idle()

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        """DataTable's row style (header, or odd and even rows' stripes),
        worked out once per look rather than for every line drawn: it asks
        the stylesheet each time, a third of drawing a screenful."""
        if row_index >= 0 and (row_index < self.fixed_rows or not self.zebra_stripes):
            return super()._get_row_style(row_index, base_style)
        kind = -1 if row_index == -1 else row_index % 2
        # What the row styles depend on: the table's classes and state (focus),
        # and the app's CSS (a new theme counts as a new update).
        key = (kind, base_style, self._pseudo_class_state, self.classes, self.app._css_update_count)
        found = self._row_styles.get(key)
        if found is None:
            if len(self._row_styles) > 64:
                self._row_styles.clear()
            found = self._row_styles[key] = super()._get_row_style(row_index, base_style)
        return found
