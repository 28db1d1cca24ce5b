"""The editing session, without a terminal: edits, autosave, the journal, the
lock, and a file that changed on disk (merged part by part; only true
conflicts ask, and whatever a choice overwrites is kept in history)."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from lock_holder import holder

from reviewdesk.errors import SaveError
from reviewdesk.review import draftfile, history, locks
from reviewdesk.review.journal import Journal
from reviewdesk.review.library import Library
from reviewdesk.review.session import MAX_UNSAVED, RETRY_EVERY, EditingSession


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def slug(library):
    review = library.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.set_answer("watched", "An android noir from Bones.")
    library.save(review)
    return review.slug


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def session(library, slug, clock):
    opened = EditingSession.open(library, slug, clock=clock)
    yield opened
    opened.close()


def on_disk(library, slug, question="happened") -> str:
    return draftfile.read(library.path_for(slug)).peek(question).text


def other_window(library, slug, **answers) -> None:
    """Another window, a sync tool or a script saves its own changes to the draft
    (a window in another process: this one's journal is not touched)."""
    other = library.load(slug)
    for question, text in answers.items():
        other.set_answer(question, text)
    library.save(other)


def journalled(session) -> dict[str, str]:
    session.flush_journal()
    return {e["q"]: e["text"] for e in session.journal.entries()}


# Opening and editing -------------------------------------------------------------------------

def test_open_locks_the_draft_and_an_edit_is_dirty_and_journalled(library, slug, session):
    assert session.lock.owned and locks.acquire(library, slug).owned is False
    assert not session.dirty
    assert session.set_answer("happened", "Rouge wakes on a train.")
    assert session.dirty and session.review.peek("happened").text == "Rouge wakes on a train."
    assert journalled(session) == {"happened": "Rouge wakes on a train."}
    assert not session.set_answer("happened", "Rouge wakes on a train."), "the same text is no edit"
    session.close()
    assert holder(library, slug) is None


def test_fields_info_and_marks_are_edits(session):
    template = session.template
    session.set_field("title", "Metallic Rouge")
    session.set_info(template.info_field("episodes"), "13")
    session.set_score("8")
    session.set_done("watched", True)
    assert session.edits == 4 and session.dirty
    assert session.save().saved
    saved = session.library.load(session.review.slug)
    assert (saved.title, saved.info["episodes"], saved.score, saved.peek("watched").done) == \
        ("Metallic Rouge", 13, 8, True)


def test_a_bad_value_is_refused_and_is_no_edit(session):
    from reviewdesk.errors import ReviewDeskError

    with pytest.raises(ReviewDeskError):
        session.set_field("status", "finished")
    assert not session.dirty


# When an autosave is due ----------------------------------------------------------------------

def test_an_autosave_is_due_after_a_pause_or_after_typing_for_too_long(session, clock):
    session.autosave_delay = 1.0
    assert not session.autosave_due()
    session.set_answer("happened", "R")
    clock.tick(0.5)
    assert not session.autosave_due()
    clock.tick(0.5)
    assert session.autosave_due(), "a pause as long as the delay"
    assert session.save().saved
    # A writer who never pauses still reaches the disk every MAX_UNSAVED seconds.
    for n in range(int(MAX_UNSAVED / 0.25)):
        session.set_answer("happened", "R" * (n + 2))
        clock.tick(0.25)
        if session.autosave_due():
            break
    assert session.autosave_due() and clock.now - session.dirty_since >= MAX_UNSAVED


def test_no_autosave_while_one_is_in_flight(session, clock):
    session.set_answer("happened", "Words.")
    clock.tick(5)
    job = session.begin_save()
    assert job is not None and session.saving
    assert not session.autosave_due() and session.begin_save() is None
    session.finish_save(session.write(job))
    assert not session.saving and not session.dirty


def test_a_refused_save_is_retried_every_few_seconds_and_said_once(session, clock, monkeypatch):
    real = Library.save
    refuse = {"on": True}

    def save(self, review, **kw):
        if refuse["on"]:
            raise SaveError("could not save: No space left on device")
        return real(self, review, **kw)

    monkeypatch.setattr(Library, "save", save)
    session.set_answer("happened", "Words the full disk refused.")
    clock.tick(2)
    first = session.save()
    assert not first.saved and first.first_error and "No space left" in first.error
    assert session.dirty and journalled(session) == {"happened": "Words the full disk refused."}
    clock.tick(RETRY_EVERY / 2)
    assert not session.autosave_due()
    clock.tick(RETRY_EVERY / 2)
    assert session.autosave_due()
    second = session.finish_save(session.write(session.begin_save()))
    assert second.error and not second.first_error, "the same failure is not news"
    refuse["on"] = False
    clock.tick(RETRY_EVERY)
    third = session.finish_save(session.write(session.begin_save()))
    assert third.saved and third.again and session.save_error is None


# Saving from another thread ----------------------------------------------------------------------

def test_a_save_writes_one_moment_and_edits_made_meanwhile_stay_dirty_and_journalled(library, slug, session):
    session.set_answer("happened", "Rouge hunts")
    job = session.begin_save()
    session.set_answer("happened", "Rouge hunts the Neans")  # typed while the thread writes
    thread_result = []
    worker = threading.Thread(target=lambda: thread_result.append(session.write(job)))
    worker.start()
    worker.join(10)
    outcome = session.finish_save(thread_result[0])
    assert outcome.wrote and not outcome.saved
    assert on_disk(library, slug) == "Rouge hunts"
    assert session.dirty and journalled(session)["happened"] == "Rouge hunts the Neans"
    assert session.save().saved
    assert on_disk(library, slug) == "Rouge hunts the Neans"
    assert journalled(session) == {}, "the journal goes once the disk holds every edit"


def test_an_older_moment_never_overwrites_a_newer_save(library, slug, session):
    session.set_answer("happened", "First")
    job = session.begin_save()  # the thread has not started yet...
    session.set_answer("happened", "First and second")
    assert session.save().saved  # ...when an explicit save (leaving, quitting) writes everything
    late = session.write(job)
    assert not late.wrote and not late.conflict
    assert session.finish_save(late).saved
    assert on_disk(library, slug) == "First and second"


def test_dirty_changes_on_the_owners_thread_and_a_save_after_a_background_write_is_saved(library, slug,
                                                                                           session):
    session.set_answer("happened", "Written in the background.")
    job = session.begin_save()
    written = session.write(job)  # done in its thread; its result not handled yet (a quit comes first)
    assert written.wrote and session.dirty, "the owner learns of the write when it handles the result"
    before = library.path_for(slug).stat().st_mtime_ns
    outcome = session.save()
    assert outcome.saved and not outcome.wrote, "the file holds every edit already: nothing to write"
    assert library.path_for(slug).stat().st_mtime_ns == before
    assert session.finish_save(written).saved and not session.saving


def test_own_saves_are_never_a_conflict(library, slug, session):
    for n in range(5):
        session.set_answer("happened", f"Version {n}")
        job = session.begin_save()
        assert not session.changed_on_disk(), "the file is ours to change while a save is in flight"
        outcome = session.finish_save(session.write(job))
        assert outcome.saved and outcome.changes is None
        assert not session.changed_on_disk()


# Changes made elsewhere --------------------------------------------------------------------------

def test_changes_to_different_answers_both_land_silently(library, slug, session):
    session.set_answer("happened", "Mine: Rouge hunts the Neans.")
    other_window(library, slug, thought="Theirs: gorgeous and cold.")
    outcome = session.save()
    assert outcome.saved and outcome.changes is not None
    assert outcome.changes.texts == ["thought"] and not outcome.changes.conflicts
    assert on_disk(library, slug) == "Mine: Rouge hunts the Neans."
    assert on_disk(library, slug, "thought") == "Theirs: gorgeous and cold."
    assert session.review.peek("thought").text == "Theirs: gorgeous and cold."
    assert "What did you think?" in outcome.changes.message


def test_fields_and_info_merge_part_by_part(library, slug, session):
    template = session.template
    session.set_field("title", "Metallic Rouge")
    other = library.load(slug)
    other.set_info(template.info_field("episodes"), "13")
    other.set_done("watched", True)
    library.save(other)
    assert session.save().saved
    saved = library.load(slug)
    assert (saved.title, saved.info["episodes"], saved.peek("watched").done) == ("Metallic Rouge", 13, True)
    assert saved.peek("watched").text == "An android noir from Bones."


def test_a_change_of_the_same_size_in_the_same_clock_tick_is_still_noticed(library, slug, session):
    import os

    path = library.path_for(slug)
    before = path.stat()
    other = library.load(slug)
    other.set_answer("watched", "An android noir from BONES.")  # as long as the text it replaces
    tmp = path.with_name("other-window.tmp")
    tmp.write_text(draftfile.dumps(other))
    os.utime(tmp, ns=(before.st_atime_ns, before.st_mtime_ns))  # the file system's clock had not ticked
    os.replace(tmp, path)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert session.changed_on_disk()
    session.set_answer("happened", "Mine.")
    assert session.save().changes.texts == ["watched"]
    assert (on_disk(library, slug, "watched"), on_disk(library, slug)) == ("An android noir from BONES.", "Mine.")


def test_an_untouched_window_takes_the_disks_text_and_is_clean(library, slug, session):
    other_window(library, slug, happened="Written elsewhere.")
    assert session.changed_on_disk()
    changes = session.reconcile()
    assert changes.texts == ["happened"] and changes.settled
    assert session.review.peek("happened").text == "Written elsewhere."
    assert not session.dirty and not session.changed_on_disk()


def test_the_same_change_on_both_sides_is_no_conflict(library, slug, session):
    session.set_answer("happened", "Rouge wakes.")
    other_window(library, slug, happened="Rouge wakes.")
    outcome = session.save()
    assert outcome.saved and not outcome.changes.conflicts


def test_a_true_conflict_writes_nothing_and_waits_for_the_writer(library, slug, session, clock):
    session.set_answer("happened", "My words.")
    other_window(library, slug, happened="The other window's words.", thought="Their thought.")
    outcome = session.save()
    assert not outcome.saved and outcome.changes.conflicts == [("answer", "happened", "text")]
    assert "What happened?" in outcome.changes.message and "choose" in outcome.changes.message
    assert on_disk(library, slug) == "The other window's words."
    assert session.review.peek("happened").text == "My words.", "unsaved text is never replaced"
    assert session.review.peek("thought").text == "Their thought.", "the part only they changed is taken"
    assert session.pending is not None and session.dirty
    clock.tick(60)
    assert not session.autosave_due(), "no autosave until the writer chooses"
    assert not session.changed_on_disk(), "the same file is not news again: nobody is asked twice"
    assert journalled(session)["happened"] == "My words."
    # Deciding later and saving again asks again: nothing was overwritten meanwhile.
    again = session.save()
    assert not again.saved and again.changes.conflicts
    assert on_disk(library, slug) == "The other window's words."
    other_window(library, slug, happened="The other window's words, changed again.")
    assert session.changed_on_disk(), "a file that changed again is news"


def test_keep_mine_puts_their_text_in_history_and_says_which_version(library, slug, session):
    session.set_answer("happened", "My words.")
    other_window(library, slug, happened="The other window's words.", thought="Their thought.")
    session.save()
    settled = session.settle("mine")
    assert on_disk(library, slug) == "My words."
    assert on_disk(library, slug, "thought") == "Their thought."
    assert settled.version is not None and settled.version.kept
    assert settled.version.read().peek("happened").text == "The other window's words."
    assert f"history version {settled.version.number}" in settled.message
    assert not session.dirty and session.pending is None


def test_take_theirs_puts_my_text_in_history_first(library, slug, session):
    session.set_answer("happened", "Words I chose to give up.")
    session.set_answer("learned", "Mine, not in conflict.")
    other_window(library, slug, happened="The other window's words.")
    session.save()
    settled = session.settle("theirs")
    assert session.review.peek("happened").text == "The other window's words."
    assert ("answer", "happened", "text") in settled.changes.taken
    assert settled.version.read().peek("happened").text == "Words I chose to give up."
    assert f"history version {settled.version.number}" in settled.message
    assert on_disk(library, slug) == "The other window's words."
    assert on_disk(library, slug, "learned") == "Mine, not in conflict."
    assert not session.dirty
    assert "give up" not in str(journalled(session)), "the given-up text is in history, not the journal"


def test_take_theirs_with_nothing_else_changed_is_clean_without_a_save(library, slug, session):
    session.set_answer("happened", "Mine.")
    other_window(library, slug, happened="Theirs.")
    session.save()
    before = library.path_for(slug).stat().st_mtime_ns
    session.settle("theirs")
    assert not session.dirty and library.path_for(slug).stat().st_mtime_ns == before


def test_save_mine_as_a_copy_keeps_both_and_edits_the_copy(library, slug, session):
    session.set_answer("happened", "My words.")
    other_window(library, slug, happened="The other window's words.")
    session.save()
    settled = session.settle("copy")
    assert settled.slug != slug and session.review.slug == settled.slug
    assert on_disk(library, slug) == "The other window's words."
    assert on_disk(library, settled.slug) == "My words."
    assert session.lock.path.name == f"{settled.slug}.lock" and holder(library, slug) is None
    session.set_answer("happened", "My words, went on.")
    assert session.save().saved and on_disk(library, settled.slug) == "My words, went on."


def test_a_window_whose_saved_text_was_overwritten_is_told_where_it_is(library, slug):
    first, second = EditingSession.open(library, slug), EditingSession.open(library, slug)
    try:
        first.set_answer("happened", "The first window's words.")
        assert first.save().saved
        second.set_answer("happened", "The second window's words.")
        assert second.save().changes.conflicts
        second.settle("mine")  # the first window's saved words go to history
        assert first.changed_on_disk()
        changes = first.reconcile()
        assert first.review.peek("happened").text == "The second window's words."
        assert changes.replaced is not None and changes.replaced.kept
        assert changes.replaced.read().peek("happened").text == "The first window's words."
        assert f"history version {changes.replaced.number}" in changes.message
    finally:
        first.close()
        second.close()


def test_a_look_at_the_disk_makes_a_save_taken_before_it_skip(library, slug, session):
    session.set_answer("happened", "Mine.")
    job = session.begin_save()  # taken before the look...
    other_window(library, slug, thought="Theirs.")
    session.saving = False
    session.reconcile()  # ...which took "thought" into the review
    late = session.write(job)
    assert not late.wrote, "writing the older copy would undo the merge"
    session.finish_save(late)
    assert session.save().saved
    assert (on_disk(library, slug), on_disk(library, slug, "thought")) == ("Mine.", "Theirs.")


def test_a_broken_file_on_disk_is_never_taken_and_keep_mine_keeps_it_in_history(library, slug, session):
    session.set_answer("happened", "My words.")
    library.path_for(slug).write_text('format = 1\ntitle = "unterminated\n')
    outcome = session.save()
    assert not outcome.saved and outcome.changes.unreadable
    assert "no longer reads as a draft" in outcome.changes.message
    with pytest.raises(SaveError, match="keep yours"):
        session.settle("theirs")
    settled = session.settle("mine")
    assert on_disk(library, slug) == "My words."
    assert settled.version is not None and settled.version.path.read_text().startswith("format = 1\ntitle = \"unt")


def test_a_broken_file_is_reported_once_to_an_untouched_window(library, slug, session):
    library.path_for(slug).write_text("not toml at all = = =\n")
    assert session.changed_on_disk()
    assert session.reconcile().unreadable
    assert not session.changed_on_disk(), "said once, not at every look"
    assert session.pending is None and not session.dirty


def test_a_draft_deleted_elsewhere_is_written_again(library, slug, session):
    library.delete(slug)
    session.set_answer("happened", "Still here.")
    assert session.save().saved
    assert on_disk(library, slug) == "Still here."


def test_restore_is_refused_while_text_is_unsaved(library, slug, session, monkeypatch):
    monkeypatch.setattr(Library, "save", lambda *a, **k: (_ for _ in ()).throw(SaveError("disk full")))
    session.set_answer("happened", "Unsaved.")
    session.save()
    with pytest.raises(SaveError, match="not on disk yet"):
        session.restore("1")
    assert session.review.peek("happened").text == "Unsaved."


# After a crash ---------------------------------------------------------------------------------

def crash_left(library, slug, **texts) -> None:
    journal = Journal(library, slug, owner="999999999-1")  # a process that is gone
    for question, text in texts.items():
        journal.record(question, text)
        journal.flush()


def test_a_crash_s_text_is_found_on_open_and_recovered(library, slug, clock):
    crash_left(library, slug, happened="Typed just before the crash.")
    session = EditingSession.open(library, slug, clock=clock)
    assert session.crash == {"happened": "Typed just before the crash."}
    recovered = session.recover()
    assert recovered.words == 5 and "Recovered 5 words (What happened?)" in recovered.message
    assert on_disk(library, slug) == "Typed just before the crash."
    session.close()
    assert EditingSession.open(library, slug).crash == {}, "taken: not offered again"


def test_deciding_later_offers_the_text_again_even_after_a_save(library, slug):
    crash_left(library, slug, happened="Typed just before the crash.")
    session = EditingSession.open(library, slug)
    later = session.recover_later()
    assert "next time" in later.message and f"reviewdesk recover {slug}" in later.message
    session.set_answer("thought", "Written after deciding later.")
    assert session.save().saved  # the file is newer than the crash's records now
    session.close()
    assert EditingSession.open(library, slug).crash == {"happened": "Typed just before the crash."}


def test_discarding_keeps_the_text_in_history_where_pruning_does_not_reach(library_dir, slug):
    library = Library(library_dir, history.Policy(keep=3))
    crash_left(library, slug, happened="Typed just before the crash.")
    session = EditingSession.open(library, slug)
    discarded = session.discard_recovered()
    assert discarded.version.read().peek("happened").text == "Typed just before the crash."
    assert f"history version {discarded.version.number}" in discarded.message
    assert session.review.peek("happened").text == ""
    for n in range(10):  # many saves later, the pruned history still has it
        session.set_answer("thought", f"Save {n}")
        assert session.save().saved
    session.close()
    kept = [v for v in history.versions(library.root, slug) if v.kept]
    assert [v.read().peek("happened").text for v in kept] == ["Typed just before the crash."]
    assert EditingSession.open(library, slug).crash == {}


def test_the_session_imports_no_textual():
    code = ("import sys, reviewdesk.review.session, reviewdesk.review.merge; "
            "assert not [m for m in sys.modules if m.startswith(('textual', 'reviewdesk.tui', 'reviewdesk.cli'))]")
    subprocess.run([sys.executable, "-c", code], check=True)


# The merge itself ------------------------------------------------------------------------------

def test_merge_decides_each_part_on_its_own(library, slug):
    from reviewdesk.review.merge import describe, merge, take
    from reviewdesk.review.model import PublishRecord

    base = library.load(slug)
    base.info["episodes"] = 12
    ours, theirs = library.load(slug), library.load(slug)
    ours.info["episodes"] = 12
    theirs.info.pop("episodes", None)  # cleared there
    ours.add_image("watched", "rouge.png", "Rouge")
    theirs.add_image("watched", "noa.png", "Noa")  # a different image: both changed the list
    theirs.set_spoiler("watched", True)
    theirs.cover = "images/rouge-cover.jpg"  # the other window looked the cover up...
    theirs.published["blog"] = PublishRecord("wordpress", "42", "https://blog.example/rouge")  # ...and published
    ours.title = "Metallic Rouge"
    decided = merge(base, ours, theirs)
    assert decided.conflicts == [("answer", "watched", "images")]
    assert set(decided.theirs) == {("info", "episodes"), ("answer", "watched", "spoiler"), ("field", "cover"),
                                   ("published", "blog")}
    assert decided.ours == [("field", "title")]
    for key in decided.theirs:
        take(ours, key, theirs)
    assert "episodes" not in ours.info and ours.peek("watched").spoiler
    assert ours.cover == "images/rouge-cover.jpg" and ours.published["blog"].id == "42"
    assert describe(("published", "blog")) == "the record of the post on blog"
    assert [im.src for im in ours.peek("watched").images] == ["rouge.png"]
    theirs.peek("watched").images.append(theirs.peek("watched").images[0])
    take(ours, ("answer", "watched", "images"), theirs)
    ours.peek("watched").images.clear()
    assert len(theirs.peek("watched").images) == 2, "a part taken is a copy, never shared"
