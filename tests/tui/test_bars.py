"""The title bar and the footer: one line each, reading and working as
Textual's Header and Footer did."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import Static

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.library import LibraryScreen
from reviewdesk.tui.screens.new_review import NewReviewScreen
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.footer import KeyFooter
from reviewdesk.tui.widgets.title_bar import TitleBar
from waiting import mounted, on_screen, wait_for


def line(widget) -> str:
    return str(widget.render())


async def test_the_library_footer_lists_its_keys_and_the_palette_at_the_right(draft):
    lib, _slug = draft
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await on_screen(pilot, LibraryScreen)
        footer = screen.query_one(KeyFooter)
        text = await wait_for(pilot, lambda: line(footer).strip() and line(footer), "the footer's keys")
        assert len(text) == 120
        assert text.startswith(" n New  i Import  e Export  c Copy  d Delete ")
        assert text.rstrip().endswith("▏ ^p palette")
        assert [entry.description for entry in footer.entries][:3] == ["New", "Import", "Export"]
        # The footer is one widget: no key widgets under it.
        assert not footer.children


async def test_a_narrow_footer_leaves_out_whole_keys_and_keeps_quit_and_the_palette(draft):
    lib, _slug = draft
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(60, 30)) as pilot:
        footer = (await on_screen(pilot, LibraryScreen)).query_one(KeyFooter)
        text = await wait_for(pilot, lambda: line(footer).strip() and line(footer), "the footer's keys")
        assert len(text) == 60 and text.rstrip().endswith("▏ ^p palette")
        shown = text.split("▏")[0].rstrip()
        # The way out stays; whole keys are left out before it, never half of one.
        assert "^q Quit" in shown and "f1 Keys" in shown, shown  # the way out, and the list of every key
        assert shown.startswith(" n New  i Import  / Filter "), shown  # the library's most important first
        assert "Season" not in shown and "s Sea" not in shown


async def test_clicking_a_key_in_the_footer_presses_it(draft):
    lib, _slug = draft
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(120, 30)) as pilot:
        footer = (await on_screen(pilot, LibraryScreen)).query_one(KeyFooter)
        column = (await wait_for(pilot, lambda: "New" in line(footer) and line(footer), "the footer's keys")).index("New")
        await pilot.click(KeyFooter, offset=(column, 0))
        await on_screen(pilot, NewReviewScreen)


class _Desk(Screen):
    BINDINGS = [Binding("x", "export", "Export"), Binding("s", "save", "Save")]

    def __init__(self) -> None:
        super().__init__()
        self.saved = 0
        self.export_ready = False

    def compose(self):
        yield Static("desk")
        yield KeyFooter()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "export" and not self.export_ready:
            return None  # shown, but not available now
        return True

    def action_save(self) -> None:
        self.saved += 1


class _DeskApp(App):
    def on_mount(self) -> None:
        self.push_screen(_Desk())


async def test_a_key_not_available_is_dimmed_and_clicking_it_rings_the_bell():
    app = _DeskApp()
    bells = []
    app.bell = lambda: bells.append(True)
    async with app.run_test(size=(80, 10)) as pilot:
        footer = (await on_screen(pilot, _Desk)).query_one(KeyFooter)
        await wait_for(pilot, lambda: len(footer.entries) >= 2, "the footer's keys")
        export, save = footer.entries[:2]
        assert not export.enabled and save.enabled
        rendered = footer.render()
        start = str(rendered).index("Export")
        assert any(span.start <= start < span.end and getattr(span.style, "dim", False)
                   for span in rendered.spans)
        await pilot.click(KeyFooter, offset=(start, 0))
        await pilot.click(KeyFooter, offset=(str(rendered).index("Save"), 0))
        await wait_for(pilot, lambda: app.screen.saved, "the click on Save")
        await pilot.pause()
        assert bells == [True] and app.screen.saved == 1


async def test_the_title_bar_names_the_screen_and_its_icon_opens_the_palette(draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await on_screen(pilot, LibraryScreen)
        assert "Review Desk — Library" in line(screen.query_one(TitleBar))
        app.open_review(slug)
        screen = await on_screen(pilot, ReviewScreen)
        bar = await mounted(pilot, screen, TitleBar)
        assert "Review Desk — Metallic Rouge (Season One)" in line(bar)
        await pilot.click(TitleBar, offset=(1, 0))
        await on_screen(pilot, CommandPalette)


async def test_a_long_title_is_cut_with_an_ellipsis(library_dir):
    lib = Library(library_dir)
    review = lib.create("A Very Long Title " * 8, season="Winter 2024")
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await on_screen(pilot, ReviewScreen)
        bar = await mounted(pilot, screen, TitleBar)
        text = await wait_for(pilot, lambda: "A Very Long" in line(bar) and line(bar), "the title in the bar")
        assert len(text) == 80 and "…" in text


async def test_the_hovered_key_stays_lit_when_another_key_changes():
    app = _DeskApp()
    async with app.run_test(size=(80, 10)) as pilot:
        footer = (await on_screen(pilot, _Desk)).query_one(KeyFooter)
        column = (await wait_for(pilot, lambda: "Save" in str(footer.render()) and str(footer.render()),
                                 "the footer's keys")).index("Save")
        await pilot.hover(KeyFooter, offset=(column, 0))
        lit = footer.get_component_rich_style("key-footer--hover", partial=True)

        def save_is_lit() -> bool:
            rendered = footer.render()
            return any(span.start <= column < span.end and span.style == lit for span in rendered.spans)

        assert save_is_lit()
        app.screen.export_ready = True  # Export becomes available: the keys are read again
        app.screen.refresh_bindings()
        await wait_for(pilot, lambda: footer.entries[0].enabled, "the new keys in the footer")
        assert save_is_lit()
