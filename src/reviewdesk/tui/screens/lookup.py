"""Look up series information: search a source, pick an entry, fill the form.

The dialog opens with the review's title (without its "(Season One)") in the
search field and asks the review's source at once; a draft already filled
from an entry is shown that entry first. The core's lookup blocks on the
network, so each question runs in a thread worker whose result comes back as
the worker's state change; a loading indicator shows meanwhile. Enter on a
candidate fills: when the writer already typed some of the fields, the
dialog lists each one as "yours → the source's" to tick the ones to
replace, and nothing is replaced unticked. Escape closes the dialog and
cancels the worker (any wait ends at once; a request in flight is dropped).

It dismisses with a :class:`LookupChoice` (the plan and the fields to
replace) or None; :func:`fill_review` applies a choice to the review screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, LoadingIndicator, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from reviewdesk.errors import LookupFailed
from reviewdesk.lookup import fill
from reviewdesk.lookup.http import Cancel
from reviewdesk.lookup.sources import LABELS, NAMES, Lookup, source_for
from reviewdesk.review.model import Review
from reviewdesk.review.template import Template
from reviewdesk.tui.safe_text import one_line
from reviewdesk.tui.screens.dialog import Dialog
from reviewdesk.tui.threads import run_in_thread


@dataclass(frozen=True)
class LookupChoice:
    plan: fill.Plan
    take: frozenset[str]  # kept fields the writer chose to replace


def _search(source: str, review: Review, query: str | None, cancel: Cancel, notice):
    """In the worker's thread: the candidates and what was asked."""
    with Lookup(source, cancel=cancel, notice=notice) as lookup:
        return lookup.candidates(review, query)


def _entry(source: str, candidate, cancel: Cancel, notice):
    with Lookup(source, cancel=cancel, notice=notice) as lookup:
        return lookup.entry(candidate)


class ReplaceList(SelectionList[str]):
    """The fields the writer filled: space ticks one to replace, Enter fills."""

    BINDINGS = [Binding("enter", "screen.fill", "Fill", show=False, id="lookup.fill")]


class LookupScreen(Dialog[LookupChoice | None]):
    DEFAULT_CSS = """
    LookupScreen { align: center middle; }
    LookupScreen > Vertical {
        width: 90; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
        border-title-style: bold; border-subtitle-color: $text-muted;
    }
    LookupScreen #lookup-search { height: auto; }
    LookupScreen #lookup-query { width: 1fr; }
    LookupScreen #lookup-source { width: 26; margin-left: 1; }
    LookupScreen #lookup-busy { height: 1; margin-top: 1; }
    LookupScreen #lookup-status { height: auto; margin-top: 1; color: $text-muted; }
    LookupScreen #lookup-status.-problem { color: $error; }
    LookupScreen #lookup-results { height: auto; max-height: 12; margin-top: 1; }
    LookupScreen #lookup-replace { height: auto; max-height: 12; margin-top: 1; display: none; }
    LookupScreen.-comparing #lookup-results { display: none; }
    LookupScreen.-comparing #lookup-replace { display: block; }
    """
    BINDINGS = [Binding("escape", "close", "Cancel", id="lookup.close")]

    def __init__(self, review: Review, template: Template) -> None:
        super().__init__()
        self.review = review
        self.template = template
        try:
            self.source = source_for(review, template)
            self.problem = ""
        except LookupFailed as exc:
            self.source, self.problem = NAMES[0], str(exc)
        self.candidates: list = []
        self.plan: fill.Plan | None = None
        self._cancel = Cancel()
        self._worker: Worker | None = None
        self._asked_query = ""

    def compose(self):
        with Vertical(id="lookup-box") as box:
            box.border_title = f"Look up {self.template.info_heading.lower()}"
            box.border_subtitle = "Escape closes"
            with Horizontal(id="lookup-search"):
                yield Input(fill.default_query(self.review.title), id="lookup-query",
                            placeholder="The title to search for", compact=True)
                yield Select([(LABELS[name], name) for name in NAMES], value=self.source, allow_blank=False,
                             id="lookup-source", compact=True)
            yield LoadingIndicator(id="lookup-busy")
            yield Static("", id="lookup-status")
            yield OptionList(id="lookup-results")
            yield ReplaceList(id="lookup-replace")

    def on_mount(self) -> None:
        self.query_one("#lookup-query", Input).focus()
        if self.problem:
            self._idle(self.problem, problem=True)
            return
        stored = self.review.lookup
        # A draft filled before shows its entry first; Enter in the field searches anew.
        self.search(None if stored.get("source") == self.source and stored.get("id") not in (None, "") else
                    self.query_one("#lookup-query", Input).value)

    # Asking ---------------------------------------------------------------------
    def _ask(self, job, name: str, doing: str) -> None:
        self._cancel.cancel()  # an earlier question's answer is not wanted any more
        if self._worker is not None:
            self._worker.cancel()
        self._cancel = Cancel()
        self.query_one("#lookup-busy", LoadingIndicator).display = True
        self._say(doing)
        self._worker = run_in_thread(self, partial(job, cancel=self._cancel, notice=self._notice), name=name,
                                     group="lookup", exit_on_error=False)

    def _notice(self, text: str) -> None:
        """From the worker's thread: a wait the source asked for ("waiting 4 s")."""
        if not self._cancel.cancelled:
            self.app.call_from_thread(self._say, f"{text}…")

    def search(self, query: str | None) -> None:
        self.set_class(False, "-comparing")
        self.query_one("#lookup-results", OptionList).clear_options()
        self._asked_query = query or ""
        label = LABELS[self.source]
        self._ask(partial(_search, self.source, self.review, query), "search", f"Asking {label}…")

    @on(Input.Submitted, "#lookup-query")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.search(event.value)

    @on(Select.Changed, "#lookup-source")
    def _source_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.source:
            self.source = event.value
            self.search(self.query_one("#lookup-query", Input).value)

    @on(OptionList.OptionSelected, "#lookup-results")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        candidate = self.candidates[event.option_index]
        self._ask(partial(_entry, self.source, candidate), "entry",
                  f"Reading {one_line(candidate.title)} from {LABELS[self.source]}…")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return
        if event.state == WorkerState.CANCELLED:
            return
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            why = str(error) if isinstance(error, LookupFailed) else f"the lookup failed ({error!r})"
            self._idle(why, problem=True)
            return
        if event.worker.name == "search":
            self._show_candidates(*event.worker.result)
        else:
            self._compare(event.worker.result)

    # Showing ----------------------------------------------------------------------
    def _say(self, text: str, problem: bool = False) -> None:
        status = self.query_one("#lookup-status", Static)
        status.update(Text(text))
        status.set_class(problem, "-problem")

    def _keys(self, text: str) -> None:
        """What the keys do now, on the dialog's bottom edge (always in view)."""
        self.query_one("#lookup-box").border_subtitle = text

    def _idle(self, text: str, problem: bool = False) -> None:
        self.query_one("#lookup-busy", LoadingIndicator).display = False
        self._say(text, problem)
        self._keys("Enter searches · Tab to the list · Escape closes")

    def _show_candidates(self, candidates: list, asked: str) -> None:
        self.candidates = candidates
        results = self.query_one("#lookup-results", OptionList)
        results.clear_options()
        results.add_options([Option(Text(one_line(c.line()))) for c in candidates])
        label = LABELS[self.source]
        if not candidates:
            self._idle(f"{label} found nothing for “{one_line(asked)}”. Try another title, or another source.")
            return
        stored = not self._asked_query
        self._idle(f"The entry this review was filled from ({label}). Enter fills from it again; edit the title "
                   "and press Enter to search." if stored else
                   f"{len(candidates)} found by {label} for “{one_line(asked)}”.")
        self._keys("↑↓ choose · Enter fills · Escape closes")
        results.highlighted = 0
        query = self.query_one("#lookup-query", Input)
        if self.focused in (query, None) and query.value == (self._asked_query or query.value):
            results.focus()  # the writer did not start typing another title meanwhile

    def _compare(self, entry) -> None:
        plan = fill.plan(self.review, self.template, entry)
        self.plan = plan
        kept = plan.by_status(fill.KEPT)
        if not kept:
            self.dismiss(LookupChoice(plan, frozenset()))
            return
        replace = self.query_one("#lookup-replace", ReplaceList)
        replace.clear_options()
        width = max(len(c.label) for c in kept)
        replace.add_options([(Text(f"{c.label:<{width}}  {one_line(c.before)}  →  {one_line(c.after)}"), c.field)
                             for c in kept])
        self.set_class(True, "-comparing")
        filled = [c.label for c in plan.by_status(fill.FILLED)]
        self._idle(f"From {one_line(entry.title)}. You filled these already: tick (space) the ones to "
                   "replace with the source's; the rest stay as you wrote them."
                   + (f" Fills {', '.join(filled)}." if filled else ""))
        self._keys("Space ticks · Enter fills · Escape: back to the list")
        replace.highlighted = 0
        replace.focus()

    # Answering -------------------------------------------------------------------
    def action_fill(self) -> None:
        if self.plan is None:
            return
        chosen = frozenset(self.query_one("#lookup-replace", ReplaceList).selected)
        self.dismiss(LookupChoice(self.plan, chosen))

    def action_close(self) -> None:
        if self.has_class("-comparing"):  # back to the list, the choice undone
            self.set_class(False, "-comparing")
            self.plan = None
            self._idle(f"{len(self.candidates)} found by {LABELS[self.source]}.")
            self.query_one("#lookup-results", OptionList).focus()
            return
        self._cancel.cancel()
        if self._worker is not None:
            self._worker.cancel()
        self.dismiss(None)


def fill_review(screen, choice: LookupChoice | None) -> None:
    """Apply a choice to the review screen: the review in memory, the form's
    fields, the preview, the next save; put the cursor in the first field
    still empty; and say what was done."""
    if choice is None:
        return
    applied = fill.apply(screen.review, choice.plan, choice.take)
    form = screen.info_form()
    for info_field in screen.template.info:
        if info_field.id in applied:
            for box in form.query(f"#info-{info_field.id}").results(Input):
                box.value = screen.review.info_text(info_field)  # equal to the review's: no edit is made
            form.show_problem(info_field.id, "")
    screen.mark_dirty()
    screen.queue_preview("info")
    screen.save_soon()
    # The cursor goes to the first field the source left empty: the one the writer types next.
    empty = [f for f in screen.template.info if not screen.review.info_text(f)]
    if empty:
        for box in form.query(f"#info-{empty[0].id}").results(Input):
            screen.call_after_refresh(box.focus)
    kept = [c.label for c in choice.plan.by_status(fill.KEPT) if c.field not in choice.take]
    said = f"Filled {len(applied)} field{'s' if len(applied) != 1 else ''} from {LABELS[choice.plan.entry.source]}"
    said += f"; kept yours: {', '.join(kept)}." if kept else "."
    screen.notify(said, title="Series information", timeout=5)
