"""Importing from the library, and moving an extra section into a question."""

from __future__ import annotations

import tomllib

from textual.widgets import Input

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.import_file import ImportScreen
from reviewdesk.tui.screens.move import MoveScreen
from reviewdesk.tui.screens.review import ReviewScreen
from waiting import on_screen, wait_for

POST = """# Metallic Rouge (Season One)

An android hunts her own kind.

## What did you watch?

Bones' android noir.

## A word about the soundtrack

Brass and brushed drums all season.

## What did you think?

Gorgeous and muddled.
"""


async def test_import_from_the_library_keeps_unmatched_text_and_it_can_be_moved(library_dir, tmp_path):
    post = tmp_path / "old-post.md"
    post.write_text(POST)
    app = ReviewDeskApp(library=Library(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one("#path", Input).value = str(post)
        await pilot.press("enter")
        screen = await on_screen(pilot, ReviewScreen)
        assert screen.review.title == "Metallic Rouge (Season One)"
        assert screen.review.peek("watched").text.strip() == "Bones' android noir."
        # The unmatched section is a page of its own, after the nine questions.
        assert screen.count == 10
        extra = screen.pages[9]
        assert "soundtrack" in extra.heading
        screen.go(2)  # visit the target question first: its editor exists when the text moves in
        await pilot.pause()
        screen.go(9)
        await pilot.pause()
        assert screen.on_extra
        assert "Brass and brushed drums" in app.focused.text
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, MoveScreen)
        app.screen.query_one("OptionList").highlighted = 2  # What did you think?
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.count == 9, "the section moved")
        await wait_for(pilot, lambda: getattr(app.focused, "question_id", None) == "thought", "the question it went to")
        assert screen.count == 9 and screen.index == 2
        assert app.focused.text == "Gorgeous and muddled.\n\nBrass and brushed drums all season."
        slug = screen.review.slug
        await pilot.press("ctrl+q")
    data = tomllib.loads((library_dir / f"{slug}.toml").read_text())
    assert data["answers"]["thought"]["text"] == "Gorgeous and muddled.\n\nBrass and brushed drums all season."
    assert not any("soundtrack" in key for key in data["answers"])
    assert post.read_text() == POST  # the imported file is only read
