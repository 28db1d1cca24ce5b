"""The review screen keeps every word: autosave, save errors, conflicts."""

from __future__ import annotations

import tomllib

from textual.widgets import Input

from reviewdesk.errors import SaveError
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.conflict import ConflictScreen
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.preview import PostPreview, split_blocks
from reviewdesk.tui.widgets.status import StatusLine
from waiting import mounted, notes_of, on_screen, wait_for


def on_disk(library_dir, slug):
    return tomllib.loads((library_dir / f"{slug}.toml").read_text())


async def test_open_puts_the_cursor_in_the_first_unanswered_question(review_app):
    async with review_app() as (app, pilot):
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.index == 1
        assert isinstance(app.focused, AnswerEditor) and app.focused.question_id == "happened"
        assert "Question 2 of 9" in str(screen.query_one("#q-meta").render())
        assert "What happened?" in str(screen.query_one("#q-heading").render())


async def test_typing_reaches_disk_within_two_seconds_without_switching(draft, review_app, library_dir):
    lib, slug = draft
    async with review_app() as (app, pilot):
        await pilot.press(*"Rouge hunts")
        # Two seconds is the promise (autosave a second after the last key), not a guess.
        await wait_for(pilot, lambda: on_disk(library_dir, slug).get("answers", {}).get("happened", {}).get("text")
                       == "Rouge hunts", "the words on disk", timeout=2.0)
        await wait_for(pilot, lambda: "Saved" in str(app.screen.query_one(StatusLine).render()), "Saved in the status")


async def test_quit_saves_what_was_just_typed(draft, review_app, library_dir):
    lib, slug = draft
    async with review_app() as (app, pilot):
        app.focused.insert("Typed a moment before quitting.")
        await pilot.press("ctrl+q")
    assert on_disk(library_dir, slug)["answers"]["happened"]["text"] == "Typed a moment before quitting."


async def test_a_save_error_is_shown_retried_and_the_text_kept(draft, library_dir, monkeypatch):
    lib, slug = draft
    real_save = Library.save
    failing = {"on": True}

    def save(self, review, **kw):
        if failing["on"]:
            raise SaveError("could not save: No space left on device")
        return real_save(self, review, **kw)

    monkeypatch.setattr(Library, "save", save)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    notes = notes_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.focused.insert("Words the full disk refused.")
        status_line = app.screen.query_one(StatusLine)
        await wait_for(pilot, lambda: "No space left on device" in str(status_line.render()), "the error in the status")
        await wait_for(pilot, lambda: any("No space left" in n for n in notes), "the error said")
        assert app.focused.text == "Words the full disk refused."
        assert "answers" not in on_disk(library_dir, slug) or \
            on_disk(library_dir, slug)["answers"].get("happened", {}).get("text", "") == ""
        failing["on"] = False  # the disk has room again
        await wait_for(pilot, lambda: on_disk(library_dir, slug).get("answers", {}).get("happened", {}).get("text")
                       == "Words the full disk refused.", "the retried save on disk")
        await wait_for(pilot, lambda: "Not saved" not in str(status_line.render()), "the error gone from the status")


def change_on_disk(lib, slug, text):
    other = lib.load(slug)
    other.set_answer("happened", text)
    lib.save(other)


async def conflict_question(app, pilot, library_dir, slug) -> ConflictScreen:
    """Another window saves its words into the answer being written here, and
    this window saves its own: after one round of messages, the question."""
    change_on_disk(Library(library_dir), slug, "The other window's words.")
    app.focused.insert("My words.")
    app.screen.save_now()
    await pilot.pause()
    question = app.screen
    assert isinstance(question, ConflictScreen)
    # A click needs the buttons placed, which a loaded machine can take a moment over.
    await wait_for(pilot, lambda: all(button.region for button in question.query("Button")), "the buttons placed")
    return question


async def test_a_change_on_disk_while_writing_asks_and_keep_mine_wins(draft, review_app, library_dir):
    lib, slug = draft
    async with review_app() as (app, pilot):
        screen = app.screen
        await conflict_question(app, pilot, library_dir, slug)
        assert on_disk(library_dir, slug)["answers"]["happened"]["text"] == "The other window's words."
        await pilot.click("#mine")
        await pilot.pause()
        assert app.screen is screen
    assert on_disk(library_dir, slug)["answers"]["happened"]["text"] == "My words."


async def test_take_the_files_version(draft, review_app, library_dir):
    lib, slug = draft
    async with review_app() as (app, pilot):
        await conflict_question(app, pilot, library_dir, slug)
        await pilot.click("#theirs")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.review.peek("happened").text == "The other window's words."
        assert app.focused.text == "The other window's words."


async def test_save_mine_as_a_copy_keeps_both(draft, review_app, library_dir):
    lib, slug = draft
    async with review_app() as (app, pilot):
        await conflict_question(app, pilot, library_dir, slug)
        await pilot.click("#copy")
        await pilot.pause()
    assert on_disk(library_dir, slug)["answers"]["happened"]["text"] == "The other window's words."
    copies = [p for p in library_dir.glob("*.toml") if p.stem != slug]
    assert len(copies) == 1
    assert tomllib.loads(copies[0].read_text())["answers"]["happened"]["text"] == "My words."


async def test_an_untouched_draft_follows_changes_on_disk(draft, review_app, library_dir):
    lib, slug = draft
    async with review_app() as (app, pilot):
        screen = app.screen
        change_on_disk(Library(library_dir), slug, "Written elsewhere.")
        await wait_for(pilot, lambda: screen.review.peek("happened").text == "Written elsewhere.",
                       "the change taken from disk")
        assert app.screen is screen and isinstance(screen, ReviewScreen)


async def test_next_and_previous_keys_work_from_inside_the_editor(review_app):
    async with review_app() as (app, pilot):
        screen = app.screen
        assert isinstance(app.focused, AnswerEditor)
        await pilot.press("ctrl+n")
        assert screen.index == 2 and app.focused.question_id == "thought"
        await pilot.press("ctrl+down")
        assert screen.index == 3
        await pilot.press("ctrl+o", "ctrl+up")
        assert screen.index == 1 and app.focused.question_id == "happened"


async def test_done_key_marks_the_answer_and_moves_on(draft, library_dir):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug, )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.go(0)
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.review.peek("watched").done
        assert screen.index == 1
        await pilot.press("ctrl+q")
    assert on_disk(library_dir, slug)["answers"]["watched"]["done"] is True


async def test_series_information_validates_numbers_and_splits_lists(draft, review_app, library_dir):
    lib, slug = draft
    async with review_app() as (app, pilot):
        screen = app.screen
        screen.go(screen.count)
        await pilot.pause()
        episodes = screen.query_one("#info-episodes", Input)
        episodes.focus()
        await pilot.press(*"1x3")  # the x never reaches the field: it takes digits only
        assert episodes.value == "13"
        screen.query_one("#info-genres", Input).value = "Action, Sci-Fi ,  Mystery"
        screen.query_one("#field-season", Input).value = "Spring 2024"
        await pilot.pause()
        await pilot.press("ctrl+q")
    data = on_disk(library_dir, slug)
    assert data["info"]["episodes"] == 13
    assert data["info"]["genres"] == ["Action", "Sci-Fi", "Mystery"]
    assert data["season"] == "Spring 2024"


async def test_preview_rerenders_only_the_chunk_being_written(library_dir):
    from reviewdesk.tui.widgets.preview import chunk_markdown

    lib = Library(library_dir)
    review = lib.create("Long", season="Winter 2024")
    paragraphs = [f"Paragraph {n} says something about the show." for n in range(200)]
    review.set_answer("watched", "\n\n".join(paragraphs))
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        preview = screen.query_one(PostPreview)
        await wait_for(pilot, lambda: preview.section("others") is not None and not preview.rendering(),
                    "the preview to fill")
        screen.go(0)
        section = preview.section("q:watched")
        assert section is not None
        before_chunks = section.shown_chunks
        # Paragraphs grouped into far fewer widgets than paragraphs, all of the text shown.
        assert 10 < len(before_chunks) < 100
        assert "\n\n".join(before_chunks).count("says something about the show.") == 200
        before = list(section.chunks)
        assert len(before) == len(before_chunks)
        editor = await wait_for(pilot, lambda: getattr(app.focused, "question_id", None) == "watched" and app.focused,
                             "the first answer's editor")
        editor.move_cursor((100, 0))  # a paragraph in the middle
        editor.insert("Edited: ")
        await wait_for(pilot, lambda: any("Edited: " in chunk for chunk in section.shown_chunks)
                    and not preview.rendering(), "the edit in the preview")
        after = list(section.chunks)
        changed = [i for i, (a, b) in enumerate(zip(section.shown_chunks, before_chunks)) if a != b]
        assert len(changed) == 1 and "Edited: Paragraph 50 " in section.shown_chunks[changed[0]]
        assert after == before  # no chunk removed or mounted: one updated
        assert section.shown_chunks == chunk_markdown(app.screen.part("q:watched"))


def test_chunks_do_not_shift_when_a_paragraph_is_added():
    from reviewdesk.tui.widgets.preview import chunk_markdown

    paragraphs = [f"Paragraph {n} says something." for n in range(300)]
    before = chunk_markdown("\n\n".join(paragraphs))
    paragraphs.insert(150, "A new paragraph in the middle.")
    after = chunk_markdown("\n\n".join(paragraphs))
    differing = len(set(after) - set(before))
    assert differing <= 2  # the chunk that took the paragraph (and at most one neighbour)


def test_split_blocks_keeps_code_fences_whole():
    text = "One\n\n```\ncode\n\nmore code\n```\n\nTwo"
    assert split_blocks(text) == ["One", "```\ncode\n\nmore code\n```", "Two"]


async def test_broken_drafts_are_listed_and_cannot_be_opened(library_dir, draft):
    (library_dir / "broken.toml").write_text('format = 1\ntitle = "unterminated\n')
    before = (library_dir / "broken.toml").read_bytes()
    app = ReviewDeskApp(library=Library(library_dir))
    notes = notes_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reviews")
        keys = list(table.row_keys)
        assert "broken" in keys
        table.move_cursor(row=table.get_row_index("broken"))
        await pilot.pause()
        assert "line 2" in str(app.screen.query_one("#detail").render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        assert any("broken" in n for n in notes)
    assert (library_dir / "broken.toml").read_bytes() == before


async def test_delete_goes_to_trash_and_undo_brings_it_back(library_dir, draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("d", "y")  # d asks first; y answers yes
        await pilot.pause()
        assert not (library_dir / f"{slug}.toml").exists()
        assert (library_dir / ".trash" / f"{slug}.toml").exists()
        assert app.screen.query_one("#welcome").display
        await pilot.press("u")
        await pilot.pause()
        assert (library_dir / f"{slug}.toml").exists()
        assert app.screen.query_one("#reviews").row_count == 1


async def test_copy_without_a_system_clipboard_falls_back_to_osc52_and_says_so(review_app, no_clipboard):
    async with review_app() as (app, pilot):
        notes = app.notes
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert any("OSC 52" in n for n in notes)
        assert "An android noir from Bones." in app.clipboard


async def test_the_sidebar_collapses_below_80_columns(review_app):
    async with review_app(size=(70, 24)) as (app, pilot):
        assert not app.screen.query_one("#sidebar").display
        assert isinstance(app.focused, AnswerEditor)
    async with review_app(size=(80, 24)) as (app, pilot):
        assert app.screen.query_one("#sidebar").display


async def test_every_action_is_in_the_command_palette(review_app):
    async with review_app() as (app, pilot):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for name in ("Next question", "Previous question", "Export", "Copy to clipboard", "Toggle preview"):
            assert name in titles
        bindings = {b.id for b in app.screen.BINDINGS}
        assert {"review.next_question", "review.previous_question", "review.export"} <= bindings


async def test_focus_mode_leaves_only_the_question_and_the_editor(review_app):
    async with review_app() as (app, pilot):
        screen = app.screen
        await pilot.press("f8")
        await pilot.pause()
        assert not screen.query_one("#sidebar").display
        assert not screen.query_one("#preview").display
        assert screen.query_one("#q-heading").display and isinstance(app.focused, AnswerEditor)
        await pilot.press("f8")
        await pilot.pause()
        assert screen.query_one("#sidebar").display


async def test_text_left_by_a_crash_is_offered_back(draft, library_dir):
    from reviewdesk.review.journal import Journal
    from reviewdesk.tui.screens.recovery import RecoveryScreen

    lib, slug = draft
    journal = Journal(lib, slug)  # what a killed window left behind...
    journal.record("happened", "Typed just before the crash.")
    journal.flush()
    journal.path.rename(journal.path.with_name("999999999-1.jsonl"))  # ...by a process now gone
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        question = await on_screen(pilot, RecoveryScreen)
        found = await mounted(pilot, question, "#found")
        assert "What happened?" in str(found.render())
        recover = await mounted(pilot, question, "#recover")
        await wait_for(pilot, lambda: recover.region, "the Recover button placed")  # a click needs its place
        await pilot.click("#recover")
        screen = await on_screen(pilot, ReviewScreen)
        await wait_for(pilot, lambda: screen.review.peek("happened").text == "Typed just before the crash.",
                       "the text recovered")
        await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor) and app.focused.question_id == "happened",
                       "the recovered answer's editor")
        assert app.focused.text == "Typed just before the crash."
    assert on_disk(library_dir, slug)["answers"]["happened"]["text"] == "Typed just before the crash."


async def test_a_draft_open_in_another_window_is_flagged(draft):
    from lock_holder import holder
    from reviewdesk.review import locks

    lib, slug = draft
    first = ReviewDeskApp(library=lib, open_slug=slug)
    async with first.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert locks.acquire(lib, slug).owned is False  # this window holds it
    assert holder(lib, slug) is None  # released on quit


async def test_history_restores_an_earlier_version_and_the_restore_is_undoable(draft, review_app, library_dir):
    from reviewdesk.tui.screens.history import HistoryScreen

    lib, slug = draft
    review = lib.load(slug)
    review.set_answer("watched", "A later, worse opening.")
    lib.save(review)
    async with review_app() as (app, pilot):
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")  # the newest earlier version
        screen = await on_screen(pilot, ReviewScreen)
        await wait_for(pilot, lambda: screen.review.peek("watched").text == "An android noir from Bones.",
                       "the earlier version restored")
    assert on_disk(library_dir, slug)["answers"]["watched"]["text"] == "An android noir from Bones."
    from reviewdesk.review import history

    texts = [v.read().peek("watched").text for v in history.versions(library_dir, slug)]
    assert "A later, worse opening." in texts


async def test_a_key_taken_by_a_save_before_its_change_event_still_reaches_the_preview(draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await on_screen(pilot, ReviewScreen)
        preview = await mounted(pilot, screen, PostPreview)
        # The preview filled first, so what it shows next comes from this edit.
        await wait_for(pilot, lambda: preview.section("q:happened") is not None and not preview.rendering(),
                       "the preview filled")
        editor = await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor) and app.focused,
                                "the answer's editor")
        # Set the text without letting the Changed message run first, as when a
        # save (ctrl+s, the autosave timer, a quit) comes before it is handled.
        editor.text = "Rouge wakes on a train."
        screen.save_now()
        await wait_for(pilot, lambda: "Rouge wakes on a train." in "\n".join(preview.section("q:happened").shown_chunks),
                       "the text in the preview")
        assert screen.review.peek("happened").text == "Rouge wakes on a train."


async def test_a_history_that_could_not_be_kept_is_said_once(draft, library_dir, monkeypatch):
    from reviewdesk.review import history

    lib, slug = draft

    def refuse(root, slug, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(history, "snapshot", refuse)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    notes = notes_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.focused.insert("First words.")
        assert app.screen.save_now()
        app.focused.insert(" More words.")
        assert app.screen.save_now()
        await pilot.pause()
        said = [n for n in notes if "history" in n]
        assert len(said) == 1 and "No space left on device" in said[0]
    assert on_disk(library_dir, slug)["answers"]["happened"]["text"] == "First words. More words."


async def test_taking_the_files_version_forgets_the_given_up_text(draft, review_app, library_dir):
    lib, slug = draft
    async with review_app() as (app, pilot):
        change_on_disk(Library(library_dir), slug, "The other window's words.")
        app.focused.insert("Words I chose to give up.")
        journal = app.screen.journal
        app.screen.save_now()
        journal.flush()
        await pilot.pause()
        folder = journal.folder
        assert any("give up" in p.read_text() for p in folder.glob("*.jsonl"))
        await pilot.click("#theirs")
        await pilot.pause()
        # A crash now offers nothing back: the writer chose the disk's text.
        assert not any("give up" in p.read_text() for p in folder.glob("*.jsonl"))
