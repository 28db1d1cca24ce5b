"""Opening builds only what is shown: the current question's editor. Other
editors and the Series Information form are built on their first visit and
kept for the next."""

from __future__ import annotations

from reviewdesk.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.info_form import InfoForm


async def test_only_the_current_editor_is_built_on_open(library_dir):
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.set_answer("watched", "An android noir from Bones.")
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert [e.question_id for e in screen.query(AnswerEditor)] == ["happened"]
        assert not screen.query(InfoForm)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert {e.question_id for e in screen.query(AnswerEditor)} == {"happened", "thought"}
        assert app.focused.question_id == "thought"
        await pilot.press("ctrl+o")
        await pilot.pause()
        first = screen.query_one("#editor-happened", AnswerEditor)
        assert app.focused is first  # the same editor, kept: not rebuilt
        screen.go(screen.count)
        await pilot.pause()
        form = screen.query_one(InfoForm)
        assert form.display and app.focused is form.first_input()
        await pilot.press(*"Metallic Rouge")
        await pilot.pause()
        screen.go(0)
        await pilot.pause()
        screen.go(screen.count)
        await pilot.pause()
        assert screen.query_one(InfoForm) is form  # built once
        assert screen.review.info.get("english_title") == "Metallic Rouge"
