"""Keys that arrive in one burst with a Tab (a fast typist, a paste) land in
the field Tab moves to, not in the one it leaves (issue 18, item 16).

The keys are handed to the app all at once, as a terminal's driver hands a
burst over, rather than one by one with the app idle in between (Pilot's
press), which hid the fault."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.new_review import NewReviewScreen
from reviewdesk.tui.screens.review import ReviewScreen
from waiting import wait_for


def burst(app, text: str) -> None:
    """``text`` as key events posted at once; "\t" is Tab."""
    for char in text:
        if char == "\t":
            app.post_message(events.Key("tab", None))
        else:
            app.post_message(events.Key(char, char))


async def test_a_burst_after_tab_in_the_new_review_dialog_lands_in_the_next_field(library_dir):
    app = ReviewDeskApp(library=Library(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "LibraryScreen", "the library")
        await pilot.press("n")
        dialog = await wait_for(pilot, lambda: isinstance(app.screen, NewReviewScreen) and app.screen, "the dialog")
        await wait_for(pilot, lambda: isinstance(app.focused, Input) and app.focused.id == "title", "the title field")
        burst(app, "Rouge\tWinter")
        season = dialog.query_one("#season", Input)
        await wait_for(pilot, lambda: season.value.endswith("Winter"), "the season typed")
        assert dialog.query_one("#title", Input).value == "Rouge"


async def test_a_burst_after_tab_in_series_information_lands_in_the_next_field(draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the review")
        screen.go(screen.count)
        first = await wait_for(pilot, lambda: isinstance(app.focused, Input) and app.focused, "the first field")
        burst(app, "Metallic Rouge\tX")
        second = screen.query_one("#info-japanese_title", Input)
        await wait_for(pilot, lambda: second.value == "X", "the second field typed")
        assert first.value.endswith("Metallic Rouge") and "X" not in first.value
