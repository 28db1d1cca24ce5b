"""Letters in the library: a letter that is no key starts the filter; d asks first."""

from __future__ import annotations

from textual.widgets import Input

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.confirm import ConfirmScreen
from waiting import notes_of, wait_for

TITLES = ["Metallic Rouge (Season One)", "Delicious in Dungeon", "Solo Leveling"]


def three_reviews(library_dir) -> Library:
    lib = Library(library_dir)
    for title in TITLES:
        lib.create(title, season="Winter 2024")
    return lib


async def in_library(pilot):
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == "LibraryScreen" and app.screen.selected_entry(),
                   what="the library's list")
    return app.screen


async def test_typing_a_title_filters_and_never_fires_the_letters_keys(library_dir):
    app = ReviewDeskApp(library=three_reviews(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await in_library(pilot)
        await pilot.press("M", "e")  # "e" alone would open Export
        await pilot.pause()
        assert app.screen is screen  # no Export, no other screen
        box = screen.query_one("#filter", Input)
        assert box.value == "Me" and box.has_focus
        assert screen.query_one("#reviews").row_count == 1
        assert screen.selected_entry().title == TITLES[0]
        await pilot.press("enter", "escape")  # back to the list, filter cleared
        await pilot.pause()
        assert box.value == "" and screen.query_one("#reviews").row_count == 3


async def test_an_unbound_lower_case_letter_starts_the_filter_too(library_dir):
    app = ReviewDeskApp(library=three_reviews(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await in_library(pilot)
        await pilot.press("l", "e", "v")
        await pilot.pause()
        assert screen.query_one("#filter", Input).value == "lev"
        assert screen.selected_entry().title == "Solo Leveling"


async def test_slash_selects_the_filter_so_what_is_typed_replaces_it(library_dir):
    app = ReviewDeskApp(library=three_reviews(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await in_library(pilot)
        await pilot.press("M", "e", "enter")  # filtered, back in the list
        await pilot.press("slash", "D", "e", "l")
        await pilot.pause()
        assert screen.query_one("#filter", Input).value == "Del"
        assert screen.selected_entry().title == "Delicious in Dungeon"


async def test_d_asks_before_trashing_and_undo_still_works_and_says_so(library_dir):
    lib = three_reviews(library_dir)
    app = ReviewDeskApp(library=lib)
    notes = notes_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await in_library(pilot)
        slug = screen.selected_slug()
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        assert (library_dir / f"{slug}.toml").exists()  # nothing trashed yet
        await pilot.press("escape")  # a stray d: kept
        await wait_for(pilot, lambda: app.screen is screen, what="the library again")
        assert (library_dir / f"{slug}.toml").exists()

        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: not (library_dir / f"{slug}.toml").exists(), what="the trash")
        assert any("Press u to undo" in n for n in notes)
        await pilot.press("u")
        await wait_for(pilot, lambda: (library_dir / f"{slug}.toml").exists(), what="the undo")
