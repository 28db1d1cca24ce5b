"""A key that cannot act says why, rather than doing nothing visible."""

from __future__ import annotations

import pytest

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.export import ExportScreen
from reviewdesk.tui.screens.move import MoveScreen
from waiting import notes_of, wait_for


async def on_review(pilot, index: int):
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review")
    app.screen.go(index)
    await pilot.pause()
    return app.screen


async def press_and_hear(pilot, notes, key) -> str:
    before = len(notes)
    await pilot.press(key)
    await wait_for(pilot, lambda: len(notes) > before, f"a word about {key}", timeout=3)
    return notes[-1]


async def test_f4_with_no_extra_section_says_there_is_nothing_to_move(review_app):
    async with review_app() as (app, pilot):
        notes = app.notes
        await on_review(pilot, 0)
        said = await press_and_hear(pilot, notes, "f4")
        assert "Nothing to move" in said and "extra section" in said


async def test_f4_on_a_question_of_a_review_with_an_extra_section_says_where_to_go(library_dir, write_draft):
    lib = Library(library_dir)
    review = write_draft(episode_notes="Episode 4 was the best.")
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    notes = notes_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await on_review(pilot, 0)
        said = await press_and_hear(pilot, notes, "f4")
        assert "go to one first" in said
        screen.go(screen.questions)  # the extra section: F4 acts there
        await pilot.pause()
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, MoveScreen), what="the Move dialog")


@pytest.mark.parametrize("key, says", [
    ("ctrl+t", "Series Information has no answer to mark done"),
    ("f3", "Series Information has no answer to skip"),
    ("f9", "Series Information has no answer to mark as a spoiler"),
])
async def test_marks_on_series_information_say_they_belong_to_questions(review_app, key, says):
    async with review_app() as (app, pilot):
        notes = app.notes
        screen = await on_review(pilot, 9)
        assert screen.on_info
        assert says in await press_and_hear(pilot, notes, key)


async def test_previous_on_the_first_question_says_it_is_the_first(review_app):
    async with review_app() as (app, pilot):
        notes = app.notes
        await on_review(pilot, 0)
        assert "first question" in await press_and_hear(pilot, notes, "ctrl+o")


async def test_library_keys_with_no_review_to_act_on_say_so(library_dir):
    app = ReviewDeskApp(library=Library(library_dir))
    notes = notes_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "LibraryScreen", what="the library")
        for key, verb in (("e", "export"), ("c", "copy"), ("d", "delete"), ("enter", "open")):
            said = await press_and_hear(pilot, notes, key)
            assert f"No review to {verb}" in said and "press n" in said
        assert "Nothing to undo" in await press_and_hear(pilot, notes, "u")
        assert "No filter to clear" in await press_and_hear(pilot, notes, "escape")


async def test_a_in_the_export_away_from_the_warnings_says_where_to_go(review_app):
    async with review_app() as (app, pilot):
        notes = app.notes
        await on_review(pilot, 0)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen), what="the export")
        said = await press_and_hear(pilot, notes, "a")
        assert "highlight a spelling warning" in said


async def test_f6_from_the_question_list_goes_to_series_information_and_looks_up(review_app, web):
    """(In an answer's editor F6 is the editor's own key: it selects the line.)"""
    from reviewdesk.tui.screens.lookup import LookupScreen

    async with review_app() as (app, pilot):
        screen = await on_review(pilot, 0)
        screen.query_one("#questions").focus()
        await pilot.pause()
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, LookupScreen), what="the lookup")
        assert screen.on_info
