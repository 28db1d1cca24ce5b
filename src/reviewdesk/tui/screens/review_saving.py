"""The review screen's side of its editing session
(:mod:`reviewdesk.review.session`): a mixin of ReviewScreen.

The session holds the draft, decides when an autosave is due, writes, looks
at the disk and merges; this is the view of it. A tick asks the session
whether a save is due and runs the write in a Textual thread worker (turning
a 50,000-word draft into TOML, writing it and reading it back takes
150-250 ms, and the writer's keys must not wait); the worker's result comes
back as its state-change message. What a save or a look at the disk came to
is shown here: the status line, a notification, editors showing text merged
in from disk, the recovery question after a crash and the conflict question.
"""

from __future__ import annotations

import time
from functools import partial

from textual.worker import Worker, WorkerState

from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.merge import describe
from reviewdesk.review.model import Review, word_count
from reviewdesk.review.text import normalize_text
from reviewdesk.review.session import Changes, EditingSession, Outcome, SaveJob, Written
from reviewdesk.tui.desk import desk
from reviewdesk.tui.safe_text import one_line
from reviewdesk.tui.threads import run_in_thread
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.fitted import FittedText
from reviewdesk.tui.widgets.sidebar import QuestionList
from reviewdesk.tui.widgets.status import StatusLine

AUTOSAVE = "autosave"  # the workers' group
HELD = "the draft changed on disk; press ctrl+s to choose whose text to keep"


class SavingMixin:
    session: EditingSession
    _autosave_job: SaveJob | None = None
    _conflict_open = False
    conflict_question_held = False  # while the quit question is asked: one question at a time
    _history_warned: str | None = None

    # The session's state, as the screen and its tests read it ------------------------------------
    @property
    def review(self) -> Review:
        return self.session.review

    @property
    def dirty(self) -> bool:
        return self.session.dirty

    @property
    def saving(self) -> bool:
        return self.session.saving

    @property
    def save_error(self) -> str | None:
        return self.session.save_error

    @property
    def journal(self):
        return self.session.journal

    @property
    def last_change(self) -> float:
        return self.session.last_change

    @last_change.setter
    def last_change(self, value: float) -> None:
        self.session.last_change = value

    def unsaved_reason(self) -> str:
        """Why the draft is not on disk, for the quit question."""
        if self.session.pending is not None:
            return "the draft changed on disk and you have not chosen whose text to keep"
        return self.session.save_error or "the save did not finish"

    # Lock and journal -------------------------------------------------------
    def _claim(self) -> None:
        """Lock the draft for this window and start its edit journal."""
        lock = self.session.claim()
        if lock.other is not None:
            self.notify(f"{lock.other.describe()}. Changes made there and here are merged; where both change "
                        "the same text, you choose.", title="Also open elsewhere", severity="warning", timeout=10)

    def on_unmount(self) -> None:
        self.session.close()

    def _offer_recovery(self) -> None:
        """Text typed after the last save, left by a crash: offer it back."""
        from reviewdesk.tui.screens.recovery import RecoveryScreen

        found = self.session.crash
        if not found:
            return
        answers = [(describe(("answer", qid, "text"), self.template), word_count(text)) for qid, text in found.items()]
        self.app.push_screen(RecoveryScreen(answers), self._recovery_chosen)

    def _recovery_chosen(self, choice: str | None) -> None:
        if choice == "recover":
            self.sync_editors()
            recovered = self.session.recover()
            self._show_texts(list(recovered.texts))
            if recovered.outcome is not None:
                self._show_outcome(recovered.outcome)
            self.query_one(StatusLine).note = f"recovered {recovered.words:,} words"
            self._update_stats()
            self.notify(recovered.message, title="Recovered", timeout=6)
            self._go_to_end_of(recovered.texts)
        elif choice == "discard":
            try:
                discarded = self.session.discard_recovered()
            except ReviewDeskError as exc:
                self.notify(f"{exc}. Nothing was discarded: the text is offered again next time.",
                            title="Not discarded", severity="error", timeout=10)
                self.session.recover_later()
                return
            self.notify(discarded.message, title="Unsaved text set aside", timeout=10)
        else:
            later = self.session.recover_later()
            self.notify(later.message, title="Decide later", timeout=8)

    def _go_to_end_of(self, texts: dict[str, str]) -> None:
        """The writer goes on where the recovered text ends."""
        ids = [q.id for q in self.pages]
        shown = [ids.index(qid) for qid in texts if qid in ids]
        if not shown:
            return
        index = min(shown)
        self.go(index)
        editor = self.editor(index)
        editor.move_cursor(editor.document.end)

    def _show_texts(self, question_ids: list[str]) -> None:
        """Editors show the review's text for these questions (text that came
        from the journal or from disk); nothing typed is replaced, as the
        session only changes answers without unsaved text in them."""
        wanted = set(question_ids)
        for editor in self.query(AnswerEditor):
            if editor.question_id in wanted:
                text = self.review.peek(editor.question_id).text
                if editor.text != text:
                    editor.load_text(text)
                    editor.move_cursor(editor.document.end)
                self.queue_preview(f"q:{editor.question_id}")
        self.query_one("#questions", QuestionList).refresh_all()
        self._queue_stats()

    def action_history(self) -> None:
        from reviewdesk.tui.screens.history import HistoryScreen

        self.save_now()

        def chosen(version: str | None) -> None:
            if version is None:
                return
            try:
                restored = self.session.restore(version)
            except ReviewDeskError as exc:
                self.notify(str(exc), title="Not restored", severity="error", timeout=8)
                return
            self.notify(f"Restored the version from {restored.replaced.astimezone():%d %b %H:%M}. "
                        "The text it replaced is in the history too (F5).", timeout=4)
            self._shown_clean()
            self._load_editors()
            self.call_later(self._show_reloaded)

        self.app.push_screen(HistoryScreen(self.library, self.review.slug), chosen)

    # Edits ----------------------------------------------------------------
    def mark_dirty(self) -> None:
        """The review was changed in place (its images, say)."""
        self.session.changed()
        self._edited()

    def _edited(self) -> None:
        """An edit went into the session: the status line says it is not saved yet."""
        status = self.query_one(StatusLine)
        status.dirty = True
        status.note = ""

    def _tick(self) -> None:
        self.session.flush_journal()
        self.session.autosave_delay = desk(self).autosave_delay  # the writer's setting, live
        if self.session.autosave_due():
            self.save_soon()

    def set_text(self, question_id: str, text: str) -> None:
        """Change an answer from code: the session and its editor, if it has
        one (editors are read on every save, so both must agree)."""
        self.session.set_answer(question_id, text)
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
        """Take one editor's text into the session (and its journal), the
        preview and the counts; nothing happens when it already holds that text."""
        text = editor.text  # read once: what is compared below is what the session was given
        if not self.session.set_answer(editor.question_id, text):
            return  # the initial text, a text loaded from disk, or an undo back to it
        kept = self.review.peek(editor.question_id).text
        if kept != text:
            self._show_kept_text(editor, kept)
        self._edited()
        self.queue_preview(f"q:{editor.question_id}")
        self._queue_stats()

    @staticmethod
    def _show_kept_text(editor: AnswerEditor, kept: str) -> None:
        """The editor shows the text the review kept: control characters
        (a paste's escape sequences) are dropped by the model, and an editor
        still showing them would differ from it at every sync. The cursor
        stays after the same character it was after."""
        before = normalize_text(editor.document.get_text_range((0, 0), editor.cursor_location))
        row = before.count("\n")
        column = len(before) - (before.rfind("\n") + 1)
        editor.replace(kept, (0, 0), editor.document.end)
        editor.move_cursor((row, column))

    # Saving ----------------------------------------------------------------
    def save_now(self) -> bool:
        """Write the draft now, after any save in flight. True when the disk
        holds every change."""
        if self.is_mounted:
            self.sync_editors()
        outcome = self.session.save()
        if self.is_mounted:
            self._show_outcome(outcome)
        return outcome.saved

    def save_soon(self) -> None:
        """Write the draft in a thread worker; the keys go on meanwhile. What
        it came to is shown when the worker reports (on_worker_state_changed)."""
        if self.is_mounted:
            self.sync_editors()
        job = self.session.begin_save()
        if job is None:
            return
        self._autosave_job = job
        run_in_thread(self, partial(self.session.write, job), name="autosave", group=AUTOSAVE,
                      exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An autosave's worker is done: show what the save came to. (A
        handler by name: Textual collects @on handlers only from its own
        classes, not from a plain mixin.)"""
        worker = event.worker
        if worker.group != AUTOSAVE or not worker.is_finished:
            return
        job, self._autosave_job = self._autosave_job, None
        if event.state == WorkerState.SUCCESS:
            written = worker.result
        elif job is not None:  # write() never raises; should it, the text stays and is retried
            written = Written(job, error=f"could not save: {worker.error}")
        else:
            return
        if self.is_mounted:
            # A key whose Changed message is still queued is in its editor
            # only: the session takes it first, so a merge that follows a
            # conflict sees it as the writer's own (never replaced).
            self.sync_editors()
        outcome = self.session.finish_save(written)
        if self.is_mounted:
            self._show_outcome(outcome)

    def _show_outcome(self, outcome: Outcome) -> None:
        status = self.query_one(StatusLine)
        if outcome.changes is not None:
            self._show_changes(outcome.changes)
        if outcome.error:
            status.error = outcome.error
            if outcome.first_error:
                self.notify(f"{outcome.error}. Your text is safe in the editor; retrying every few seconds.",
                            title="Could not save", severity="error", timeout=8)
            return
        status.error = ""
        if outcome.again:
            self.notify("Saved again: the draft is on disk.", timeout=3)
        if outcome.saved:
            self._shown_clean()
        problem = outcome.history_problem
        if problem and problem != self._history_warned:
            self._history_warned = problem
            self.notify(f"Saved, but {problem}.", title="History", severity="warning", timeout=8)

    def _shown_clean(self) -> None:
        status = self.query_one(StatusLine)
        status.error = ""
        status.held = ""
        status.dirty = False
        status.saved_at = time.monotonic()

    def action_save(self) -> None:
        self.save_now()

    # Changes made elsewhere ----------------------------------------------------
    def _watch_disk(self) -> None:
        """Notice a change made to the file by another window, a sync tool or
        a script, and merge it in."""
        if self._conflict_open or not self.session.changed_on_disk():
            return
        self.sync_editors()
        changes = self.session.reconcile()
        self._show_changes(changes)
        if changes.settled and not self.session.dirty:
            self._shown_clean()

    def _show_changes(self, changes: Changes) -> None:
        """Show what a look at the disk brought in, and ask about conflicts."""
        if changes.texts:
            self._show_texts(changes.texts)
        if changes.details:
            self.call_later(self._show_reloaded)
        if changes.settled:
            self.query_one(StatusLine).held = ""
            if changes.message:
                self.notify(changes.message, title="Changed on disk", timeout=8)
        elif not (self.session.dirty or self.session.pending):
            self.notify(changes.message, title="Changed on disk", severity="warning", timeout=10)
        else:
            self._open_conflict(changes)

    def _open_conflict(self, changes: Changes) -> None:
        from reviewdesk.tui.screens.conflict import ConflictScreen

        if self._conflict_open:
            return
        if self.conflict_question_held:
            self.query_one(StatusLine).held = HELD
            return
        self._conflict_open = True
        self.query_one(StatusLine).held = "the draft changed on disk; choose whose text to keep"
        self.app.push_screen(ConflictScreen(self.review.slug, changes.conflicts, self.review, self.session.theirs,
                                            self.template, changes.unreadable), self._conflict_chosen)

    def hold_conflict_question(self) -> None:
        """No conflict question while another is asked (quitting): one closed
        unanswered is left undecided, as Escape leaves it."""
        self.conflict_question_held = True
        if self._conflict_open:
            self._conflict_open = False
            self.query_one(StatusLine).held = HELD

    def ask_pending_conflict(self) -> None:
        """The conflict question again, if it is still unsettled (ctrl+s asks it too)."""
        if self.session.pending is not None and self.is_mounted:
            self.save_now()

    def _conflict_chosen(self, choice: str | None) -> None:
        self._conflict_open = False
        status = self.query_one(StatusLine)
        if choice is None:
            status.held = HELD
            self.notify("Nothing was overwritten. Your text stays here, not saved but in the crash journal; "
                        "press ctrl+s to choose whose text to keep.", title="Decide later", timeout=8)
            return
        self.sync_editors()
        try:
            settled = self.session.settle(choice)
        except ReviewDeskError as exc:
            status.held = HELD
            self.notify(str(exc), title="Not settled", severity="error", timeout=10)
            return
        if settled.choice == "copy":
            self.call_later(self._show_reloaded)
        else:
            self._show_changes(settled.changes)
        if settled.outcome is not None:
            self._show_outcome(settled.outcome)
        elif not self.session.dirty:
            self._shown_clean()
        status.held = "" if self.session.pending is None else HELD
        self.notify(settled.message, title="Settled", timeout=10)

    def _load_editors(self) -> None:
        """Every editor shows the review's text (a restored version), at once:
        before the next key, which would otherwise land in the old text."""
        for editor in self.query(AnswerEditor):
            text = self.review.peek(editor.question_id).text
            if editor.text != text:
                editor.load_text(text)

    async def _show_reloaded(self) -> None:
        """Show the session's review everywhere, in place, at the same
        question: after a restore, a copy, or details merged in from disk.
        Editors were given their texts already; keys typed since are edits."""
        self.sync_editors()
        await self._form_made()
        await self.query("#pane-info").remove()  # made again from the review
        self.info_form()
        self.pages = self.make_pages()
        await self.query_one("#questions", QuestionList).remove()
        await self.query_one("#sidebar").mount(
            QuestionList(self.pages, lambda qid: self.review.peek(qid), id="questions"))
        self.index = min(self.index, self.count)
        self.sub_title = one_line(self.review.title)
        self.query_one("#sidebar-title", FittedText).update(one_line(self.review.title))
        self.go(self.index)
        if self.preview_on:
            await self._fill_preview()
