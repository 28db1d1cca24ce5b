"""Every dialog's footer shows its own keys, never those of the screen under it."""

from __future__ import annotations

import pytest

from drawn import screen_lines
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.confirm import ConfirmScreen
from reviewdesk.tui.screens.conflict import ConflictScreen
from reviewdesk.tui.screens.dialog import Dialog
from waiting import wait_for

# Keys of the screens underneath: none of them may show under a dialog.
UNDERNEATH = ("Next", "Previous", "Library", "New ", "Import", "Delete", "Season")


def extra_section(library_dir) -> str:
    """A review with one imported section that matched no question (so F4 can move it)."""
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.set_answer("watched", "An android noir from Bones.")
    review.set_answer("episode_notes", "Episode 4 was the best.")
    review.answers["episode_notes"].extra["heading"] = "Episode notes"
    lib.save(review)
    return review.slug


async def open_dialog(pilot, keys):
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ in ("ReviewScreen", "LibraryScreen"),
                   what="the first screen")
    if callable(keys):
        keys(app)
    else:
        for key in keys:
            await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, Dialog), what="the dialog")
    await pilot.pause()


def conflict(app):
    screen = app.screen
    app.push_screen(ConflictScreen(screen.library, screen.review, screen.template))


def images(app):
    """Images of a question that has two: the list has the focus, so Delete is the list's."""
    screen = app.screen
    screen.review.add_image("happened", "images/ep1.png", "Rouge in the rain")
    screen.review.add_image("happened", "images/ep4.png", "The theatre")
    screen.action_images()


def confirm(app):
    app.push_screen(ConfirmScreen("Move “Metallic Rouge” to the trash?", yes="Move to trash"))


REVIEW_DIALOGS = {
    "images": (images, ("esc Close", "del Remove image", "^z Undo remove")),
    "history": (("ctrl+s", "f5"), ("esc Close", "⏎ Restore")),
    "export": (("ctrl+g",), ("esc Close", "^l Copy", "^s Save file")),
    "settings": (("f2",), ("esc Close",)),
    "conflict": (conflict, ("esc Keep mine",)),
    "confirm": (confirm, ("esc Cancel", "y Yes")),
}


@pytest.mark.parametrize("name", REVIEW_DIALOGS)
async def test_a_dialog_over_the_review_shows_its_own_keys(draft, name):
    lib, slug = draft
    keys, expected = REVIEW_DIALOGS[name]
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dialog(pilot, keys)
        footer = screen_lines(app)[-1]
        for label in expected:
            assert label in footer, (label, footer)
        for label in UNDERNEATH:
            assert label not in footer, (label, footer)


async def test_the_move_dialog_shows_its_own_keys(library_dir):
    slug = extra_section(library_dir)
    app = ReviewDeskApp(library=Library(library_dir), open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review")
        app.screen.go(app.screen.questions)  # the extra section, after the nine questions
        await open_dialog(pilot, ("f4",))
        footer = screen_lines(app)[-1]
        assert "esc Cancel" in footer and "⏎ Move here" in footer, footer
        assert not any(label in footer for label in UNDERNEATH), footer


LIBRARY_DIALOGS = {
    "new review": (("n",), ("esc Cancel",)),
    "import": (("i",), ("esc Cancel",)),
}


@pytest.mark.parametrize("name", LIBRARY_DIALOGS)
async def test_a_dialog_over_the_library_shows_its_own_keys(draft, name):
    lib, _slug = draft
    keys, expected = LIBRARY_DIALOGS[name]
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dialog(pilot, keys)
        footer = screen_lines(app)[-1]
        for label in expected:
            assert label in footer, (label, footer)
        for label in UNDERNEATH + ("Export", "Copy"):
            assert label not in footer, (label, footer)
