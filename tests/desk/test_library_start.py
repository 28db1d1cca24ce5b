"""The library screen at start: the list is read once, every column fits its
text, only what is on screen is drawn, and it looks as DataTable would draw it."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.geometry import Size
from textual.widgets import DataTable

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.library import COLUMNS, LibraryScreen
from reviewdesk.tui.widgets.review_table import ReviewTable
from screen_styles import restyled_alike
from waiting import on_screen, wait_for


async def test_the_library_is_read_once_at_start(library, record_calls):
    for title in ("Metallic Rouge", "Frieren", "Dungeon Meshi"):
        library.create(title, season="Winter 2024")
    calls = record_calls(Library, "summaries", lambda library: library.root)
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#reviews", ReviewTable).row_count == 3
        assert len(calls) == 1


async def test_the_library_is_read_again_after_another_screen(library, record_calls):
    library.create("Metallic Rouge", season="Winter 2024")
    calls = record_calls(Library, "summaries", lambda library: library.root)
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        library.create("Frieren", season="Fall 2023")  # say, by the command line meanwhile
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#reviews", ReviewTable).row_count == 2
        assert len(calls) == 2


async def test_back_from_a_review_the_library_is_read_once(library, monkeypatch):
    library.create("Metallic Rouge", season="Winter 2024")
    calls = []
    original = LibraryScreen.reload

    def counting(self, select=None, read=True):
        if read:
            calls.append(select)
        return original(self, select, read=read)

    monkeypatch.setattr(LibraryScreen, "reload", counting)
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert calls == ["metallic-rouge"]  # back, on the review just left (the start's listing is compose's)


async def test_every_column_is_as_wide_as_its_widest_text(library):
    library.create("Metallic Rouge", season="Winter 2024")
    long = library.create("Frieren", season="Autumn of the very long season name 2023")
    long.set_answer("watched", "word " * 12345)
    library.save(long)
    (library.root / "hand-made.toml").write_text('format = 1\ntitle = "oops\n')
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reviews", ReviewTable)
        assert table.row_count == 3
        for n, (label, key) in enumerate(COLUMNS, start=1):
            cells = [table.cells_of(i)[n] for i in range(table.row_count)]
            widest = max([cell_len(label), *(cell_len(str(c)) for c in cells)])
            assert table.column_width(key) == widest, key
        assert table.column_width("season") == len("Autumn of the very long season name 2023")
        assert table.column_width("words") == len("12,345")


START_PROBE = """
import asyncio, json, sys, time
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp

POLL = 0.02  # seconds between two looks

async def main():
    app = ReviewDeskApp(library=Library(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "LibraryScreen"
        print(json.dumps(sorted(sys.modules)))
        # The writer looks at the list: what opening a review needs is loaded
        # meanwhile. Waited for until it is there (a deadline, not a guess).
        wanted = ("reviewdesk.tui.screens.review", "markdown_it", "tree_sitter_markdown")
        deadline = time.monotonic() + 30
        while not all(m in sys.modules for m in wanted) and time.monotonic() < deadline:
            await pilot.pause(POLL)
        await pilot.pause()
        print(json.dumps(sorted(sys.modules)))

asyncio.run(main())
"""


def probe_start(library) -> tuple[set[str], set[str]]:
    """The modules loaded as the library is first shown, and a moment later."""
    import json
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", START_PROBE, str(library.root)], capture_output=True,
                            env=os.environ.copy(), timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    at_start, a_moment_later = result.stdout.decode().splitlines()[-2:]
    return set(json.loads(at_start)), set(json.loads(a_moment_later))


def test_the_start_leaves_the_other_screens_and_the_exports_unimported(library):
    """Each of these costs start-up time and is needed only later."""
    library.create("Metallic Rouge", season="Winter 2024")
    loaded, later = probe_start(library)
    assert "reviewdesk.tui.screens.library" in loaded
    for module in ("reviewdesk.tui.screens.settings", "reviewdesk.tui.screens.review", "reviewdesk.publish.targets",
                   "reviewdesk.review.history", "reviewdesk.aids.checks", "reviewdesk.importer.markdown", "spellchecker",
                   "markdown_it", "tree_sitter_markdown", "yaml", "reviewdesk.publish.export",
                   "reviewdesk.publish.clipboard"):
        assert module not in loaded, module
    # Then, while the list is read, what the first review opened needs is
    # loaded: its screen, the preview's parser, the editor's Markdown grammar.
    for module in ("reviewdesk.tui.screens.review", "markdown_it", "tree_sitter_markdown"):
        assert module in later, module
    for module in ("reviewdesk.tui.screens.settings", "reviewdesk.publish.targets", "reviewdesk.importer.markdown"):
        assert module not in later, module


def test_an_empty_library_starts_without_the_table(library):
    """No reviews, no table: the library's table is not even imported."""
    loaded, _later = probe_start(library)
    assert "reviewdesk.tui.screens.library" in loaded
    assert "reviewdesk.tui.widgets.review_table" not in loaded


async def test_an_empty_library_gets_its_table_with_its_first_review(library):
    app = ReviewDeskApp(library=library)
    notes = []
    app.notify = lambda message, **kw: notes.append(str(message))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#welcome").display
        assert not screen.query("#reviews") and not screen.query("#filter")  # nothing to list or filter
        await pilot.press("slash")
        assert notes and "No reviews to filter yet" in notes[-1]
        # A review made elsewhere (another window, a sync) shows when the list is read again.
        library.create("Metallic Rouge (Season One)", season="Winter 2024")
        screen.reload()
        table = await wait_for(pilot, lambda: screen.query("#reviews") and app.focused, "the new table, focused")
        assert isinstance(table, ReviewTable)
        assert table.row_count == 1 and table.display and screen.query_one("#filter").display
        assert not screen.query_one("#welcome").display
        assert screen.selected_slug() == "metallic-rouge-season-one"
        assert [str(c.label) for c in table.columns][:2] == ["Title", "Season"]
        await pilot.press("slash")
        assert app.focused is screen.query_one("#filter")


def drawn(table) -> list:
    """Every line the table draws, as segments (text and style)."""
    return [list(table.render_line(y)) for y in range(table.size.height)]


async def test_the_rows_take_the_new_theme_s_colours_and_the_focus(library):
    for title in ("Metallic Rouge", "Frieren", "Dungeon Meshi"):
        library.create(title, season="Winter 2024")
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reviews", ReviewTable)
        before = drawn(table)
        app.theme = "desk-paper" if app.theme != "desk-paper" else "desk-ink"
        await pilot.pause()
        themed = drawn(table)
        assert themed != before
        assert [[s.text for s in line] for line in themed] == [[s.text for s in line] for line in before]
        table.blur()  # the focus is part of the look too
        await pilot.pause()
        assert drawn(table) != themed


ROWS = [("Metallic Rouge (Season One)", "Winter 2024", "draft", "yellow", "1,234"),
        ("Frieren: a title far too long for its column, by far", "Fall 2023", "ready", "cyan", "56"),
        ("葬送のフリーレン 第2期", "", "published", "green", "7"),
        ("Oshi no Ko 🌟", "Spring 2023", "broken", "bold red", "")] * 4
WIDTHS = (24, 11, 9, 6, 4)


def row_cells(row) -> tuple:
    title, season, status, colour, words = row
    return (Text(title, overflow="ellipsis", no_wrap=True), Text(season), Text(status, colour),
            Text(words, justify="right"), "")


class Tables(App):
    """A DataTable and a ReviewTable with the same columns and rows, the same size."""

    CSS = "Screen { layout: horizontal; } DataTable, ReviewTable { width: 60; height: 12; }"

    def compose(self):
        yield DataTable(id="theirs", cursor_type="row", zebra_stripes=True)
        yield ReviewTable(id="ours")

    def on_mount(self) -> None:
        from reviewdesk.tui.theming import install_themes

        install_themes(self)
        theirs, ours = self.query_one(DataTable), self.query_one(ReviewTable)
        for n, (label, width) in enumerate(zip(("Title", "Season", "Status", "Words", "Edited"), WIDTHS)):
            theirs.add_column(Text(label), key=str(n), width=width)
            ours.add_column(Text(label), key=str(n), width=width)
        for n, row in enumerate(ROWS):
            theirs.add_row(*fitted_cells(row), key=str(n))
        ours.set_rows([(str(n), row) for n, row in enumerate(ROWS)], row_cells)


def fitted_cells(row) -> tuple:
    """The cells as the library's table draws them: a title too long for its
    column ends at a word with an ellipsis (DataTable would cut it mid-word)."""
    from reviewdesk.tui.fit import fit

    title, *rest = row_cells(row)
    return (fit(title, WIDTHS[0]), *rest)


async def test_the_table_draws_what_datatable_draws():
    """Line for line and style for style, in shipped and Textual themes,
    focused or not, the cursor anywhere (the view scrolled to it), the mouse
    over a row or the header: the library's table looks like the DataTable
    it replaces."""
    app = Tables()
    async with app.run_test(size=(130, 14)) as pilot:
        theirs, ours = app.query_one(DataTable), app.query_one(ReviewTable)
        await pilot.pause()

        async def looks(table, focused: bool, hover: int | None) -> list:
            app.set_focus(table if focused else None)
            if hover is None:
                await pilot.hover(None, offset=(128, 13))  # beside both tables
            else:
                await pilot.hover(type(table), offset=(3, hover))
            await pilot.pause()
            return drawn(table)

        compared = 0
        for theme in ("desk-ink", "desk-paper", "textual-dark", "textual-light"):
            app.theme = theme
            for row in (0, 3, 15, 7):
                theirs.move_cursor(row=row)
                ours.move_cursor(row=row)
                for focused in (True, False):
                    for hover in (None, 0, 2):  # the mouse elsewhere, over the header, over a row
                        expected = await looks(theirs, focused, hover)
                        assert await looks(ours, focused, hover) == expected, (theme, row, focused, hover)
                        compared += 1
        assert compared == 4 * 4 * 2 * 3


class Opening(Tables):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    def on_review_table_row_selected(self, message: ReviewTable.RowSelected) -> None:
        self.opened.append(message.key)


async def test_keys_and_clicks_move_and_open_as_in_datatable():
    app = Opening()
    async with app.run_test(size=(130, 14)) as pilot:
        theirs, ours = app.query_one(DataTable), app.query_one(ReviewTable)
        for table in (theirs, ours):
            table.focus()
            await pilot.press("down", "down", "pagedown", "up")
        assert theirs.cursor_coordinate.row == ours.cursor_row > 2
        await pilot.press("end")
        assert ours.cursor_row == len(ROWS) - 1
        await pilot.press("home")
        assert ours.cursor_row == 0
        await pilot.click(ReviewTable, offset=(3, 3))  # the third row: highlighted
        assert ours.cursor_row == 2 and app.opened == []
        await pilot.click(ReviewTable, offset=(3, 3))  # clicked again: opened
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.opened == ["2", "2"], "the row opened twice")


async def test_the_screen_follows_a_resize(library):
    library.create("Metallic Rouge", season="Winter 2024")
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "-wide" in screen.classes  # its width class
        await pilot.resize_terminal(90, 30)  # the writer makes the window smaller
        table = screen.query_one("#reviews", ReviewTable)
        await wait_for(pilot, lambda: screen.size == Size(90, 30) and table.size.width == 88, "the new size")
        assert len(str(screen.query_one("KeyFooter").render())) == 90
        assert "-medium" in screen.classes and "-wide" not in screen.classes


async def test_a_row_s_cells_are_made_when_it_is_first_drawn(library):
    for n in range(120):
        library.create(f"Show {n:03}", season="Winter 2024")
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reviews", ReviewTable)
        assert table.row_count == 120
        made = len(table.row_cells)
        assert 0 < made <= 30  # a screenful, not all 120
        last = table.cells_of(119)  # asked for: made then
        entry = next(e for e in app.screen.entries if e.slug == table.row_keys[119])
        assert [str(c) for c in last[:3]] == [entry.title, "Winter 2024", "draft"]
        made = len(table.row_cells)
        table.move_cursor(row=60)  # the writer goes down the list: those rows are drawn
        await wait_for(pilot, lambda: table.scroll_y > 0 and len(table.row_cells) > made, "the rows further down")
        assert app.screen.selected_slug() == table.row_keys[60]


@pytest.mark.parametrize("reviews", [0, 3])
async def test_the_first_resume_leaves_every_widget_styled_as_a_full_restyle_would(library, reviews):
    """The library screen is not styled again as it is first shown (it was
    as it was made): it looks as if it had been, at every width."""
    for title in ("Metallic Rouge", "Frieren", "Dungeon Meshi")[:reviews]:
        library.create(title, season="Winter 2024")
    for size in ((120, 40), (90, 30), (70, 24)):
        app = ReviewDeskApp(library=library)
        async with app.run_test(size=size) as pilot:
            screen = await on_screen(pilot, LibraryScreen)
            await wait_for(pilot, lambda: screen.query("#reviews, #welcome"), "the list or the welcome")
            await pilot.pause()
            assert await restyled_alike(pilot, screen), size
