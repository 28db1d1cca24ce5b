"""A paste holding control characters (a terminal's escape sequences): the
review drops them, and the editor shows what the review kept, with the cursor
where it was, so the two agree and the answer is not taken as changed again
at every sync."""

from __future__ import annotations

from textual import events

from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from waiting import wait_for


async def test_a_pasted_control_character_leaves_the_editor_too(draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the review")
        editor = await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor) and app.focused, "the editor")
        editor.load_text("Rouge is an android.\nShe hunts the Nine.")
        editor.move_cursor((0, 5))
        screen.sync_editors()
        app.post_message(events.Paste(" Red\x1b[31mstar\x07"))
        kept = "Rouge Red[31mstar is an android.\nShe hunts the Nine."
        await wait_for(pilot, lambda: "star" in editor.text, "the paste")
        await wait_for(pilot, lambda: editor.text == kept, "the editor showing the kept text")
        assert screen.review.peek(editor.question_id).text == kept
        assert editor.cursor_location == (0, len("Rouge Red[31mstar"))
        assert screen.save_now()
        changes = []
        screen.session.changed = lambda: changes.append(1)  # a sync that takes the answer as changed
        screen.sync_editors()
        assert changes == []
