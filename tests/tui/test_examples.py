"""Examples look like examples: "e.g.", italic and dimmer than a value, yet readable;
an empty title is refused as soon as Enter is pressed on it."""

from __future__ import annotations

from textual.widgets import Input, Static

from drawn import find, screen_cells
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.new_review import NewReviewScreen
from reviewdesk.tui.theming import contrast_ratio
from waiting import wait_for


async def open_new_review(pilot) -> NewReviewScreen:
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == "LibraryScreen", what="the library")
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(app.screen, NewReviewScreen), what="the New review dialog")
    await pilot.pause()
    return app.screen


async def test_enter_on_an_empty_title_says_at_once_that_a_title_is_needed(library_dir):
    app = ReviewDeskApp(library=Library(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_new_review(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewReviewScreen)
        assert "needs a title" in str(dialog.query_one("#problem", Static).render())
        assert dialog.query_one("#title", Input).has_focus  # not moved on to the season
        await pilot.press(*"Frieren")
        await pilot.pause()
        assert str(dialog.query_one("#problem", Static).render()).strip() == ""  # gone once typed
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.query_one("#season", Input).has_focus


async def test_an_example_is_marked_dimmed_and_italic_but_still_readable(library_dir):
    app = ReviewDeskApp(library=Library(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_new_review(pilot)
        dialog.query_one("#season", Input).value = "Winter 2024"  # a value, beside the title's example
        await pilot.pause()
        grid = screen_cells(app)
        example = find(grid, "e.g. Metallic Rouge (Season One)")
        value = find(grid, "Winter 2024")
        assert example and value
        letter = example[5]  # the "M"
        assert letter.italic and not value[0].italic
        assert contrast_ratio(letter.fg, letter.bg) < contrast_ratio(value[0].fg, value[0].bg)  # dimmer
        assert contrast_ratio(letter.fg, letter.bg) >= 4.5  # and readable
