"""A season at a glance: every review of it, and what is left to write."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from reviewdesk.review.library import Library
from reviewdesk.aids.seasons import SeasonOverview
from reviewdesk.tui.widgets.footer import KeyFooter
from reviewdesk.tui.widgets.title_bar import TitleBar


class SeasonScreen(Screen[str | None]):
    """Dismisses with the slug to open, or None."""

    DEFAULT_CSS = """
    SeasonScreen #season-body { padding: 0 1; }
    SeasonScreen #season-head { height: auto; margin: 1 0; }
    SeasonScreen #season-table { height: 1fr; }
    SeasonScreen #season-left { height: auto; max-height: 8; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "back", "Library", id="season.back"),
        Binding("enter", "open", "Open", id="season.open", show=False),
    ]

    def __init__(self, library: Library, overview: SeasonOverview) -> None:
        super().__init__()
        self.library = library
        self.overview = overview

    def compose(self):
        yield TitleBar()
        with Vertical(id="season-body"):
            o = self.overview
            counts = ", ".join(f"{n} {status}" for status, n in o.statuses.items() if n)
            yield Static(f"[b]{escape(o.name)}[/b]: {len(o.rows)} review{'s' * (len(o.rows) != 1)} "
                         f"({counts}) · {o.words:,} words · {o.questions_left} question"
                         f"{'s' * (o.questions_left != 1)} left to write", id="season-head")
            yield DataTable(id="season-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="season-left")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Season: {self.overview.name}"
        table = self.query_one("#season-table", DataTable)
        table.add_columns("Title", "Status", "Answered", "Words", "Left to write")
        for row in self.overview.rows:
            p = row.progress
            answered = f"{p.answered}/{p.total}" if p else "?"
            words = f"{p.words:,}" if p else "?"
            left = "nothing" if not row.left else f"{len(row.left)} question{'s' * (len(row.left) != 1)}"
            table.add_row(Text(row.title), row.status, answered, words, left, key=row.slug)
        for slug in self.overview.broken:
            table.add_row(Text(slug, style="bold"), "broken", "-", "-", "fix the file", key=slug)
        table.focus()
        self.show_left()

    @on(DataTable.RowHighlighted)
    def show_left(self) -> None:
        table = self.query_one("#season-table", DataTable)
        if not table.row_count:
            return
        slug = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        row = next((r for r in self.overview.rows if r.slug == slug), None)
        box = self.query_one("#season-left", Static)
        if row is None:
            box.update("This draft cannot be read.")
        elif not row.left:
            box.update(f"{escape(row.title)}: every question answered.")
        else:
            box.update(f"{escape(row.title)} still needs: " + escape("; ".join(row.left)))

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        table = self.query_one("#season-table", DataTable)
        if table.row_count:
            slug = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if slug in self.overview.broken:
                self.notify(f"{slug}.toml cannot be read, so it cannot be opened: fix the file first "
                            "(the library says where the problem is).", severity="warning", timeout=5)
            else:
                self.dismiss(slug)

    def action_back(self) -> None:
        self.dismiss(None)
