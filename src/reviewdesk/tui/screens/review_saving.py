"""The review screen's saving: autosave, save errors, conflicts, reloads,
the draft's lock and edit journal, and history. A mixin of ReviewScreen:
it works on the screen's review, editors and status line.

Autosave writes in a thread: turning a 50,000-word draft into TOML, writing
it and reading it back takes 150-250 ms, and the writer's keys must not wait
for it. The thread saves a copy of the review taken on the event loop, so
what it writes is one consistent moment; keys typed meanwhile make the draft
dirty again and the next tick saves them. One lock orders every write: an
explicit save (leaving, quitting, history) waits for a save in flight, and
the file's stamp the thread leaves on the review is the one conflicts are
judged against. The edit journal is cleared only once the disk holds every
change, so a crash mid-save still recovers the newest words.
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import tempfile
import threading
import time
from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from reviewdesk.review import locks
from reviewdesk.review.atomic import atomic_write
from reviewdesk.errors import ReviewDeskError, SaveError
from reviewdesk.review.journal import Journal
from reviewdesk.review.library import Conflict
from reviewdesk.tui.safe_text import one_line
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.sidebar import QuestionList
from reviewdesk.tui.widgets.status import StatusLine

MAX_UNSAVED = 1.5  # seconds: a change is on disk at most this long after it was typed
RETRY_EVERY = 2.0


class SavingMixin:
    # Lock and journal -------------------------------------------------------
    def _claim(self, slug: str) -> None:
        """Lock the draft for this window and start its edit journal."""
        if self.lock is not None:
            self.lock.release()
        self.lock = locks.acquire(self.library, slug)
        self.journal = Journal(self.library, slug)
        if self.lock.other is not None:
            self.notify(f"{self.lock.other.describe()}. Changes made there and here will be compared "
                        "before anything is overwritten.", title="Also open elsewhere",
                        severity="warning", timeout=10)

    def on_unmount(self) -> None:
        if self.lock is not None:
            self.lock.release()

    def _offer_recovery(self) -> None:
        """Text typed after the last save, left by a crash: offer it back."""
        from reviewdesk.tui.screens.confirm import ConfirmScreen

        found = self.journal.recover(self.review)
        if not found:
            return
        names = {q.id: q.heading for q in self.pages}
        listed = "\n".join(f"• {names.get(qid, qid)} ({len(text.split()):,} words)" for qid, text in found.items())

        def answer(restore: bool | None) -> None:
            if restore:
                for qid, text in found.items():
                    self.set_text(qid, text)
                self.mark_dirty()
                if self.save_now():
                    self.journal.forget_recovered()  # on disk now; until then the old journal stays
                self.call_later(self._show_reloaded_texts)
                self.notify("Recovered the unsaved text.", timeout=4)
            else:
                self.journal.forget_recovered()

        self.app.push_screen(ConfirmScreen(
            "[b]Unsaved text found[/b]: Review Desk stopped before these answers reached the draft "
            f"(a crash, or the terminal closed):\n{listed}\nBring them back?",
            yes="Recover", no="Discard"), answer)

    async def _show_reloaded_texts(self) -> None:
        for editor in self.query(AnswerEditor):
            text = self.review.peek(editor.question_id).text
            if editor.text != text:
                editor.load_text(text)
        self.query_one("#questions", QuestionList).refresh_all()
        if self.preview_on:
            await self._fill_preview()

    def action_history(self) -> None:
        from reviewdesk.tui.screens.history import HistoryScreen

        self.save_now()

        def chosen(version: str | None) -> None:
            if version is None:
                return
            try:
                restored = self.library.restore_version(self.review.slug, version)
            except ReviewDeskError as exc:
                self.notify(str(exc), title="Not restored", severity="error", timeout=8)
                return
            self._reload(f"Restored the version from {restored.replaced.astimezone():%d %b %H:%M}. "
                         "The text it replaced is in the history too (F5).")

        self.app.push_screen(HistoryScreen(self.library, self.review.slug), chosen)

    # Saving ----------------------------------------------------------------
    def mark_dirty(self) -> None:
        now = time.monotonic()
        if not self.dirty:
            self.dirty_since = now
        self.dirty = True
        self.edits += 1
        self.last_change = now
        self.query_one(StatusLine).dirty = True

    def _tick(self) -> None:
        self.journal.flush()
        if not self.dirty or self.conflict_open or self.saving:
            return
        now = time.monotonic()
        if self.save_error:
            if now - self.last_attempt >= RETRY_EVERY:
                self.save_soon()
            return
        if now - self.last_change >= self.autosave_delay or now - self.dirty_since >= MAX_UNSAVED:
            self.save_soon()

    def set_text(self, question_id: str, text: str) -> None:
        """Change an answer from code: the model and its editor, if it has one
        (editors are read on every save, so both must agree)."""
        self.review.set_answer(question_id, text)
        for editor in self.query(AnswerEditor):
            if editor.question_id == question_id and editor.text != text:
                editor.load_text(text)

    def sync_editors(self) -> None:
        """Take every editor's text into the review, even if its Changed
        message has not been handled yet (a key pressed just before quit)."""
        for editor in self.query(AnswerEditor):
            if editor.question_id in self._moved_away:
                continue
            self.take_text(editor)

    def take_text(self, editor: AnswerEditor) -> None:
        """Take one editor's text into the review, the journal, the preview
        and the counts; nothing happens when it already holds that text."""
        text = editor.text
        if text == self.review.peek(editor.question_id).text:
            return  # the initial text, or an undo back to what is saved
        self.review.set_answer(editor.question_id, text)
        self.journal.record(editor.question_id, text)
        self.mark_dirty()
        self.queue_preview(f"q:{editor.question_id}")
        self._queue_stats()

    def save_now(self) -> bool:
        """Write the draft now, after any save in flight. True when the disk
        holds every change."""
        if self.is_mounted:
            self.sync_editors()
        if not self.dirty:
            return True
        if self.conflict_open:
            return False
        with self.save_lock:
            if self.on_disk == (self.review, self.edits):
                self._after_save()  # a background save already wrote all of it
                return True
            self.last_attempt = time.monotonic()
            try:
                self.library.save(self.review)
            except (Conflict, SaveError) as exc:
                self._save_failed(exc)
                return False
            self.on_disk = (self.review, self.edits)
        if self.save_error:
            self.notify("Saved again: the draft is on disk.", timeout=3)
        self._after_save()
        return True

    def save_soon(self) -> None:
        """Write the draft in a thread; the keys go on meanwhile. What the
        thread found (saved, a conflict, an error) is handled back here."""
        if self.is_mounted:
            self.sync_editors()
        if not self.dirty or self.conflict_open or self.saving:
            return
        review, edits = self.review, self.edits
        snapshot = copy.deepcopy(review)  # the answers' texts are shared, not copied
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()  # Textual's active app, for the answer on the loop
        self.save_lock.acquire()  # taken here, so no explicit save can slip in before the thread
        self.saving = True
        self.last_attempt = time.monotonic()

        def write() -> None:
            outcome: Exception | None = None
            try:
                self.library.save(snapshot)
            except (Conflict, SaveError) as exc:
                outcome = exc
            except Exception as exc:  # never a silent loss: shown as a save error, retried
                outcome = SaveError(f"could not save: {exc}")
            else:
                # The live review now stands for the file just written.
                review.updated, review.path, review.disk_stamp = snapshot.updated, snapshot.path, snapshot.disk_stamp
                self.on_disk = (review, edits)
            finally:
                self.save_lock.release()
            try:
                loop.call_soon_threadsafe(self._saved_in_background, review, edits, outcome, context=context)
            except RuntimeError:
                pass  # the app has closed; the journal still holds anything unsaved

        threading.Thread(target=write, name="reviewdesk-autosave", daemon=True).start()

    def _saved_in_background(self, review, edits: int, outcome: Exception | None) -> None:
        self.saving = False
        if review is not self.review or not self.is_mounted:
            return  # reloaded or closed meanwhile: that path settled the state
        if outcome is not None:
            self._save_failed(outcome)
            return
        if self.save_error:
            self.notify("Saved again: the draft is on disk.", timeout=3)
        if edits == self.edits:
            self._after_save()
        else:  # keys typed while it was written: still dirty, the next tick saves them
            self.save_error = None
            self.query_one(StatusLine).error = ""

    def _save_failed(self, exc: Exception) -> None:
        if isinstance(exc, Conflict):
            self._open_conflict()
            return
        status = self.query_one(StatusLine)
        first = self.save_error is None
        self.save_error = str(exc)
        status.error = self.save_error
        if first:
            self.notify(f"{exc}. Your text is safe in the editor; retrying every few seconds.",
                        title="Could not save", severity="error", timeout=8)

    def _after_save(self) -> None:
        """The draft on disk holds every change: forget the journal, clear
        the error, and say once if its history could not be kept."""
        self.journal.clear()
        self.save_error = None
        self.dirty = False
        status = self.query_one(StatusLine)
        status.error = ""
        status.dirty = False
        status.saved_at = time.monotonic()
        problem = self.library.history_problem
        if problem and problem != self._history_warned:
            self._history_warned = problem
            self.notify(f"Saved, but {problem}.", title="History", severity="warning", timeout=8)

    def rescue(self) -> Path | None:
        """Write the unsaved draft somewhere else (home, then the temp folder)."""
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

    def action_save(self) -> None:
        if self.save_now():
            self.query_one(StatusLine).saved_at = time.monotonic()

    def _watch_disk(self) -> None:
        """Notice a change made to the file by another window or a sync tool."""
        if self.conflict_open or not self.review.slug or self.saving:
            return  # while our own save is in flight, the file is ours to change
        if not self.library.changed_on_disk(self.review):
            return
        if self.dirty:
            self._open_conflict()
        else:
            self._reload("The draft changed on disk and was reloaded.")

    def _open_conflict(self) -> None:
        from reviewdesk.tui.screens.conflict import ConflictScreen

        if self.conflict_open:
            return
        self.conflict_open = True

        def resolved(choice: str | None) -> None:
            self.conflict_open = False
            if choice == "mine":
                try:
                    with self.save_lock:
                        self.library.save(self.review, force=True)
                except SaveError as exc:
                    self.notify(str(exc), severity="error")
                    return
                self._after_save()
                self.notify("Kept your version; the file on disk now holds it.")
            elif choice == "theirs":
                self._reload("Took the version on disk.")
            elif choice == "copy":
                self._save_as_copy()

        self.app.push_screen(ConflictScreen(self.library, self.review, self.template), resolved)

    def _save_as_copy(self) -> None:
        original = self.review.slug
        self.review.slug = self.library.unique_slug(f"{self.review.title} copy")
        self.review.title = f"{self.review.title} (copy)"
        try:
            with self.save_lock:
                self.library.save(self.review, new=True)
        except SaveError as exc:
            self.review.slug = original
            self.notify(str(exc), severity="error")
            return
        self.dirty = False
        self.notify(f"Your version is saved as {self.review.slug}; {original} keeps the file's version.")
        self.journal.clear()
        self._claim(self.review.slug)
        self._reload(None)

    def _reload(self, message: str | None) -> None:
        """Show the draft as it is on disk, in place, at the same question."""
        try:
            review = self.library.load(self.review.slug)
        except ReviewDeskError as exc:
            self.notify(f"Could not reload: {exc}", severity="error")
            return
        if message:
            self.notify(message, timeout=4)
        self.review = review
        self.journal.clear()  # the writer's unsaved text was given up for the disk's
        self.dirty = False
        status = self.query_one(StatusLine)
        status.dirty = False
        status.error = ""
        self.save_error = None
        self.call_later(self._show_reloaded)

    async def _show_reloaded(self) -> None:
        for editor in self.query(AnswerEditor):
            text = self.review.peek(editor.question_id).text
            if editor.text != text:
                editor.load_text(text)
        await self._form_made()
        await self.query("#pane-info").remove()  # made again from the reloaded review
        self.info_form()
        self.pages = self.make_pages()
        await self.query_one("#questions", QuestionList).remove()
        await self.query_one("#sidebar").mount(
            QuestionList(self.pages, lambda qid: self.review.peek(qid), id="questions"))
        self.index = min(self.index, self.count)
        self.sub_title = one_line(self.review.title)
        self.query_one("#sidebar-title", Static).update(Text(one_line(self.review.title)))
        self.go(self.index)
        if self.preview_on:
            await self._fill_preview()
