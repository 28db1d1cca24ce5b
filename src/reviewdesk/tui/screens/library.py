"""The library: every review, newest first, and the way into each."""

from __future__ import annotations

import time
from functools import partial
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Input, Static

from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.index import Summary as Entry
from reviewdesk.review.library import Library
from reviewdesk.tui.desk import desk
from reviewdesk.tui.widgets.fitted import FittedText
from reviewdesk.tui.widgets.footer import KeyFooter
from reviewdesk.tui.widgets.title_bar import TitleBar
from reviewdesk.tui.safe_text import one_line
from reviewdesk.tui.screens.quiet_start import QuietStart
from reviewdesk.tui.threads import run_in_thread
from reviewdesk.review.template import load_template

if TYPE_CHECKING:
    from reviewdesk.tui.widgets.review_table import ReviewTable


def terminal_text(text: str) -> str:
    """One line, with control characters shown rather than sent."""
    return one_line(text)


DATE_FORMAT = "%d %b %Y"
RECENT = 7 * 86400  # s: newer than this, when() says how long ago


def when(moment: datetime, now: datetime | None = None) -> str:
    delta = (now or datetime.now(timezone.utc)) - moment
    seconds = delta.total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    if seconds < RECENT:
        return f"{int(seconds // 86400)} d ago"
    # The local date, as moment.astimezone() gives it, at a third of the cost.
    return time.strftime(DATE_FORMAT, time.localtime(moment.timestamp()))


def date_width() -> int:
    """The widest date :func:`when` writes for an older draft (day, month
    and year; only the month's name can vary, in the writer's locale)."""
    return max(cell_len(time.strftime(DATE_FORMAT, (2024, month, 28, 12, 0, 0, 0, 1, -1)))
               for month in range(1, 13))


WARM_UP_AFTER = 0.25  # s after the list is on screen: then what opening a review needs is loaded


def warm_up_review() -> None:
    """In a thread, while the writer looks over the list: import the review
    screen (~150 ms of modules: editor, preview, Markdown) and load the
    editor's Markdown grammar, so the first review opened costs no more than
    the next. Nothing is shown: a failure here shows up, as it would have,
    when a review is opened."""
    from reviewdesk.tui.screens import review  # noqa: F401
    from reviewdesk.tui.widgets.editor import warm_up

    warm_up()


COLUMNS = (("Season", "season"), ("Status", "status"), ("Progress", "progress"), ("Words", "words"),
           ("Edited", "edited"))
# A narrow window leaves columns out rather than scrolling sideways, the
# least important first, until the title has TITLE_MIN columns.
LEFT_OUT_FIRST = ("edited", "words", "season")
TITLE_MIN, TITLE_MAX = 24, 40
SIDE_ROOM = 4  # the list's padding, and its scroll bar's width when it has one


BAR_WIDTH = 6


def progress_bar(done: int, total: int, width: int = BAR_WIDTH, colour: str = "green") -> Text:
    """Answered of total as a bar, then the figures."""
    filled = round(width * done / total) if total else 0
    text = Text("█" * filled, style=colour)
    text.append("░" * (width - filled), style="dim")
    text.append(f" {done}/{total}")
    return text


def status_styles(theme) -> dict[str, str]:
    """Status colours from the app theme, so the list follows the writer's theme."""
    return {"draft": theme.warning or "yellow", "ready": theme.accent or "cyan",
            "published": theme.success or "green", "broken": f"bold {theme.error or 'red'}"}


class LibraryScreen(QuietStart):
    # In DEFAULT_CSS rather than a CSS file: a screen's file makes Textual
    # parse all of the app's CSS again when the screen is first shown.
    DEFAULT_CSS = """
    LibraryScreen #library-body { padding: 0 1; }
    LibraryScreen #filter { margin: 1 0 0 0; }
    LibraryScreen #reviews { height: 1fr; margin-top: 1; }
    LibraryScreen #detail { padding: 0 1; color: $text-muted; }
    LibraryScreen #welcome { height: 1fr; align: center middle; }
    LibraryScreen #welcome-text {
        width: 64; max-width: 100%; padding: 1 2; border: round $primary; text-align: center;
    }
    """
    AUTO_FOCUS = "#reviews"
    BINDINGS = [
        Binding("n", "new", "New", id="library.new"),
        Binding("enter,o", "open", "Open", id="library.open", show=False),
        Binding("i", "import", "Import", id="library.import"),
        Binding("e", "export", "Export", id="library.export"),
        Binding("c", "copy", "Copy", id="library.copy"),
        Binding("d,delete", "delete", "Delete", id="library.delete"),
        Binding("u", "undo_delete", "Undo delete", id="library.undo", show=False),
        Binding("slash", "filter", "Filter", id="library.filter"),
        Binding("s", "season", "Season", id="library.season"),
        Binding("g", "group", "Group by season", id="library.group", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear_filter"),
        Binding("q", "app.quit", "Quit", id="library.quit", show=False),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.entries: list[Entry] = []
        self.grouped = False
        self.trashed: list[tuple[str, Path]] = []
        self._stale = True  # the list may be out of date: read it again when shown

    def compose(self):
        # The first listing, here: an empty library gets no table or filter
        # (about 40 ms of styling at start); the first review brings them.
        self.entries = self.library.summaries()
        yield TitleBar()
        with Vertical(id="library-body"):
            if self.entries:
                yield from self._list_widgets()
            yield FittedText("", lines=3, id="detail")
            with Center(id="welcome"):
                yield Static(
                    "[b]Welcome to Review Desk[/b]\n\n"
                    "Write a review question by question: what you watched, what happened, "
                    "what you thought… then Series Information. Every word is saved as you type, "
                    "and the finished post is one key away from your blog.\n\n"
                    "Press [b]n[/b] to start your first review.",
                    id="welcome-text")
        yield KeyFooter()

    @staticmethod
    def _list_widgets() -> tuple[Input, ReviewTable]:
        from reviewdesk.tui.widgets.review_table import ReviewTable

        # Not selected on focus: a letter typed in the list starts the filter, and the next must follow it.
        return (Input(placeholder="Filter by title, season or status  ( / )", id="filter", select_on_focus=False),
                ReviewTable(id="reviews"))

    def _table(self, make: bool = False) -> ReviewTable | None:
        """The list's table; made (with the filter) if ``make`` and not there yet."""
        found = self.query("#reviews")
        if found:
            table = found.first()
        elif make:
            filter_input, table = self._list_widgets()
            self.query_one("#library-body").mount(filter_input, table, before="#detail")
        else:
            return None
        if not table.columns:
            # Labels as Text: a string would be read as markup (and load Rich's emoji table).
            table.add_column(Text("Title"), key="title", width=TITLE_MIN)  # see arrange_columns
            # Each of the others is as wide as its widest text (see _fit_columns).
            for label, key in COLUMNS:
                table.add_column(Text(label), key=key, width=cell_len(label))
        return table

    def _needle(self) -> str:
        found = self.query("#filter")
        return found.first(Input).value.strip().casefold() if found else ""

    def on_mount(self) -> None:
        self.sub_title = "Library"
        self.reload(read=False)  # listed in compose
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.render_rows())
        self.call_after_refresh(self.set_timer, WARM_UP_AFTER, self._warm_up)

    def _warm_up(self) -> None:
        run_in_thread(self, warm_up_review, group="warm-up", exit_on_error=False)

    def on_screen_suspend(self) -> None:
        self._stale = True  # another screen may change the library

    def on_screen_resume(self) -> None:
        # Not on the first showing, read in on_mount, nor after a screen's
        # callback already read the library again (back from a review).
        if self._stale:
            self.reload()

    def reload(self, select: str | None = None, *, read: bool = True) -> None:
        if read:
            self.entries = self.library.summaries()
        self._stale = False
        self.render_rows(select)

    def render_rows(self, select: str | None = None) -> None:
        table = self._table(make=bool(self.entries))
        if table is None:  # an empty library, as it has always been: the welcome
            self.query_one("#welcome").display = True
            self.show_detail()
            return
        current = select or self.selected_slug()
        needle = self._needle()
        styles = status_styles(self.app.current_theme)
        entries = self.entries
        if self.grouped:
            from reviewdesk.aids.seasons import group_by_season

            entries = [e for members in group_by_season(self.entries).values() for e in members]
        # Each row is a summary; its cells are made when it is drawn (see
        # row_cells). What fitting the columns needs is gathered here, cheaply:
        # a column holds few distinct texts (seasons, statuses, dates).
        shown: list[Entry] = []
        seasons, statuses, bars, dates = set(), set(), set(), set()
        most_words = -1
        now = datetime.now(timezone.utc)
        recent_after = now.timestamp() - RECENT
        older = False
        for e in entries:
            if needle and needle not in f"{e.title} {e.season} {e.status} {e.slug}".casefold():
                continue
            shown.append(e)
            if e.updated.timestamp() > recent_after:
                dates.add(when(e.updated, now))
            else:
                older = True
            if e.broken:
                statuses.add("broken")
                bars.add(self._where(e))
                continue
            seasons.add(e.season)
            statuses.add(e.status)
            if e.words > most_words:
                most_words = e.words
            template = e.template
            if template is not None and len(template.questions) < 10:
                bars.add((0, 0))  # n/m, both one digit: as wide as 0/0
            else:
                bars.add(e.progress)
        seasons = {terminal_text(season) for season in seasons}
        bar = BAR_WIDTH * "█"
        bars = {b if type(b) is str else f"{bar} {b[0]}/{b[1]}" for b in bars}
        counts = {f"{most_words:,}"} if most_words >= 0 else set()
        if older:
            dates.add("x" * date_width())
        self._fit_columns(table, (seasons, statuses, bars, counts, dates))
        self.arrange_columns(table)
        table.set_rows([(e.slug, e) for e in shown], make=partial(self.row_cells, styles, now))
        empty_library = not self.entries
        self.query_one("#welcome").display = empty_library
        table.display = not empty_library
        self.query_one("#filter").display = not empty_library
        if current in table.index_of:
            table.move_cursor(row=table.get_row_index(current))
        self.show_detail()
        if not empty_library and not self.query_one("#filter", Input).has_focus:
            self._focus_table(table)

    @staticmethod
    def _where(e: Entry) -> str:
        err = e.error
        return f"line {err.line}, col {err.column}" if err and err.line else "unreadable"

    @classmethod
    def row_cells(cls, styles: dict[str, str], now: datetime, e: Entry) -> tuple:
        """The cells of one summary's row (made when the table first draws it)."""
        edited = when(e.updated, now)
        if e.broken:
            broken = styles["broken"]
            return (Text(terminal_text(e.slug), broken), "", Text("broken", broken),
                    Text(cls._where(e), broken), "", edited)
        done, total = e.progress
        return (Text(terminal_text(e.title), overflow="ellipsis", no_wrap=True), Text(terminal_text(e.season)),
                Text(e.status, styles.get(e.status, "")), progress_bar(done, total, colour=styles["published"]),
                Text(f"{e.words:,}", justify="right"), Text(edited))

    @staticmethod
    def _fit_columns(table: ReviewTable, texts: tuple[set[str], ...]) -> None:
        """Widen each column but the title's to its widest text, as an
        auto-width column would (and, like one, never narrow it again)."""
        for (_label, key), found in zip(COLUMNS, texts):
            widest = max(map(cell_len, found), default=0)
            if widest > table.column_width(key):
                table.set_column_width(key, widest)

    def arrange_columns(self, table: ReviewTable | None = None) -> None:
        """The title as wide as the window allows (up to TITLE_MAX); columns
        left out, the least important first, while it would be narrower than
        TITLE_MIN: the list never scrolls sideways."""
        table = table or self._table()
        if table is None:
            return
        room = self.app.size.width - SIDE_ROOM
        shown = {column.key for column in table.columns}

        def title_room() -> int:
            return room - sum(c.render_width for c in table.columns if c.key != "title" and c.key in shown) - 2

        for key in LEFT_OUT_FIRST:
            if title_room() >= TITLE_MIN:
                break
            shown.discard(key)
        for column in table.columns:
            table.show_column(column.key, column.key in shown)
        table.set_column_width("title", max(1, min(TITLE_MAX, title_room())))
        self.show_detail()  # it names the time edited when that column is left out

    def on_resize(self, event: events.Resize) -> None:
        self.arrange_columns()

    def _focus_table(self, table: ReviewTable) -> None:
        if table.is_mounted:
            table.focus()
        else:  # just made: once it is in the screen
            self.call_after_refresh(lambda: table.is_attached and table.focus())

    def selected_entry(self) -> Entry | None:
        table = self._table()
        key = table.cursor_key if table is not None else None
        return next((e for e in self.entries if e.slug == key), None) if key is not None else None

    def selected_slug(self) -> str | None:
        entry = self.selected_entry()
        return entry.slug if entry else None

    def on_review_table_row_highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        entry = self.selected_entry()
        detail = self.query_one("#detail", FittedText)
        if entry is None:
            detail.update(f"{len(self.entries)} reviews in {self.library.root}" if self.entries else "")
        elif entry.broken:
            detail.update(Text(f"⚠ {terminal_text(entry.path.name)} cannot be opened: {terminal_text(str(entry.error.reason))}"
                               + (f" (line {entry.error.line}, column {entry.error.column})" if entry.error.line else "")
                               + ". Fix it in a text editor; Review Desk will not write to it.", style=status_styles(self.app.current_theme)["broken"]))
        else:
            # Three lines at most: a long tagline ends at a word, with an ellipsis.
            tagline = terminal_text(entry.tagline) if entry.tagline.strip() else "No tagline yet."
            target = f" · {min(entry.target_percent, 100)}% of its word targets" if entry.target_percent is not None else ""
            table = self._table()
            edited = "" if table is None or self._column_shown(table, "edited") else f" · edited {when(entry.updated)}"
            detail.update(Text.assemble((terminal_text(entry.title), "bold"),
                                        f" · {terminal_text(entry.slug)}.toml{edited}{target} · {tagline}"))

    @staticmethod
    def _column_shown(table: ReviewTable, key: str) -> bool:
        return any(column.key == key for column in table.shown_columns)

    def on_review_table_row_selected(self) -> None:
        self.action_open()

    def on_key(self, event: events.Key) -> None:
        """A letter (or any character) that is no key of this screen starts
        the filter with it: a writer who types "Me" to find a review gets
        the filter "Me", and never Export from the "e". The keys that are
        bound (n, e, c, d...) keep their actions."""
        if not (event.is_printable and event.character) or event.character.isspace():
            return
        found = self.query("#filter")
        if not found or not self.entries or event.key in self.active_bindings:
            return
        box = found.first(Input)
        if box.has_focus:
            return
        event.stop()
        event.prevent_default()
        box.value = event.character
        box.cursor_position = len(box.value)
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.render_rows()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self._table().focus()

    def key_importance(self) -> list[str]:
        """The footer's keys, the most important first: a narrow footer
        leaves out the others (F1 lists them all), never the way out."""
        return ["new", "filter", "keys", "import", "export", "copy", "delete", "season"]

    def action_filter(self) -> None:
        if not self.entries:
            self.notify("No reviews to filter yet: press n to start one.", timeout=3)
            return
        box = self.query_one("#filter", Input)
        box.focus()
        box.select_all()  # what is typed next replaces the old filter

    def action_clear_filter(self) -> None:
        table = self._table()
        box = self.query("#filter").first(Input) if table is not None else None
        if box is None or not (box.value or box.has_focus):
            self.notify("No filter to clear: every review is listed. ctrl+q quits.", timeout=3)
            return
        box.value = ""
        table.focus()

    def action_new(self) -> None:
        desk(self).start_new_review()

    def action_group(self) -> None:
        """Newest first, or grouped by season (newest season first)."""
        self.grouped = not self.grouped
        self.render_rows()
        self.notify("Grouped by season." if self.grouped else "Newest first.", timeout=2)

    def action_season(self) -> None:
        """The selected review's season at a glance: every review, what is left."""
        from reviewdesk.aids.seasons import season_overview
        from reviewdesk.tui.screens.season import SeasonScreen

        entry = self.selected_entry()
        if entry is None or not entry.season.strip():
            self.notify("Pick a review that has a season.", timeout=3)
            return
        try:
            overview = season_overview(self.library, entry.season)
        except ReviewDeskError as exc:
            self.notify(str(exc), severity="error")
            return

        def opened(slug: str | None) -> None:
            if slug:
                desk(self).open_review(slug)

        self.app.push_screen(SeasonScreen(self.library, overview), opened)

    def action_import(self) -> None:
        desk(self).start_import()

    def _nothing_selected(self, verb: str) -> None:
        """Say why a key that acts on the selected review did nothing."""
        if not self.entries:
            self.notify(f"No review to {verb} yet: press n to start one, or i to import one.", timeout=4)
        else:
            self.notify(f"No review to {verb}: none matches the filter (esc clears it).", timeout=4)

    def action_open(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self._nothing_selected("open")
            return
        if entry.broken:
            self.notify(f"{entry.path.name} is broken and cannot be opened: {terminal_text(str(entry.error.reason))}",
                        severity="error", timeout=6)
            return
        desk(self).open_review(entry.slug)

    def _load_selected(self, verb: str = "export"):
        """The selected draft, read in full; None (and a message) if it cannot be."""
        entry = self.selected_entry()
        if entry is None:
            self._nothing_selected(verb)
            return None
        if entry.broken:
            self.notify("This draft is broken: fix the file first.", severity="error")
            return None
        try:
            review = self.library.load(entry.slug)
            return review, load_template(review.template)
        except ReviewDeskError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            self.reload()
            return None

    def action_export(self) -> None:
        loaded = self._load_selected("export")
        if loaded:
            desk(self).open_export(*loaded)

    def action_copy(self) -> None:
        loaded = self._load_selected("copy")
        if loaded:
            desk(self).copy_post(*loaded)

    def action_delete(self) -> None:
        """Ask first: d is one letter, and a stray one must not trash a review."""
        from reviewdesk.tui.screens.confirm import ConfirmScreen

        entry = self.selected_entry()
        if entry is None:
            self._nothing_selected("delete")
            return
        title = terminal_text(entry.title if not entry.broken else entry.path.name)

        def answer(yes: bool | None) -> None:
            if yes:
                self._trash(entry)

        self.app.push_screen(ConfirmScreen(
            f"Move “{escape(title)}” to the trash?\nIt stays in {escape(str(self.library.root))}/.trash; "
            "u brings it back.", yes="Move to trash", no="Keep it"), answer)

    def _trash(self, entry: Entry) -> None:
        try:
            target = self.library.delete(entry.slug)
        except Exception as exc:  # SaveError/NotFound: say so, keep the row
            self.notify(str(exc), severity="error")
            return
        self.trashed.append((entry.title, target))
        self.notify(f"Moved “{terminal_text(entry.title)}” to the trash. Press u to undo.", timeout=6,
                    markup=False)
        self.reload()

    def action_undo_delete(self) -> None:
        if not self.trashed:
            self.notify("Nothing to undo: no review was deleted since Review Desk started.", timeout=4)
            return
        title, path = self.trashed.pop()
        try:
            slug = self.library.restore(path)
        except Exception as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Restored “{terminal_text(title)}”.", timeout=3)
        self.reload(select=slug)

    def palette_commands(self):
        yield ("New review", "Start a review", self.action_new)
        yield ("Open review", "Open the selected review", self.action_open)
        yield ("Import a review", "Turn a Markdown file into a draft", self.action_import)
        yield ("Export", "Export the selected review", self.action_export)
        yield ("Copy to clipboard", "Copy the selected review's Markdown", self.action_copy)
        yield ("Delete review", "Move the selected review to the trash", self.action_delete)
        yield ("Undo delete", "Bring back the last deleted review", self.action_undo_delete)
        yield ("Filter", "Filter the reviews", self.action_filter)
        yield ("Season overview", "Every review of the selected season, and what is left to write", self.action_season)
        yield ("Group by season", "List the reviews by season, or newest first", self.action_group)


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)
