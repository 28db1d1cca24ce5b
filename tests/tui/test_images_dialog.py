"""The Images dialog: the highlighted image is the one Remove and Delete act on,
a removal can be put back, and the dialog fits a 80x24 terminal."""

from __future__ import annotations

from textual.widgets import Button, Input, OptionList

from drawn import screen_lines
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.images import ImagesScreen
from waiting import notes_of, wait_for

CAPTIONS = ["Rouge in the rain", "The theatre", "Naomi's office"]


def with_images(library_dir, count: int = 3) -> tuple[Library, str]:
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.set_answer("watched", "An android noir from Bones.")
    for n, caption in enumerate(CAPTIONS[:count], 1):
        review.add_image("watched", f"images/ep{n}.png", caption)
    lib.save(review)
    return lib, review.slug


async def open_images(pilot) -> ImagesScreen:
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review")
    app.screen.go(0)
    await pilot.press("ctrl+f")
    await wait_for(pilot, lambda: isinstance(app.screen, ImagesScreen), what="the Images dialog")
    await pilot.pause()
    return app.screen


def captions(app) -> list[str]:
    review = app.screen_stack[1].review  # the review screen, under the dialog
    return [im.caption for im in review.answer("watched").images]


async def test_the_first_image_is_highlighted_and_delete_removes_it_then_ctrl_z_puts_it_back(library_dir):
    lib, slug = with_images(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    notes = notes_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_images(pilot)
        options = dialog.query_one("#images", OptionList)
        assert options.highlighted == 0 and options.has_focus

        await pilot.press("delete")
        await pilot.pause()
        assert captions(app) == CAPTIONS[1:]
        assert any("ctrl+z puts it back" in n for n in notes)
        assert options.highlighted == 0  # the next image is highlighted now

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert captions(app) == CAPTIONS

        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review again")


async def test_remove_acts_on_the_highlighted_image_without_enter(library_dir):
    lib, slug = with_images(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_images(pilot)
        await pilot.press("down")
        await pilot.click("#remove")
        await pilot.pause()
        assert captions(app) == [CAPTIONS[0], CAPTIONS[2]]
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review again")
        assert dialog.changed


async def test_delete_and_ctrl_z_with_nothing_to_act_on_say_why(library_dir):
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    notes = notes_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_images(pilot)
        assert dialog.query_one("#src", Input).has_focus  # no image yet: ready to add one
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any("Nothing to put back" in n for n in notes)
        await pilot.click("#remove")
        await pilot.pause()
        assert any("No image to remove" in n for n in notes)


async def test_the_dialog_fits_80x24_with_its_buttons_whole(library_dir):
    lib, slug = with_images(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_images(pilot)
        lines = screen_lines(app)
        buttons = [n for n, line in enumerate(lines) if "Add image" in line]
        assert len(buttons) == 1, lines
        row = lines[buttons[0]]
        assert "Remove" in row and "Close" in row
        assert "▄" * 20 in lines[buttons[0] + 1]  # the dialog's bottom edge is below the buttons
        assert "esc Close" in lines[-1]  # and the footer below that
        for button in dialog.query(Button):
            assert button.region.height == 1 and button.region.bottom <= 23


async def test_the_caption_example_comes_from_this_review_and_reads_as_an_example(library_dir):
    lib = Library(library_dir)
    review = lib.create("Frieren: Beyond Journey's End", season="Fall 2023")
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review")
        app.screen.go(3)  # What was your favourite moment?
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, ImagesScreen), what="the Images dialog")
        caption = app.screen.query_one("#caption", Input)
        assert caption.placeholder == "e.g. Frieren: Beyond Journey's End, favourite moment"
        assert "Metallic Rouge" not in caption.placeholder
        assert app.screen.query_one("#src", Input).placeholder.startswith("e.g. ")
