"""The review screen: one question at a time, the post taking shape beside it.

The writer types in an AnswerEditor; every change updates the review in
memory at once, reaches disk within about a second and a half (autosave),
and reaches the preview a moment later, one paragraph at a time.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.dom import BadIdentifier
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import ContentSwitcher, OptionList, Static, TextArea

from reviewdesk.errors import ReviewDeskError
from reviewdesk.publish.export import ExportOptions
from reviewdesk.review.library import Library
from reviewdesk.review.model import Review
from reviewdesk.aids.progress import reading_time
from reviewdesk.aids.spelling import warm_up as warm_up_spelling
from reviewdesk.review.session import EditingSession
from reviewdesk.review.template import Question, Template
from reviewdesk.tui.desk import desk
from reviewdesk.tui.safe_text import one_line
from reviewdesk.tui.screens.quiet_start import QuietStart
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.fitted import FittedText
from reviewdesk.tui.widgets.footer import KeyFooter
from reviewdesk.tui.widgets.title_bar import TitleBar
from reviewdesk.tui.widgets.info_form import InfoForm, _score_text
from reviewdesk.tui.screens.review_layout import LayoutMixin
from reviewdesk.tui.screens.review_preview import PreviewMixin
from reviewdesk.tui.screens.review_saving import SavingMixin
from reviewdesk.tui.threads import run_in_thread
from reviewdesk.tui.widgets.blank import BlankHorizontal, BlankSwitcher, BlankVertical, background_rows
from reviewdesk.tui.widgets.preview import PostPreview
from reviewdesk.tui.widgets.sidebar import QuestionList
from reviewdesk.tui.widgets.status import StatusLine

WATCH_EVERY = 2.0
EXTRA_HINT = ("Text kept from an import (or from a question the template no longer has). It is not "
              "exported: move it into a question with F4, or keep it here as notes.")


class ReviewScreen(SavingMixin, PreviewMixin, LayoutMixin, QuietStart):
    CSS_PATH = "review.tcss"
    AUTO_FOCUS = ""  # the editor takes the focus itself, before the first key (None would mean the app's "*")
    BINDINGS = [
        Binding("ctrl+n,ctrl+down", "next_question", "Next", id="review.next_question"),
        Binding("ctrl+o,ctrl+up", "previous_question", "Previous", id="review.previous_question"),
        Binding("ctrl+t", "toggle_done", "Done", id="review.toggle_done"),
        Binding("ctrl+f", "images", "Images", id="review.images"),
        # ctrl+r where the preview stepped aside for want of room: says how to bring it back.
        Binding("ctrl+r", "show_preview", "Preview", id="review.show_preview",
                tooltip="Show the preview, hidden for want of room (in the question list's place)"),
        Binding("ctrl+r", "toggle_preview", "Preview", id="review.toggle_preview"),
        Binding("ctrl+g", "export", "Export", id="review.export"),
        Binding("ctrl+l", "copy", "Copy", id="review.copy"),
        Binding("ctrl+s", "save", "Save", id="review.save", show=False),
        Binding("f8", "focus_mode", "Focus mode", id="review.focus_mode", show=False),
        Binding("f4", "move_extra", "Move into a question", id="review.move_extra"),
        # F4 where there is nothing to move (move_extra is off): says why, rather than nothing.
        Binding("f4", "nothing_to_move", show=False, id="review.nothing_to_move"),
        Binding("f5", "history", "History", id="review.history", show=False),
        Binding("f3", "toggle_skip", "Skip", id="review.toggle_skip", show=False),
        Binding("f9", "toggle_spoiler", "Spoiler", id="review.toggle_spoiler", show=False),
        # A priority binding: in the editor, F6 would otherwise be TextArea's own "select line".
        Binding("f6", "lookup", "Look up", id="review.lookup", priority=True),
        # Escape in focus mode leaves focus mode (it is off elsewhere), not the review.
        Binding("escape", "leave_focus_mode", "Leave focus mode", id="review.leave_focus_mode"),
        Binding("escape", "library", "Library", id="review.library"),
    ]

    preview_on: reactive[bool] = reactive(True, init=False)

    def __init__(self, library: Library, review: Review, template: Template, start: int | None = None) -> None:
        super().__init__()
        self.library = library
        self.session = EditingSession(library, review, template)  # the draft, its saves, lock and journal
        self.template = template
        self.questions = len(template.questions)
        self.pages: list[Question] = self.make_pages()
        self.index = review.first_unanswered(template) if start is None else start
        self._filling = False
        self._refill = False
        self._moved_away: set[str] = set()
        self._preview_pending: set[str] = set()
        self._preview_timer = None
        self._stats_timer = None
        self._preview_busy = False
        self._preview_after_frame = False  # a catch-up waits for the next frame
        self._preview_waiting_since = 0.0  # when the oldest change the preview has not shown came
        self._preview_changed_at = 0.0  # when the latest one came
        self.session_start_words = review.words()
        self._mates: list[tuple[str, str]] = []
        self._form_mounting = None  # the form's mount, until something has waited for it (_form_made)

    # Layout ----------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """Its background only shows between its parts: one blank strip (widgets/blank.py says why)."""
        return background_rows(self, crop)

    def compose(self):
        yield TitleBar()
        with BlankHorizontal(id="body"):
            with Vertical(id="sidebar"):
                yield FittedText(one_line(self.review.title), lines=2, id="sidebar-title")
                yield QuestionList(self.pages, lambda qid: self.review.peek(qid), id="questions")
            with BlankVertical(id="main"):
                yield Static("", id="q-meta")
                yield Static("", id="q-heading")
                yield Static("", id="q-hint")
                first = self.pages[self.index] if self.index < self.count else None
                with BlankSwitcher(id="panes", initial=f"editor-{first.id}" if first else "pane-info"):
                    if first is not None:
                        # Composed with the screen, so it has the focus from the first key.
                        yield AnswerEditor(self.review.peek(first.id).text, first.id, id=f"editor-{first.id}")
                    if first is None:
                        yield InfoForm(self.review, self.template, id="pane-info")
                yield FittedText("", id="q-images")
            yield PostPreview(id="preview")
        yield StatusLine(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = one_line(self.review.title)
        if self.index < self.count:
            editor = self.editor(self.index)
            editor.move_cursor(editor.document.end)
            # Now, not by a callback (focus()): the app queues those behind
            # everything the new screen set going, and the first frames (and
            # the writer's first keys) would have no focus.
            self.set_focus(editor, scroll_visible=False)
        app = desk(self)
        self.session.autosave_delay = app.autosave_delay
        self.export_options: ExportOptions = app.export_options
        self.preview_wanted = app.preview_open
        self.set_reactive(ReviewScreen.preview_on, False)  # shown below, if there is room: no fill yet
        self.query_one("#preview").display = False
        self.arrange_columns()
        self.set_interval(0.25, self._tick)
        self.set_interval(WATCH_EVERY, self._watch_disk)
        self._claim()
        self.call_after_refresh(self._offer_recovery)
        self.go(self.index)
        self._update_stats()
        if not self.preview_on:  # else showing it (arrange_columns) filled it, then settled()
            self.call_after_refresh(self.settled)
        run_in_thread(self, warm_up_spelling, group="spelling")  # the export's checks, ready

    # Once open ------------------------------------------------------------------
    def settled(self) -> None:
        """The screen is built and the preview filled: make, hidden, the
        Series Information form and an editor for every question not visited
        yet, so that going to one costs a switch, not the making of some
        forty widgets or of an editor (its Markdown parsed and highlighted)
        between the key and its frame."""
        if not self.is_attached:
            return
        if self.preview_on and self.query_one(PostPreview).rendering():
            self.set_timer(0.1, self.settled)  # the preview first: it is what the writer sees
            return
        self.info_form()
        switcher = self.query_one("#panes", ContentSwitcher)
        have = {child.id for child in switcher.children}
        fresh = []
        for q in self.pages:
            if f"editor-{q.id}" in have:
                continue
            try:
                editor = AnswerEditor(self.review.peek(q.id).text, q.id, id=f"editor-{q.id}")
            except BadIdentifier:  # an extra section's id from a hand-edited file: made when visited
                continue
            editor.display = False
            editor.move_cursor(editor.document.end)  # where a first visit puts it
            fresh.append(editor)
        if fresh:
            switcher.mount_all(fresh)

    # Navigation -------------------------------------------------------------
    def make_pages(self) -> list[Question]:
        """The template's questions, then any extra sections (imported text
        that matched no question, or answers to questions the template lost)."""
        pages = list(self.template.questions)
        for qid in self.review.extra_answers(self.template):
            heading = str(self.review.answers[qid].extra.get("heading") or qid)
            pages.append(Question(qid, f"Extra: {heading}", EXTRA_HINT))
        return pages

    @property
    def count(self) -> int:
        """How many pages have an editor; Series Information comes after them."""
        return len(self.pages)

    @property
    def on_info(self) -> bool:
        return self.index >= self.count

    @property
    def on_extra(self) -> bool:
        return self.questions <= self.index < self.count

    def editor(self, index: int) -> AnswerEditor:
        q = self.pages[index]
        switcher = self.query_one("#panes", ContentSwitcher)
        found = switcher.query(f"#editor-{q.id}")
        if found:
            return found.first(AnswerEditor)
        editor = AnswerEditor(self.review.peek(q.id).text, q.id, id=f"editor-{q.id}")
        switcher.mount(editor)
        editor.move_cursor(editor.document.end)
        return editor

    def info_form(self) -> InfoForm:
        """The Series Information form, mounted (hidden) the first time it is
        asked for: it is some forty widgets to style, a third of what
        opening a review cost, and the writer starts on a question."""
        forms = self.query("#pane-info")
        if forms:
            return forms.first(InfoForm)
        form = InfoForm(self.review, self.template, id="pane-info")
        form.display = False
        # Labels above or beside the fields decided before the form is first
        # drawn: it fills the panes, whose width the editors already gave them.
        form.fit_width(self.query_one("#panes").size.width)
        self._form_mounting = self.query_one("#panes", ContentSwitcher).mount(form)
        return form

    async def _form_made(self) -> None:
        if self._form_mounting is not None:
            await self._form_mounting  # its fields exist once it has composed
            self._form_mounting = None

    async def _focus_form(self) -> None:
        """Give the form's first field the focus, once the form is made and
        laid out (a field focused before it has a place puts the terminal's
        cursor at the top left)."""
        form = self.info_form()
        if not form.made:
            await self._form_made()
            self.call_after_refresh(self._focus_form)  # after the layout that places the new fields
            return
        if self.on_info and self.is_attached and form.is_attached and self.focused is None:
            self.set_focus(form.first_input(), scroll_visible=False)

    def _focus_if_current(self, editor: AnswerEditor) -> None:
        if not self.on_info and self.pages[self.index].id == editor.question_id and editor.is_attached:
            self.set_focus(editor, scroll_visible=False)

    def _place_terminal_cursor(self) -> None:
        """The terminal's cursor where the focused editor's cursor is.

        A widget puts it there as it takes the focus; an editor shown again
        by a switch takes it before the layout that shows it, and the place
        it gave is where it was when it was hidden (or nowhere). Called
        after that layout; the editor's cursor row is drawn again, so that a
        frame moves the terminal's cursor now rather than at the next blink."""
        editor = self.focused
        if isinstance(editor, AnswerEditor) and editor.region:
            offset = editor.cursor_screen_offset
            if offset != self.app.cursor_position:
                self.app.cursor_position = offset
                editor.refresh_lines(offset.y - editor.content_region.y)

    def current_editor(self) -> AnswerEditor | None:
        return None if self.on_info else self.editor(self.index)

    def go(self, index: int) -> None:
        """Show question ``index`` (or Series Information) with the cursor in it."""
        index = max(0, min(index, self.count))
        page_kind = (self.on_info, self.on_extra)
        if self.dirty:
            self.save_soon()
        sidebar = self.query_one("#questions", QuestionList)
        if self.index < self.count:  # the question being left shows its latest words at once
            sidebar.refresh_question(self.index, self.review.peek(self.pages[self.index].id))
        self.index = index
        switcher = self.query_one("#panes", ContentSwitcher)
        sidebar.highlighted = index
        if self.on_info:
            self.query_one("#q-meta", Static).update(f"After the {self.questions} questions")
            self.query_one("#q-heading", Static).update(Text(self.template.info_heading))
            self.query_one("#q-hint", Static).update(
                "The facts readers look for, and the review's own details. Lists are comma-separated.")
            self.query_one("#q-images", FittedText).update("")
            self.info_form().fit_width(switcher.size.width)
            switcher.current = "pane-info"
            # The first field takes the focus once the form is laid out: a
            # field focused before it has a place puts the terminal's cursor
            # at the top left. Meanwhile nothing has it (the hidden editor's
            # focus would pass to the form, whose focus and blur restyle every
            # field in it).
            self.set_focus(None)
            self.call_after_refresh(self._focus_form)
            self._reveal("info")
        else:
            q = self.pages[index]
            mounted = bool(self.query_one("#panes", ContentSwitcher).query(f"#editor-{q.id}"))
            editor = self.editor(index)
            if self.on_extra:
                meta = "Extra section: not in the post until you move it into a question (F4)"
            else:
                meta = f"Question {index + 1} of {self.questions}" + (f"  ·  aim for {q.target} words" if q.target else "")
            self.query_one("#q-meta", Static).update(Text(meta))
            self.query_one("#q-heading", Static).update(Text(one_line(q.heading)))
            self.query_one("#q-hint", Static).update(Text(q.hint))
            switcher.current = editor.id
            if mounted and editor.is_mounted:
                # Now (not by focus(), which waits behind queued calls: keys
                # pressed fast would give it to an editor already left), in the
                # same frame as the switch; the terminal's cursor follows once
                # the editor is laid out.
                self.set_focus(editor, scroll_visible=False)
                self.call_after_refresh(self._place_terminal_cursor)
            else:
                # A new editor takes the focus once mounted, if the writer is
                # still on its question (keys pressed fast may have moved on,
                # and the focus must not go back to a hidden editor).
                self.call_after_refresh(self._focus_if_current, editor)
            self._show_images_line()
            self._reveal(f"q:{q.id}")
        self._update_stats()
        if (self.on_info, self.on_extra) != page_kind:
            self.refresh_bindings()  # the keys that matter most differ there (key_importance)

    def show_finding(self, finding) -> None:
        """Go to where a check's finding is: its question and line, or the form."""
        ids = [q.id for q in self.pages]
        if finding.question in ids:
            index = ids.index(finding.question)
            self.go(index)
            if finding.line:
                editor = self.editor(index)
                line = min(finding.line - 1, editor.document.line_count - 1)
                self.call_after_refresh(lambda: editor.move_cursor((line, 0), center=True))
        else:
            self.go(self.count)  # the tagline, Series Information: the form
        self.notify(finding.message, title="From the checks", timeout=6)

    def action_next_question(self) -> None:
        if self.index < self.count:
            self.go(self.index + 1)
        else:
            self.notify("That was the last part. Press ctrl+g to export the post.", timeout=3)

    def action_previous_question(self) -> None:
        if self.index > 0:
            self.go(self.index - 1)
        else:
            self.notify("This is the first question: ctrl+n goes to the next.", timeout=3)

    def _not_here(self, what: str) -> bool:
        """True (and the writer told why) when the page shown has no answer to ``what``."""
        if self.on_info:
            self.notify(f"Series Information has no answer to {what}: go to a question first.", timeout=4)
            return True
        if self.on_extra and what != "mark done":
            self.notify(f"An extra section is not in the post, so there is nothing to {what}: "
                        "F4 moves it into a question.", timeout=5)
            return True
        return False

    @on(OptionList.OptionSelected, "#questions")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index != self.index:
            self.go(event.option_index)
        else:
            self.go(self.index)

    def action_toggle_done(self) -> None:
        if self._not_here("mark done"):
            return
        q = self.pages[self.index]
        answer = self.review.answer(q.id)
        self.session.set_done(q.id, not answer.done)
        self._edited()
        self.query_one("#questions", QuestionList).refresh_question(self.index, answer)
        self.notify(f"{q.heading} marked {'done' if answer.done else 'not done'}.", timeout=2)
        if answer.done and self.index < self.count:
            self.go(self.index + 1)

    def action_toggle_skip(self) -> None:
        """Leave this question out on purpose: not exported, not warned about."""
        if self._not_here("skip"):
            return
        q = self.pages[self.index]
        answer = self.review.answer(q.id)
        self.session.set_skipped(q.id, not answer.skipped)
        self._edited()
        self.query_one("#questions", QuestionList).refresh_question(self.index, answer)
        self.notify(f"{q.heading} " + ("is skipped: it stays out of the post." if answer.skipped
                                       else "is back in the post."), timeout=3)
        self.queue_preview(f"q:{q.id}")

    def action_toggle_spoiler(self) -> None:
        """The whole answer is a spoiler: exported folded away under "Spoilers"."""
        if self._not_here("mark as a spoiler"):
            return
        q = self.pages[self.index]
        answer = self.review.answer(q.id)
        self.session.set_spoiler(q.id, not answer.spoiler)
        self._edited()
        self.query_one("#questions", QuestionList).refresh_question(self.index, answer)
        self.notify(f"{q.heading} " + ("is marked as a spoiler: readers open it to read it." if answer.spoiler
                                       else "is no longer a spoiler."), timeout=3)
        self.queue_preview(f"q:{q.id}")

    def action_library(self) -> None:
        if not self.save_now():
            if self.save_error:
                self.notify(f"Not saved yet: {self.save_error}. Your text stays here until it is.",
                            severity="error")
            return  # or the question about a change on disk is open: the text stays here until it is settled
        self.dismiss(self.review.slug)

    # Editing ----------------------------------------------------------------
    @on(TextArea.Changed, "AnswerEditor")
    def _answer_changed(self, event: TextArea.Changed) -> None:
        editor = event.text_area
        assert isinstance(editor, AnswerEditor)
        self.take_text(editor)

    @on(InfoForm.Edited)
    def _info_edited(self, event: InfoForm.Edited) -> None:
        form = self.query_one(InfoForm)
        try:
            if event.kind == "verdict":
                current = _score_text(self.review.score) if event.key == "score" else self.review.verdict
                if current == event.value.strip():
                    return
                if event.key == "score":
                    self.session.set_score(event.value)
                    form.show_problem("score", "")
                else:
                    self.session.set_verdict(event.value)
                self.queue_preview("verdict")
            elif event.kind == "info":
                field = self.template.info_field(event.key)
                if self.review.info_text(field) == event.value.strip():
                    return
                self.session.set_info(field, event.value)
                form.show_problem(field.id, "")
                self.queue_preview("info")
            else:
                if getattr(self.review, event.key) == event.value:
                    return
                self.session.set_field(event.key, event.value)
                self.queue_preview("head")
                if event.key == "title":
                    self.sub_title = one_line(self.review.title)
                    self.query_one("#sidebar-title", FittedText).update(one_line(self.review.title))
                if event.key == "season":
                    self.queue_preview("others")
        except ReviewDeskError as exc:
            if event.kind in ("info", "verdict"):
                form.show_problem(event.key, str(exc))
            else:
                self.notify(str(exc), severity="warning", timeout=3)
            return
        self._edited()
        self._queue_stats()

    # Stats ----------------------------------------------------------------
    def _queue_stats(self) -> None:
        if self._stats_timer is None:
            self._stats_timer = self.set_timer(0.4, self._update_stats)

    def _update_stats(self) -> None:
        self._stats_timer = None
        status = self.query_one(StatusLine)
        if self.on_info:
            answer_words = "Series Information"
        else:
            q = self.pages[self.index]
            answer = self.review.peek(q.id)
            aim = answer.target or q.target
            target = f" of {aim}" if aim else ""
            answer_words = f"this answer {answer.words:,}{target} words"
            self.query_one("#questions", QuestionList).refresh_question(self.index, answer)
        total = self.review.words()  # each answer's count is cached: only the changed one is counted
        status.show(answer_words=answer_words, reading=reading_time(total), review_words=total,
                    session_words=total - self.session_start_words)

    # Images, export, copy ------------------------------------------------------
    def _show_images_line(self) -> None:
        if self.on_info:
            return
        q = self.pages[self.index]
        images = self.review.peek(q.id).images
        line = self.query_one("#q-images", FittedText)
        if images:
            names = "; ".join(one_line(im.caption or im.src) for im in images)
            line.update(f"🖼  {len(images)} image{'s' * (len(images) != 1)} after this answer (ctrl+f): {names}")
        else:
            line.update("No images after this answer: ctrl+f adds one.")

    def action_images(self) -> None:
        from reviewdesk.tui.screens.images import ImagesScreen

        if self.on_info:
            self.notify("Images belong to a question: go to one first.", timeout=3)
            return
        q = self.pages[self.index]

        def done(changed: bool | None) -> None:
            if changed:
                self.mark_dirty()
                self.save_soon()
                self.queue_preview(f"q:{q.id}")
                self._show_images_line()
                self._update_stats()
            editor = self.current_editor()
            if editor:
                editor.focus()

        self.app.push_screen(ImagesScreen(self.review, q, self.index + 1), done)

    def action_export(self) -> None:
        self.save_soon()  # the post is made from the text in memory
        desk(self).open_export(self.review, self.template)

    def action_copy(self) -> None:
        self.save_soon()  # the post is made from the text in memory
        desk(self).copy_post(self.review, self.template)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "move_extra":
            return self.on_extra
        if action == "show_preview":
            return self.preview_aside
        if action == "leave_focus_mode":
            return self.has_class("-focus")
        return True

    def key_importance(self) -> list[str]:
        """The footer's keys, the most important first (a narrow footer leaves
        out the others; the way out, escape and ctrl+q, always stays). F1
        comes early: it lists every key the footer has no room for."""
        if self.on_info:
            return ["next_question", "previous_question", "lookup", "show_preview", "keys", "export", "copy",
                    "toggle_preview"]
        first = ["move_extra"] if self.on_extra else []
        return first + ["next_question", "previous_question", "show_preview", "keys", "toggle_done", "copy",
                        "images", "export", "toggle_preview", "lookup"]

    def action_lookup(self) -> None:
        """Series Information from the web (F6 from anywhere in the review; the palette)."""
        from reviewdesk.tui.screens.lookup import LookupScreen, fill_review

        if not self.on_info:
            self.go(self.count)
        self.app.push_screen(LookupScreen(self.review, self.template), partial(fill_review, self))

    def action_move_extra(self) -> None:
        from reviewdesk.tui.screens.move import MoveScreen

        if not self.on_extra:
            return
        extra = self.pages[self.index]

        def moved(target: int | None) -> None:
            if target is None:
                return
            self.sync_editors()
            self.move_extra(extra.id, self.template.questions[target].id)
            self.call_later(self._rebuild_pages, target)

        self.app.push_screen(MoveScreen(extra.heading, list(self.template.questions)), moved)

    def action_nothing_to_move(self) -> None:
        if len(self.pages) > self.questions:
            self.notify("F4 moves an extra section into a question: go to one first (they are listed "
                        "after the questions).", timeout=5)
        else:
            self.notify("Nothing to move: F4 moves an extra section (text from an import that matched no "
                        "question) into a question, and this review has none.", timeout=5)

    def move_extra(self, extra_id: str, question_id: str) -> None:
        """Append an extra section's text and images to a question's answer."""
        self._moved_away.add(extra_id)  # its editor goes too; never sync it back
        self.session.move_answer(extra_id, question_id)
        text = self.review.peek(question_id).text
        for editor in self.query(AnswerEditor):
            if editor.question_id == question_id and editor.text != text:
                editor.load_text(text)
        self._edited()
        self.save_now()

    async def _rebuild_pages(self, target: int) -> None:
        """After the pages changed: fresh sidebar, editors only for what remains."""
        self.pages = self.make_pages()
        ids = {q.id for q in self.pages}
        for editor in list(self.query(AnswerEditor)):
            if editor.question_id not in ids or editor.question_id == self.template.questions[target].id:
                await editor.remove()
        sidebar = self.query_one("#questions", QuestionList)
        await sidebar.remove()
        await self.query_one("#sidebar").mount(
            QuestionList(self.pages, lambda qid: self.review.peek(qid), id="questions"))
        self.go(target)
        self.queue_preview(f"q:{self.template.questions[target].id}")

    # Commands for the palette ---------------------------------------------------
    def palette_commands(self):
        yield ("Next question", "Move to the next question", self.action_next_question)
        yield ("Previous question", "Move to the previous question", self.action_previous_question)
        yield ("Mark done", "Mark this answer done (or not)", self.action_toggle_done)
        yield ("Skip question", "Leave this question out of the post on purpose (F3)", self.action_toggle_skip)
        yield ("Mark as spoiler", "Fold this answer away under “Spoilers” in the post (F9)",
               self.action_toggle_spoiler)
        yield ("Toggle preview", "Show or hide the live preview", self.action_toggle_preview)
        yield ("Focus mode", "Only the question and the editor, centred (F8)", self.action_focus_mode)
        yield ("Images and captions", "Add, edit or remove this question's images", self.action_images)
        yield ("Export", "See the final Markdown, copy it or save it", self.action_export)
        yield ("Copy to clipboard", "Copy the post's Markdown", self.action_copy)
        yield ("Save now", "Write the draft to disk now", self.action_save)
        yield ("History", "Earlier versions of this draft; bring one back (F5)", self.action_history)
        yield ("Series Information", "The facts table and the review's details", lambda: self.go(self.count))
        yield ("Look up series information", "Fill the facts table from MyAnimeList, AniList, TMDB, Open Library "
               "or IGDB (F6)", self.action_lookup)
        if self.on_extra:
            yield ("Move into a question", "Append this extra section to one of the questions (F4)",
                   self.action_move_extra)
        yield ("Back to the library", "Save and return to the list of reviews", self.action_library)
        for n, q in enumerate(self.template.questions, 1):
            yield (f"Go to question {n}: {q.heading}", q.hint, lambda i=n - 1: self.go(i))
