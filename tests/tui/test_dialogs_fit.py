"""Every dialog fits an 80x24 window: its buttons are drawn whole, inside the
window (issue 18, item 3: the Images dialog showed only its buttons' top
edge). Dialogs whose snapshots would show this machine's paths (settings,
the delete question) are checked here rather than drawn."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Button

from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.library import LibraryScreen
from reviewdesk.tui.screens.review import ReviewScreen
from waiting import wait_for

FROM_THE_LIBRARY = {"settings": "f2", "delete question": "d", "new review": "n", "import": "i"}
FROM_THE_REVIEW = {"images": "ctrl+f", "export": "ctrl+g", "history": "f5", "keys": "f1"}


def whole_and_inside(app) -> list[str]:
    """The buttons of the dialog on top that are cut or outside the window."""
    window = Region(0, 0, *app.size)
    bad = []
    for button in app.screen.query(Button):
        if not button.display:
            continue
        drawn = button.region
        if drawn.height < button.outer_size.height or not window.contains_region(drawn):
            bad.append(f"{button.label} drawn at {drawn}, {button.outer_size.height} rows high")
    return bad


@pytest.mark.parametrize("name", FROM_THE_LIBRARY)
async def test_a_dialog_from_the_library_fits_80x24(draft, name):
    lib, _slug = draft
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.query("#reviews"),
                    "the library")
        await pilot.press(FROM_THE_LIBRARY[name])
        await wait_for(pilot, lambda: isinstance(app.screen, ModalScreen), name)
        await pilot.pause()
        assert whole_and_inside(app) == []


@pytest.mark.parametrize("name", FROM_THE_REVIEW)
async def test_a_dialog_from_the_review_fits_80x24(draft, name):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.focused is not None, "the review")
        await pilot.press(FROM_THE_REVIEW[name])
        await wait_for(pilot, lambda: isinstance(app.screen, ModalScreen), name)
        await pilot.pause()
        assert whole_and_inside(app) == []
