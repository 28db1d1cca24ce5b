"""One draft open for writing: edits, autosave, the crash journal, the lock,
and changes made to the file by something else. No user interface: the app's
review screen drives a session, and so does ``reviewdesk recover``.

A session holds three versions of the draft:

- ``review``: the draft in memory, with every edit (the writer's text);
- ``base``: the file as this session last read or wrote it;
- the file on disk, which another window, a sync tool or a script may have
  changed since.

Saving writes a copy of ``review`` taken at one moment (:meth:`begin_save`
on the caller's thread, :meth:`write` on any thread, :meth:`finish_save`
back on the caller's), so a slow disk never holds up the writer's keys and
what is written is one consistent moment. One lock orders every write: an
explicit :meth:`save` waits for a write in flight, and a write of an older
moment is skipped once a newer one is on disk.

When the file changed on disk (:meth:`changed_on_disk`, or a save refused
with :class:`~reviewdesk.review.library.Conflict`), :meth:`reconcile` merges
it three ways (``reviewdesk.review.merge``): parts changed on one side only
take that side's value, silently; parts changed on both sides differently
are conflicts, and nothing is written until the writer settles them
(:meth:`settle`: keep mine, take theirs, or save mine as a copy). Whatever
a choice overwrites is set aside in history first, and the writer is told
which version holds it. Text not yet saved is never replaced without the
writer's choice, and stays in the crash journal until the disk holds it.

The clock is a parameter (``time.monotonic`` by default), so when an
autosave is due can be tested without waiting.
"""

from __future__ import annotations

import copy
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.errors import DraftError, NotFound, ReviewDeskError, SaveError
from reviewdesk.review import history, locks
from reviewdesk.review.journal import Journal
from reviewdesk.review.library import Conflict, Library
from reviewdesk.review.merge import Key, differs, listing, merge, take
from reviewdesk.review.model import Review, word_count
from reviewdesk.review.template import Template, load_template

MAX_UNSAVED = 1.5  # seconds: a change is on disk at most this long after it was made, while saves work
RETRY_EVERY = 2.0  # seconds between two attempts while the disk refuses
CHOICES = ("mine", "theirs", "copy")


@dataclass(frozen=True)
class SaveJob:
    """A save asked for: a copy of the draft at one moment, and which moment."""

    review: Review
    edits: int  # how many edits the copy holds
    round: int  # the session's round when it was taken: a look at the disk starts a new one


@dataclass(frozen=True)
class Written:
    """What :meth:`EditingSession.write` did with a job (from any thread)."""

    job: SaveJob
    wrote: bool = False
    held: bool = False  # not written: the file holds this moment already (a newer save came first)
    conflict: bool = False
    error: str | None = None


@dataclass
class Changes:
    """What a look at the file on disk found and did."""

    taken: list[Key] = field(default_factory=list)  # changed on disk only: now in the review
    conflicts: list[Key] = field(default_factory=list)  # changed here and there: the writer decides
    unreadable: str | None = None  # the file on disk does not read as a draft
    replaced: history.Version | None = None  # this session's own saved text, replaced on disk: kept here
    message: str = ""  # for the writer; empty when there is nothing to say

    @property
    def texts(self) -> list[str]:
        """The answers whose text changed in the review (their editors must show it)."""
        return [key[1] for key in self.taken if key[0] == "answer" and key[2] == "text"]

    @property
    def details(self) -> bool:
        """True when anything but answers' texts changed (fields, info, marks)."""
        return any(not (key[0] == "answer" and key[2] == "text") for key in self.taken)

    @property
    def settled(self) -> bool:
        return not self.conflicts and self.unreadable is None


@dataclass
class Outcome:
    """What a save came to."""

    saved: bool = False  # the file holds every change
    wrote: bool = False
    error: str | None = None  # why not; the text stays in memory and in the journal
    first_error: bool = False  # a new failure (say so once), not a retry of the same one
    again: bool = False  # saved after failing: say so
    changes: Changes | None = None  # the file had changed on disk: what the merge did
    history_problem: str | None = None  # saved, but its history could not be kept


@dataclass
class Settled:
    """How a conflict was settled, for the writer."""

    choice: str
    message: str
    changes: Changes  # parts of the review that changed (its editors must show them)
    version: history.Version | None = None  # where the text that was not kept went
    slug: str = ""  # the draft this session edits now (another one after "copy")
    outcome: Outcome | None = None


@dataclass
class Recovered:
    """Unsaved text a crash left, as brought back, set aside or kept for later."""

    texts: dict[str, str]
    words: int
    message: str
    outcome: Outcome | None = None
    version: history.Version | None = None


class EditingSession:
    """A draft open for writing. Not thread-safe but for :meth:`write`, which
    may run on another thread while the owner's thread goes on editing."""

    def __init__(self, library: Library, review: Review, template: Template | None = None, *,
                 clock=time.monotonic, autosave_delay: float = 1.0) -> None:
        self.library = library
        self.review = review
        self.template = template
        self.clock = clock
        self.autosave_delay = autosave_delay
        self.base: Review = copy.deepcopy(review)
        self.edits = 0  # edits made so far
        self.saved_edits = 0  # how many of them the file holds, as the owner's thread knows it
        self._written = 0  # the same, as the writing thread knows it (under the write lock)
        self.dirty_since = 0.0
        self.last_change = 0.0
        self.last_attempt = float("-inf")
        self.save_error: str | None = None
        self.saving = False  # a job begun and not finished
        self.pending: Changes | None = None  # conflicts found and not settled yet
        self.lock: locks.Lock | None = None
        self.journal: Journal | None = None
        self.crash: dict[str, str] = {}  # unsaved text a crash left, found by claim()
        self._round = 0
        self._written_by_us = False  # base is a file this session wrote
        self.theirs: Review | None = None  # the file as found with the pending conflicts (None: unreadable)
        self._seen: tuple[int, int, int] | None = None  # the file the last look found, when it was not merged in
        self._write_lock = threading.Lock()

    @classmethod
    def open(cls, library: Library, slug: str, **kwargs) -> EditingSession:
        """Load a draft and claim it (lock, journal, a crash's text)."""
        review = library.load(slug)
        try:
            template = load_template(review.template)
        except ReviewDeskError:
            template = None  # only names questions in messages: their ids serve as well
        session = cls(library, review, template, **kwargs)
        session.claim()
        return session

    # The draft's lock and journal ------------------------------------------------
    def claim(self) -> locks.Lock:
        """Lock the draft for this session, start its journal and look for
        text a crash left. ``lock.other`` says who else has it open."""
        if self.lock is not None:
            self.lock.release()
        self.lock = locks.acquire(self.library, self.review.slug)
        self.journal = Journal(self.library, self.review.slug)
        self.crash = self.journal.recover(self.base)
        return self.lock

    def close(self) -> None:
        """Let go of the draft's lock (the journal stays while text is unsaved)."""
        if self.lock is not None:
            self.lock.release()

    def flush_journal(self) -> None:
        if self.journal is not None:
            self.journal.flush()

    # Edits -----------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """True while the file does not hold every edit."""
        return self.edits != self.saved_edits

    def changed(self) -> None:
        """Note an edit made to ``review`` in place (its images, say)."""
        now = self.clock()
        if not self.dirty:
            self.dirty_since = now
        self.edits += 1
        self.last_change = now

    def set_answer(self, question_id: str, text: str) -> bool:
        """An answer's new text, journalled; False when it is the same."""
        if text == self.review.peek(question_id).text:
            return False
        self.review.set_answer(question_id, text)
        if self.journal is not None:
            self.journal.record(question_id, self.review.peek(question_id).text)
        self.changed()
        return True

    def set_field(self, name: str, value: str) -> None:
        self.review.set_field(name, value)
        self.changed()

    def set_info(self, info_field, value: str) -> None:
        self.review.set_info(info_field, value)
        self.changed()

    def set_score(self, value: str) -> None:
        scale = self.template.verdict.scale if self.template and self.template.verdict else None
        self.review.set_score(value, scale)
        self.changed()

    def set_verdict(self, value: str) -> None:
        self.review.set_verdict(value)
        self.changed()

    def set_done(self, question_id: str, done: bool) -> None:
        self.review.set_done(question_id, done)
        self.changed()

    def set_skipped(self, question_id: str, skipped: bool) -> None:
        self.review.set_skipped(question_id, skipped)
        self.changed()

    def set_spoiler(self, question_id: str, spoiler: bool) -> None:
        self.review.set_spoiler(question_id, spoiler)
        self.changed()

    def move_answer(self, from_id: str, to_id: str) -> None:
        """Append one answer's text and images to another's (an extra section
        moved into a question); the first answer goes."""
        moved = self.review.answers.pop(from_id)
        target = self.review.answer(to_id)
        self.set_answer(to_id, "\n\n".join(
            t for t in (target.text.rstrip("\n"), moved.text.strip("\n")) if t.strip()))
        target.images.extend(moved.images)
        self.changed()

    # Saving ----------------------------------------------------------------------
    def autosave_due(self, now: float | None = None) -> bool:
        """Whether a background save should start now: a pause after the last
        edit, or changes unsaved for :data:`MAX_UNSAVED`; every
        :data:`RETRY_EVERY` while the disk refuses; never while conflicts
        wait for the writer or a save is in flight."""
        if not self.dirty or self.pending is not None or self.saving:
            return False
        now = self.clock() if now is None else now
        if self.save_error:
            return now - self.last_attempt >= RETRY_EVERY
        return now - self.last_change >= self.autosave_delay or now - self.dirty_since >= MAX_UNSAVED

    def begin_save(self) -> SaveJob | None:
        """A save of the draft as it is now, for :meth:`write` on another
        thread; None when there is nothing to save or one is in flight."""
        if not self.dirty or self.pending is not None or self.saving:
            return None
        self.saving = True
        self.last_attempt = self.clock()
        return SaveJob(copy.deepcopy(self.review), self.edits, self._round)

    def write(self, job: SaveJob) -> Written:
        """Write a job's copy of the draft. Safe on any thread; never raises.
        A copy older than what the file holds, or taken before the last look
        at the disk, is skipped."""
        with self._write_lock:
            if job.round != self._round:
                return Written(job)  # taken before the last look at the disk: writing it would undo a merge
            if job.edits <= self._written:
                return Written(job, held=True)
            job.review.disk_stamp = self.base.disk_stamp
            try:
                self.library.save(job.review)
            except Conflict:
                return Written(job, conflict=True)
            except ReviewDeskError as exc:
                return Written(job, error=str(exc))
            except Exception as exc:  # never a silent loss: shown as a save error, retried
                return Written(job, error=f"could not save: {exc}")
            self.base = job.review  # nobody changes the job's copy from here on
            self._written = job.edits
            self._written_by_us = True
            return Written(job, wrote=True)

    def finish_save(self, written: Written) -> Outcome:
        """Back on the owner's thread after :meth:`write`: what the save came to."""
        self.saving = False
        return self._after(written)

    def save(self) -> Outcome:
        """Write the draft now, after any write in flight. With conflicts
        waiting, the disk is looked at again first: they may have gone."""
        if self.pending is not None:
            changes = self.reconcile()
            if not changes.settled:
                return Outcome(changes=changes)
            if not self.dirty:
                return Outcome(saved=True, changes=changes)
        if not self.dirty:
            return Outcome(saved=True)
        self.last_attempt = self.clock()
        return self._after(self.write(SaveJob(copy.deepcopy(self.review), self.edits, self._round)))

    def _after(self, written: Written) -> Outcome:
        if not (written.wrote or written.held or written.conflict or written.error):
            return Outcome(saved=not self.dirty)  # stale: the next save writes the newest
        if written.conflict:
            changes = self.reconcile()
            if changes.settled and self.dirty:  # merged: write the merge at once
                outcome = self.save()
                outcome.changes = changes
                return outcome
            return Outcome(saved=not self.dirty, changes=changes)
        if written.error:
            first = self.save_error != written.error
            self.save_error = written.error
            return Outcome(error=written.error, first_error=first)
        again = self.save_error is not None
        self.save_error = None
        self.saved_edits = max(self.saved_edits, self._written)
        self.review.updated, self.review.path = self.base.updated, self.base.path
        self.review.disk_stamp = self.base.disk_stamp
        if not self.dirty and self.journal is not None:
            self.journal.clear()  # the disk holds every change now
        return Outcome(saved=not self.dirty, wrote=written.wrote, again=again,
                       history_problem=self.library.history_problem if written.wrote else None)

    def rescue(self) -> Path | None:
        """Write the unsaved draft somewhere else (home, then the temp
        folder), when the library refuses it; where it went, or None."""
        from reviewdesk.review.atomic import atomic_write
        from reviewdesk.review.draftfile import dumps

        data = dumps(self.review).encode("utf-8")
        name = f"reviewdesk-rescue-{self.review.slug or 'review'}-{int(time.time())}.toml"
        for folder in (Path.home(), Path(tempfile.gettempdir())):
            try:
                atomic_write(folder / name, data)
            except OSError:
                continue
            return folder / name
        return None

    # The file on disk --------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        """True when the file is not the one this session last read or wrote
        (while a save is in flight the file is this session's to change)."""
        if self.saving or not self.review.slug:
            return False
        if not self.library.changed_on_disk(self.base):
            return False
        # A file already looked at (conflicts waiting, or a broken file) is
        # news again only once it changes again.
        return self.library.stamp(self.review.slug) != self._seen

    def reconcile(self) -> Changes:
        """Look at the file on disk and merge it in (see the module docstring).

        Changes made only there are taken into ``review`` at once; with none
        made here, the session is clean again. Conflicts are kept in
        ``pending`` until :meth:`settle`, and nothing is written meanwhile."""
        with self._write_lock:
            self._round += 1  # a save taken before this look would undo it
            slug = self.review.slug
            try:
                theirs = self.library.load(slug)
            except NotFound:
                return Changes()  # the file is gone: the next save writes it again
            except DraftError as exc:
                changes = Changes(unreadable=exc.reason if exc.reason else str(exc))
                changes.message = (f"{slug}.toml on disk no longer reads as a draft ({changes.unreadable}). "
                                   "Your text is here and in the crash journal: keep yours (the broken file "
                                   "goes to history) or save yours as a copy.")
                if self.dirty:
                    self.pending, self.theirs = changes, None
                self._seen = self.library.stamp(slug)
                return changes
            decided = merge(self.base, self.review, theirs)
            replaced = None
            if decided.theirs and self._written_by_us:
                replaced = self._set_aside_version(self.base.disk_stamp)
            for key in decided.theirs:
                take(self.review, key, theirs)
            changes = Changes(taken=list(decided.theirs), conflicts=list(decided.conflicts), replaced=replaced)
            if decided.conflicts:
                self.pending, self.theirs = changes, theirs  # base stays: the conflicts stay conflicts
                self._seen = theirs.disk_stamp
            else:
                self.pending, self.theirs = None, None
                self._take_base(theirs)
                if not differs(self.review, theirs):
                    self._clean()
            changes.message = self._describe(changes)
            return changes

    def _take_base(self, theirs: Review) -> None:
        self.base = theirs
        self._written_by_us = False
        self.review.disk_stamp, self.review.path, self.review.updated = theirs.disk_stamp, theirs.path, theirs.updated

    def _clean(self) -> None:
        self.saved_edits = self._written = self.edits
        self.save_error = None
        if self.journal is not None:
            self.journal.clear()

    def _set_aside_version(self, stamp) -> history.Version | None:
        """The history version that holds the file with this stamp, marked
        never to be thinned away; None when there is none."""
        try:
            found = history.with_stamp(self.library.root, self.review.slug, stamp)
            return history.pin(self.library.root, self.review.slug, found) if found else None
        except (OSError, ReviewDeskError):
            return None

    def _describe(self, changes: Changes) -> str:
        slug = self.review.slug
        parts = []
        if changes.taken:
            parts.append(f"{slug} changed on disk (another window, a sync tool or a script); taken from it: "
                         f"{listing(changes.taken, self.template)}.")
            if changes.replaced is not None:
                parts.append(f"What this window had saved there is history version {changes.replaced.number} "
                             "(F5 to see it).")
            if not changes.conflicts and self.dirty:
                parts.append("Your own changes are kept and saved with it.")
        if changes.conflicts:
            parts.append(f"{listing(changes.conflicts, self.template)} changed both here and on disk: "
                         "nothing is saved until you choose which text to keep.")
        return " ".join(parts)

    def settle(self, choice: str) -> Settled:
        """Settle the conflicts: ``mine`` keeps this session's text (the
        file's goes to history), ``theirs`` takes the file's (this session's
        goes to history first), ``copy`` saves this session's draft under a
        new slug and goes on editing that one (the file keeps its text).
        The disk is looked at again first. Raises SaveError when it cannot
        be done (nothing is lost: the text stays here and in the journal)."""
        if choice not in CHOICES:
            raise ValueError(f"choice must be one of {CHOICES}, not {choice!r}")
        if choice == "copy":
            return self._save_as_copy()
        changes = self.reconcile()
        if changes.settled:
            outcome = self.save() if self.dirty else None
            return Settled("none", changes.message or "Nothing to settle any more: the file and this window agree.",
                           changes, slug=self.review.slug, outcome=outcome)
        return self._keep_mine(changes) if choice == "mine" else self._take_theirs(changes)

    def _keep_mine(self, changes: Changes) -> Settled:
        named = listing(changes.conflicts, self.template) or "the draft"
        for _ in range(3):
            theirs = self.theirs  # None: the file does not read as a draft
            replaced = theirs.disk_stamp if theirs is not None else self.library.stamp(self.review.slug)
            with self._write_lock:
                self._round += 1
                job = SaveJob(copy.deepcopy(self.review), self.edits, self._round)
                job.review.disk_stamp = replaced
                try:
                    # Over a file that does not read: it goes to history as it is.
                    self.library.save(job.review, force=theirs is None)
                except Conflict:
                    written = False  # changed again since it was read
                else:
                    written = True
                    self.base, self._written, self._written_by_us = job.review, job.edits, True
            if written:
                break
            again = self.reconcile()
            changes.taken += again.taken
            if again.settled:  # what was in conflict no longer is
                return Settled("none", again.message, Changes(taken=changes.taken), slug=self.review.slug,
                               outcome=self.save())
        else:
            raise SaveError("the file kept changing on disk while yours was being saved; your text is safe "
                            "here and in the crash journal: try again (ctrl+s)")
        self.pending, self.theirs = None, None
        outcome = self._after(Written(job, wrote=True))
        version = self._set_aside_version(replaced)
        where = (f"The other text is history version {version.number} (F5 to see it)." if version is not None
                 else "The other text could not be kept in history.")
        return Settled("mine", f"Kept yours for {named}. {where}", Changes(taken=changes.taken), version,
                       self.review.slug, outcome)

    def _take_theirs(self, changes: Changes) -> Settled:
        from reviewdesk.review.draftfile import dumps

        theirs = self.theirs
        if theirs is None:
            raise SaveError("the file on disk does not read as a draft, so there is no text of its own to take: "
                            "keep yours, or save yours as a copy")
        named = listing(changes.conflicts, self.template)
        version = history.set_aside(self.library.root, self.review.slug, dumps(self.review).encode("utf-8"))
        for key in changes.conflicts:
            take(self.review, key, theirs)
        self.pending, self.theirs = None, None
        self._take_base(theirs)
        outcome = None
        if differs(self.review, theirs):
            self.changed()
            outcome = self.save()  # the changes made here to other parts
        else:
            self._clean()
        version = history.numbered(self.library.root, self.review.slug, version.path)
        taken = Changes(taken=list(changes.taken) + list(changes.conflicts))
        return Settled("theirs", f"Took the file's text for {named}; yours is history version {version.number} "
                                 "(F5 to see it).", taken, version, self.review.slug, outcome)

    def _save_as_copy(self) -> Settled:
        original = self.review.slug
        copied = copy.deepcopy(self.review)
        copied.slug = self.library.unique_slug(f"{self.review.title} copy")
        copied.title = f"{self.review.title} (copy)"
        self.library.save(copied, new=True)  # SaveError: nothing changed here
        if self.journal is not None:
            self.journal.clear()  # every word of it is in the copy
        self.review.slug, self.review.title = copied.slug, copied.title
        self.pending, self.theirs = None, None
        self.base, self._written_by_us = copied, True
        self.review.disk_stamp, self.review.path, self.review.updated = copied.disk_stamp, copied.path, copied.updated
        self.saved_edits = self._written = self.edits
        self.save_error = None
        self._round += 1
        self.claim()
        return Settled("copy", f"Your version is saved as {copied.slug}, and this window now edits it; "
                               f"{original} keeps the file's version.",
                       Changes(taken=[("field", "title")]), slug=copied.slug)

    def reload(self) -> Review:
        """Read the file again and make it the draft in memory (after a
        restore from history); the journal is cleared. Only when the file
        holds every edit: unsaved text is never dropped here."""
        if self.dirty:
            raise SaveError("your latest text is not on disk yet; save it first")
        with self._write_lock:
            self._round += 1
            review = self.library.load(self.review.slug)
            self.review = review
            self.base = copy.deepcopy(review)
            self._written_by_us = False
            self.pending, self.theirs = None, None
            self._clean()
            return review

    def restore(self, version: str) -> history.Version:
        """Bring back an earlier version (the current file goes to history
        first) and read it in. Refused while edits are unsaved."""
        if self.dirty:
            raise SaveError("not restored: your latest text is not on disk yet (" + (self.save_error or
                            "the save did not finish") + "); once it is saved, try again")
        restored = self.library.restore_version(self.review.slug, version)
        self.reload()
        return restored

    # After a crash -----------------------------------------------------------------------
    def _crash_words(self) -> int:
        return sum(word_count(text) for text in self.crash.values())

    def _heading(self, question_id: str) -> str:
        return listing([("answer", question_id, "text")], self.template)

    def recover(self) -> Recovered:
        """Bring a crash's unsaved text back into the draft and save it
        (the text it replaces goes to history, as every save's does). The
        crash's journal goes once the disk holds the text."""
        texts, words = dict(self.crash), self._crash_words()
        if not texts:
            return Recovered({}, 0, "There is no unsaved text to recover.")
        for qid, text in texts.items():
            self.set_answer(qid, text)
        outcome = self.save()
        self.crash = {}
        named = ", ".join(self._heading(q) for q in texts)
        if outcome.saved:
            self.journal.forget_recovered()
            message = f"Recovered {words:,} words ({named}) and saved them."
        else:
            message = (f"Recovered {words:,} words ({named}); not saved yet: "
                       f"{outcome.error or 'the file changed on disk'}. They stay in the crash journal until saved.")
        return Recovered(texts, words, message, outcome)

    def recover_later(self) -> Recovered:
        """Leave a crash's text where it is, offered again at the next open."""
        texts, words = dict(self.crash), self._crash_words()
        if self.journal is not None:
            self.journal.keep_for_later()
        self.crash = {}
        return Recovered(texts, words, f"Kept {words:,} unsaved words for later: they are offered again the next "
                                       f"time you open this review (or run: reviewdesk recover {self.review.slug}).")

    def discard_recovered(self) -> Recovered:
        """Leave a crash's text out of the draft, kept in history as a
        version of its own (the draft as read, with that text in it).
        SaveError when history cannot keep it: then the journal stays."""
        from reviewdesk.review.draftfile import dumps

        texts, words = dict(self.crash), self._crash_words()
        if not texts:
            return Recovered({}, 0, "There is no unsaved text to discard.")
        kept = copy.deepcopy(self.base)
        for qid, text in texts.items():
            kept.set_answer(qid, text)
        version = history.set_aside(self.library.root, self.review.slug, dumps(kept).encode("utf-8"))
        self.journal.forget_recovered()
        self.crash = {}
        return Recovered(texts, words, f"Left {words:,} unsaved words out of the draft. They are kept as history "
                                       f"version {version.number} (F5, or: reviewdesk restore {self.review.slug} "
                                       f"{version.number}).", version=version)

