"""The two questions the editing session asks, as the writer meets them:
text a crash left (Enter recovers, Escape decides later, Discard keeps it in
history) and a draft changed on disk (changes to other parts merge without
asking; Escape decides nothing; whichever text is not kept is in history,
and the writer is told which version)."""

from __future__ import annotations

import tomllib

from textual.screen import ModalScreen
from textual.widgets import Static

from reviewdesk.review import history
from reviewdesk.review.journal import Journal
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.conflict import ConflictScreen
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.status import StatusLine
from waiting import notes_of, wait_for

CRASH_TEXT = "Rouge wakes on a train bound for Neo Tokyo."


def asking(app) -> bool:
    """A question is on screen, its buttons made and placed (ready for a key or a click)."""
    if not isinstance(app.screen, ModalScreen):
        return False
    buttons = app.screen.query("Button")
    return bool(buttons) and all(button.region for button in buttons)


def answer_on_disk(library_dir, slug, question="happened") -> str:
    data = tomllib.loads((library_dir / f"{slug}.toml").read_text())
    return data.get("answers", {}).get(question, {}).get("text", "")


def status_of(app) -> str:
    return str(app.screen.query_one(StatusLine).render())


def make_app(lib, slug) -> ReviewDeskApp:
    """The app on a draft, keeping every message it shows (a toast expires
    after its seconds, and a loaded machine can take longer than that)."""
    app = ReviewDeskApp(library=lib, open_slug=slug)
    app.notes = notes_of(app)  # as the review_app fixture keeps them
    return app


def said(app) -> str:
    return "\n".join(app.notes)


def crash_left(lib, slug, text=CRASH_TEXT) -> Journal:
    journal = Journal(lib, slug, owner="999999999-1")  # a window that is gone
    journal.record("happened", text)
    journal.flush()
    return journal


# After a crash (issue 15, item 3) -------------------------------------------------------------

async def test_enter_recovers_and_the_writer_goes_on_at_the_end_of_the_recovered_text(draft, library_dir):
    lib, slug = draft
    crash_left(lib, slug)
    app = make_app(lib, slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: asking(app), "the recovery question")
        shown = "\n".join(str(w.render()) for w in app.screen.query(Static))
        assert "What happened? (9 words)" in shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review again")
        editor = app.focused
        assert isinstance(editor, AnswerEditor) and editor.question_id == "happened"
        assert editor.text == CRASH_TEXT
        assert editor.cursor_location == editor.document.end, "the cursor is at the end of the recovered text"
        assert "recovered 9 words" in status_of(app)
        await pilot.press(*" It")
        assert editor.text == CRASH_TEXT + " It"
    assert answer_on_disk(library_dir, slug).startswith(CRASH_TEXT)
    assert not (Journal(lib, slug).folder / "999999999-1.jsonl").exists(), "taken: the crash's journal goes"


async def test_escape_decides_later_and_the_text_is_offered_again_next_time(draft, library_dir):
    lib, slug = draft
    crash_left(lib, slug)
    app = make_app(lib, slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: asking(app), "the recovery question")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review again")
        assert "offered again the next time" in said(app)
        assert app.focused.text == ""
        app.focused.insert("Something else, saved meanwhile.")
        assert app.screen.save_now()
    assert answer_on_disk(library_dir, slug) == "Something else, saved meanwhile."
    again = make_app(lib, slug)
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: asking(again), "the question, offered again")
        await pilot.click("#recover")
        await wait_for(pilot, lambda: isinstance(again.screen, ReviewScreen), "the review again")
    assert answer_on_disk(library_dir, slug) == CRASH_TEXT
    texts = [v.read().peek("happened").text for v in history.versions(library_dir, slug)]
    assert "Something else, saved meanwhile." in texts, "the text the recovery replaced is in history"


async def test_discard_keeps_the_text_in_history_and_says_which_version(draft, library_dir):
    lib, slug = draft
    crash_left(lib, slug)
    app = make_app(lib, slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: asking(app), "the recovery question")
        await pilot.click("#discard")
        await wait_for(pilot, lambda: "history version 1" in said(app), "where the text went")
        assert app.focused.text == ""
    kept = history.find(library_dir, slug, 1)
    assert kept.kept and kept.read().peek("happened").text == CRASH_TEXT
    assert answer_on_disk(library_dir, slug) == ""


# Changed on disk (issue 15, item 4) -------------------------------------------------------------

def other_window(library_dir, slug, **answers) -> None:
    """Another window, a sync tool or `reviewdesk answer` writes the draft."""
    lib = Library(library_dir)
    other = lib.load(slug)
    for question, text in answers.items():
        other.set_answer(question, text)
    lib.save(other)


async def test_changes_to_different_answers_merge_without_asking(draft, library_dir, review_app):
    slug = draft[1]
    async with review_app() as (app, pilot):
        screen = app.screen
        screen.go(0)  # the editor of "watched" is open, untouched here
        await pilot.pause()
        watched = screen.editor(0)
        screen.go(1)
        await pilot.pause()
        other_window(library_dir, slug, watched="Changed in the other window.")
        app.focused.insert("Typed here.")
        assert screen.save_now()
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
        assert watched.text == "Changed in the other window."
        assert app.focused.text == "Typed here."
        assert "What did you watch?" in said(app)
    assert answer_on_disk(library_dir, slug, "watched") == "Changed in the other window."
    assert answer_on_disk(library_dir, slug) == "Typed here."


async def conflict_shown(pilot, app, library_dir, slug) -> ReviewScreen:
    screen = app.screen
    other_window(library_dir, slug, happened="The other window's words.")
    app.focused.insert("My words.")
    screen.save_now()
    await wait_for(pilot, lambda: asking(app), "the conflict question")
    return screen


async def test_escape_in_the_conflict_question_decides_nothing_and_overwrites_nothing(draft, library_dir, review_app):
    slug = draft[1]
    async with review_app() as (app, pilot):
        screen = await conflict_shown(pilot, app, library_dir, slug)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "the review again")
        assert answer_on_disk(library_dir, slug) == "The other window's words."
        assert app.focused.text == "My words."
        assert "ctrl+s" in status_of(app) and "Not saved" in status_of(app)
        screen._tick()  # an autosave would be due by now: none starts
        screen._watch_disk()  # nor does the disk watcher ask again about the same file
        await pilot.pause()
        assert not screen.saving and app.screen is screen
        assert answer_on_disk(library_dir, slug) == "The other window's words."
        screen.session.flush_journal()
        assert any("My words." in p.read_text() for p in screen.journal.folder.glob("*.jsonl"))
        await pilot.press("escape")  # leaving would drop the text from view: the question comes back
        await wait_for(pilot, lambda: asking(app), "the question again")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "the review again")
        await pilot.press("ctrl+s")  # ...as ctrl+s brings it back
        await wait_for(pilot, lambda: asking(app), "the question again")
        await pilot.click("#mine")
        await wait_for(pilot, lambda: app.screen is screen, "the review again")
    assert answer_on_disk(library_dir, slug) == "My words."


async def test_keep_mine_says_which_history_version_holds_the_other_text(draft, library_dir, review_app):
    slug = draft[1]
    async with review_app() as (app, pilot):
        screen = await conflict_shown(pilot, app, library_dir, slug)
        await pilot.click("#mine")
        await wait_for(pilot, lambda: app.screen is screen, "the review again")
        assert "Saved" in status_of(app)
        kept = next(v for v in history.versions(library_dir, slug) if v.kept)
        assert f"The other text is history version {kept.number}" in said(app)
    assert kept.read().peek("happened").text == "The other window's words."
    assert answer_on_disk(library_dir, slug) == "My words."


async def test_take_theirs_says_which_history_version_holds_mine(draft, library_dir, review_app):
    slug = draft[1]
    async with review_app() as (app, pilot):
        screen = await conflict_shown(pilot, app, library_dir, slug)
        await pilot.click("#theirs")
        await wait_for(pilot, lambda: app.screen is screen, "the review again")
        assert app.focused.text == "The other window's words."
        kept = next(v for v in history.versions(library_dir, slug) if v.kept)
        assert f"yours is history version {kept.number}" in said(app)
    assert kept.read().peek("happened").text == "My words."


async def test_a_window_whose_saved_text_was_overwritten_is_told_where_it_is(draft, library_dir, review_app):
    from reviewdesk.review.session import EditingSession

    slug = draft[1]
    async with review_app() as (app, pilot):
        app.focused.insert("This window's saved words.")
        assert app.screen.save_now()
        other = EditingSession(Library(library_dir), Library(library_dir).load(slug))
        other.base.answers.pop("happened", None)  # it opened the draft before this window saved
        other.base.disk_stamp = None
        other.set_answer("happened", "The other window's words.")
        assert other.save().changes.conflicts
        other.settle("mine")
        # The disk watcher notices within a couple of seconds; nothing was unsaved here.
        await wait_for(pilot, lambda: app.focused.text == "The other window's words.", "the other text shown")
        kept = next(v for v in history.versions(library_dir, slug) if v.kept)
        assert kept.read().peek("happened").text == "This window's saved words."
        await wait_for(pilot, lambda: f"history version {kept.number}" in said(app), "where its words went")


async def test_quitting_over_an_unsettled_conflict_asks_one_question(draft, library_dir, review_app):
    from reviewdesk.tui.screens.confirm import ConfirmScreen

    slug = draft[1]
    async with review_app() as (app, pilot):
        screen = await conflict_shown(pilot, app, library_dir, slug)
        for first in ("ctrl+q", "escape"):  # quit over the open question, then after "decide later"
            if first == "escape":
                await pilot.press("escape")
                await wait_for(pilot, lambda: app.screen is screen, "the review again")
            await pilot.press("ctrl+q")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen) and asking(app), "the quit question")
            stacked = [s for s in app.screen_stack if isinstance(s, ModalScreen)]
            assert len(stacked) == 1, stacked  # not the conflict question under it
            await pilot.click("#no")
            await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen), "the conflict question again")
        await pilot.click("#mine")
        await wait_for(pilot, lambda: app.screen is screen, "the review again")
    assert answer_on_disk(library_dir, slug) == "My words."
