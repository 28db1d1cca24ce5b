"""The library screen at start: the list is read once, and every column fits its text."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import DuplicateKey

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.library import COLUMNS, LibraryScreen
from screen_styles import restyled_alike


def _count_listings(monkeypatch):
    calls = []
    original = Library.summaries

    def counting(self):
        calls.append(self.root)
        return original(self)

    monkeypatch.setattr(Library, "summaries", counting)
    return calls


async def test_the_library_is_read_once_at_start(library, monkeypatch):
    for title in ("Metallic Rouge", "Frieren", "Dungeon Meshi"):
        library.create(title, season="Winter 2024")
    calls = _count_listings(monkeypatch)
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#reviews", DataTable).row_count == 3
        assert len(calls) == 1


async def test_the_library_is_read_again_after_another_screen(library, monkeypatch):
    library.create("Metallic Rouge", season="Winter 2024")
    calls = _count_listings(monkeypatch)
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        library.create("Frieren", season="Fall 2023")  # say, by the command line meanwhile
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#reviews", DataTable).row_count == 2
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
        table = app.screen.query_one("#reviews", DataTable)
        assert table.row_count == 3
        for n, (label, key) in enumerate(COLUMNS, start=1):
            cells = [table.get_row_at(i)[n] for i in range(table.row_count)]
            widest = max([cell_len(label), *(cell_len(str(c)) for c in cells)])
            assert table.columns[key].width == widest, key
        assert table.columns["season"].width == len("Autumn of the very long season name 2023")
        assert table.columns["words"].width == len("12,345")


START_PROBE = """
import asyncio, json, sys
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp

async def main():
    app = ReviewDeskApp(library=Library(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "LibraryScreen"
        print(json.dumps(sorted(sys.modules)))
        await pilot.pause(1.5)  # the writer looks at the list: opening a review gets ready
        print(json.dumps(sorted(sys.modules)))
        from reviewdesk.tui.widgets.editor import _Markdown
        print(json.dumps(_Markdown.tried))

asyncio.run(main())
"""


def test_the_start_leaves_the_other_screens_and_the_exports_unimported(library):
    """Each of these costs start-up time and is needed only later."""
    import json
    import os
    import subprocess
    import sys

    library.create("Metallic Rouge", season="Winter 2024")
    result = subprocess.run([sys.executable, "-c", START_PROBE, str(library.root)], capture_output=True,
                            env=os.environ.copy(), timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    at_start, a_moment_later, grammar_tried = result.stdout.decode().splitlines()[-3:]
    loaded = set(json.loads(at_start))
    assert "reviewdesk.tui.screens.library" in loaded
    for module in ("reviewdesk.tui.screens.settings", "reviewdesk.tui.screens.review", "reviewdesk.publish.targets",
                   "reviewdesk.review.history", "reviewdesk.aids.checks", "reviewdesk.importer.markdown", "spellchecker",
                   "markdown_it", "textual.widgets._text_area", "yaml", "reviewdesk.publish.export", "reviewdesk.publish.clipboard"):
        assert module not in loaded, module
    # Then, while the list is read, what the first review opened needs is loaded.
    later = set(json.loads(a_moment_later))
    for module in ("reviewdesk.tui.screens.review", "textual.widgets._text_area", "markdown_it"):
        assert module in later, module
    assert json.loads(grammar_tried) is True
    for module in ("reviewdesk.tui.screens.settings", "reviewdesk.publish.targets", "reviewdesk.importer.markdown"):
        assert module not in later, module


def test_an_empty_library_starts_without_the_table(library):
    """No reviews, no table: DataTable and the library's table are not even imported."""
    import json
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", START_PROBE, str(library.root)], capture_output=True,
                            env=os.environ.copy(), timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    loaded = set(json.loads(result.stdout.decode().splitlines()[-3]))
    assert "reviewdesk.tui.screens.library" in loaded
    assert "textual.widgets._data_table" not in loaded
    assert "reviewdesk.tui.widgets.review_table" not in loaded


async def test_the_start_sets_the_heap_aside_from_collection_only_for_a_while(library, monkeypatch):
    import gc

    from reviewdesk.tui.screens import library as screen_module

    library.create("Metallic Rouge", season="Winter 2024")
    monkeypatch.setattr(screen_module, "THAW_AFTER", 0.05)
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        await pilot.pause(0.3)
        assert gc.get_freeze_count() == 0  # thawed
    monkeypatch.setattr(screen_module, "THAW_AFTER", 100)
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0  # and when the app ends before the thaw


def test_a_cell_draws_as_the_text_it_stands_for():
    from rich.text import Text

    from reviewdesk.tui.screens.library import Cell
    from reviewdesk.tui.widgets.fast_cells import ProgressCell, progress_bar

    for done, total in [(0, 9), (3, 9), (9, 9), (0, 0), (5, 8), (1, 3)]:
        cell = ProgressCell(done, total, "green")
        assert str(cell) == cell.__rich__().plain == progress_bar(done, total, colour="green").plain
        assert cell.__rich__().spans == progress_bar(done, total, colour="green").spans
    assert Cell("1,234", justify="right").__rich__().justify == "right"
    title = Cell("A long title", ellipsis=True).__rich__()
    assert (title.overflow, title.no_wrap, str(Cell("x", "red"))) == ("ellipsis", True, "x")
    assert Cell("broken", "bold red").__rich__().style == Text("broken", style="bold red").style


async def test_adding_rows_at_once_leaves_the_table_as_adding_them_one_by_one():
    from textual.app import App

    from reviewdesk.tui.screens.library import Cell
    from reviewdesk.tui.widgets.review_table import ReviewTable

    class Tables(App):
        def compose(self):
            yield DataTable(id="one")
            yield ReviewTable(id="all")

    rows = [((Cell(f"Show {n}"), f"{n}", Cell("draft", "yellow")), f"slug-{n}") for n in range(25)]
    app = Tables()
    async with app.run_test() as pilot:
        one, at_once = app.query_one("#one", DataTable), app.query_one("#all", ReviewTable)
        for table in (one, at_once):
            for label in ("Title", "Words", "Status"):
                table.add_column(label, key=label.lower(), width=10)
        for cells, key in rows:
            one.add_row(*cells, key=key)
        at_once.add_rows_at_once(rows)
        await pilot.pause()
        assert at_once.row_count == one.row_count == 25
        for n in range(25):
            assert at_once.get_row_at(n) == one.get_row_at(n)
            assert at_once.coordinate_to_cell_key((n, 0)) == one.coordinate_to_cell_key((n, 0))
        assert [r.height for r in at_once.ordered_rows] == [r.height for r in one.ordered_rows]
        assert at_once.cursor_coordinate == one.cursor_coordinate
        assert at_once.virtual_size == one.virtual_size
        with pytest.raises(DuplicateKey):
            at_once.add_rows_at_once([rows[0]])


async def test_the_fast_cells_draw_exactly_what_datatable_would(library):
    """Every cell of the list, under the cursor or not, hovered or not, in a
    few themes: the segments ReviewTable makes are the ones DataTable's own
    drawing makes (same texts, same styles, same splits)."""
    from rich.style import Style

    from reviewdesk.tui.widgets.review_table import ReviewTable

    titles = ["Metallic Rouge (Season One)", "Frieren: Beyond Journey's End, a title far too long for its column",
              "葬送のフリーレン 第2期", "Oshi no Ko 🌟", "x", "Trailing  spaces   "]
    for n, title in enumerate(titles):
        review = library.create(title, season=["Winter 2024", "Fall 2023", ""][n % 3])
        review.status = ["draft", "ready", "published"][n % 3]
        for qid in ("watched", "happened", "thought")[: n % 4]:
            review.set_answer(qid, "word " * (n * 700 + 1))
        library.save(review)
    (library.root / "broken.toml").write_text("title = [unclosed", encoding="utf-8")
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reviews", ReviewTable)
        compared = fast = 0
        for theme in ("desk-ink", "desk-paper", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            bases = [table.rich_style, Style(bgcolor="#202020", color="#e0e0e0"), Style()]
            for row in range(table.row_count):
                for column, key in enumerate(table.columns):
                    width = table.columns[key].get_render_width(table)
                    for base in bases:
                        for cursor, hover in ((False, False), (True, False), (False, True), (True, True)):
                            table._cell_render_cache.clear()
                            theirs = DataTable._render_cell(table, row, column, base, width, cursor, hover)
                            table._cell_render_cache.clear()
                            ours = table._render_cell(row, column, base, width, cursor, hover)
                            assert ours == theirs, (theme, row, column, cursor, hover)
                            compared += 1
                table._cell_render_cache.clear()
                cells = table.get_row_at(row)
                fast += sum(type(c).__name__ in ("TextCell", "ProgressCell") for c in cells)
        assert compared > 500 and fast > 30


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
        await pilot.pause()
        table = screen.query_one("#reviews", DataTable)
        assert table.row_count == 1 and table.display and screen.query_one("#filter").display
        assert not screen.query_one("#welcome").display
        assert app.focused is table and screen.selected_slug() == "metallic-rouge-season-one"
        assert [str(c.label) for c in table.ordered_columns][:2] == ["Title", "Season"]
        await pilot.press("slash")
        assert app.focused is screen.query_one("#filter")


async def test_the_rows_take_the_new_theme_s_colours(library):
    for title in ("Metallic Rouge", "Frieren", "Dungeon Meshi"):
        library.create(title, season="Winter 2024")
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reviews", DataTable)
        before = [table._get_row_style(n, Style()) for n in (-1, 0, 1)]
        app.theme = "desk-paper" if app.theme != "desk-paper" else "desk-ink"
        await pilot.pause(0.2)
        after = [table._get_row_style(n, Style()) for n in (-1, 0, 1)]
        # What DataTable itself works out now, asked afresh.
        assert after == [DataTable._get_row_style(table, n, Style()) for n in (-1, 0, 1)]
        assert after != before
        table.blur()  # focus is part of the look too
        await pilot.pause()
        assert [table._get_row_style(n, Style()) for n in (-1, 0, 1)] == [
            DataTable._get_row_style(table, n, Style()) for n in (-1, 0, 1)]


async def test_the_screen_is_laid_out_again_only_when_its_size_changes(library):
    library.create("Metallic Rouge", season="Winter 2024")
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        layouts = []
        original = screen._refresh_layout

        def counting(*args, **kwargs):
            layouts.append(args)
            return original(*args, **kwargs)

        screen._refresh_layout = counting
        assert "-wide" in screen.classes  # its width class, though its first Resize was skipped
        screen.post_message(events.Resize(Size(120, 40), Size(120, 40)))  # what Textual sends at start
        await pilot.pause()
        assert layouts == []
        await pilot.resize_terminal(90, 30)  # the writer makes the window smaller
        await pilot.pause()
        assert layouts
        table = screen.query_one("#reviews", DataTable)
        assert screen.size == Size(90, 30) and table.size.width == 88  # the body's padding: one column a side
        assert len(str(screen.query_one("KeyFooter").render())) == 90
        assert "-medium" in screen.classes and "-wide" not in screen.classes


async def test_a_row_s_cells_are_made_when_it_is_first_drawn(library):
    for n in range(120):
        library.create(f"Show {n:03}", season="Winter 2024")
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reviews", DataTable)
        made = dict.__len__(table._data)
        assert table.row_count == len(table._data) == 120
        assert 0 < made <= 30  # a screenful, not all 120
        last = table.get_row_at(119)  # asked for: made then
        key = table.coordinate_to_cell_key((119, 0)).row_key.value
        entry = next(e for e in app.screen.entries if e.slug == key)
        assert [str(c) for c in last[:3]] == [entry.title, "Winter 2024", "draft"]
        made = dict.__len__(table._data)
        table.move_cursor(row=60)  # the writer goes down the list: those rows are drawn
        await pilot.pause()
        assert table.scroll_y > 0 and dict.__len__(table._data) > made
        assert app.screen.selected_slug() == table.coordinate_to_cell_key((60, 0)).row_key.value


@pytest.mark.parametrize("reviews", [0, 3])
async def test_the_first_resume_leaves_every_widget_styled_as_a_full_restyle_would(library, reviews):
    """The library screen is not styled again as it is first shown (it was
    as it was made): it looks as if it had been, at every width."""
    for title in ("Metallic Rouge", "Frieren", "Dungeon Meshi")[:reviews]:
        library.create(title, season="Winter 2024")
    for size in ((120, 40), (90, 30), (70, 24)):
        app = ReviewDeskApp(library=library)
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.2)
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            assert await restyled_alike(pilot, screen), size
