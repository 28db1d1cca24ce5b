"""The Export dialog's "Publish to ..." row: an account, live or not, a button,
the uploads' progress and the post's address.

Publishing runs in a thread worker: signing in, each image upload and the
post are steps of the progress bar, reported back as messages. The result
is a link, copied to the clipboard; the draft records where the post went
(the app saves it through the open review, if there is one). A failure is
shown on the row and in a notification; nothing half done, as the core
promises (:mod:`reviewdesk.publish.blogs.publisher`).
"""

from __future__ import annotations

from textual import on
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Label, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState

from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.model import Review
from reviewdesk.review.template import Template
from reviewdesk.tui.desk import desk
from reviewdesk.tui.threads import run_in_thread

NO_ACCOUNTS = ("No blog accounts yet: add one with `reviewdesk accounts add wordpress --site URL --user USER` "
               "(or ghost, micropub), then open Export again.")
# On the row, one line at 80 columns.
NO_ACCOUNTS_SHORT = "Publish: no blog accounts yet (`reviewdesk accounts add --help`)."


class PublishBar(Vertical):
    DEFAULT_CSS = """
    PublishBar { height: auto; margin-top: 1; }
    PublishBar > Horizontal { height: 1; }
    PublishBar Label { padding: 0 1 0 0; }
    PublishBar #publish-account { width: 1fr; }
    PublishBar #publish-live { margin: 0 2; }
    PublishBar #publish-progress { width: 30; margin-right: 2; }
    PublishBar #publish-progress.-idle { display: none; }
    PublishBar #publish-result { width: 1fr; }
    PublishBar #publish-result.-error { color: $error; }
    PublishBar #publish-result.-done { color: $success; }
    """

    class Progress(Message):
        def __init__(self, done: int, total: int, what: str) -> None:
            super().__init__()
            self.done, self.total, self.what = done, total, what

    def __init__(self, review: Review, template: Template, mates, root, **kwargs) -> None:
        super().__init__(**kwargs)
        self.review, self.template, self.mates, self.root = review, template, mates, root
        self.accounts, self.problem = [], None
        from reviewdesk.publish.blogs import accounts

        try:
            self.accounts = accounts.every()
        except ReviewDeskError as exc:
            self.problem = str(exc)

    def compose(self):
        from reviewdesk.publish.blogs.accounts import LABELS

        if not self.accounts:
            yield Static(self.problem or NO_ACCOUNTS_SHORT, id="publish-none", markup=False)
            return
        with Horizontal():
            yield Label("Publish to")
            yield Select([(f"{LABELS[a.service]}: {a.label}", a.name) for a in self.accounts],
                         value=self.accounts[0].name, allow_blank=False, id="publish-account", compact=True)
            yield Checkbox("Live now (not a draft)", False, id="publish-live", compact=True)
            yield Button("Publish (f6)", id="publish", compact=True)
        with Horizontal():
            yield ProgressBar(id="publish-progress", show_eta=False, classes="-idle")
            yield Static("", id="publish-result", markup=False)

    @property
    def busy(self) -> bool:
        return any(w.group == "publish" and w.is_running for w in self.workers)

    def choose(self, name: str) -> bool:
        """Pick the account named ``name``; False if there is none."""
        if name not in {a.name for a in self.accounts}:
            return False
        self.query_one("#publish-account", Select).value = name
        return True

    @on(Button.Pressed, "#publish")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.publish()

    def publish(self) -> None:
        """Publish to the chosen account, in a thread; the row shows how it goes."""
        if not self.accounts:
            self.app.notify(self.problem or NO_ACCOUNTS, severity="warning", timeout=8)
            return
        if self.busy:
            return
        name = self.query_one("#publish-account", Select).value
        account = next(a for a in self.accounts if a.name == name)
        status = "publish" if self.query_one("#publish-live", Checkbox).value else "draft"
        bar = self.query_one("#publish-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.remove_class("-idle")
        self._say(f"Publishing to {account.label}…")
        self.query_one("#publish", Button).disabled = True
        run_in_thread(self, lambda: self._send(account, status), group="publish", exclusive=True,
                      exit_on_error=False, name=f"publish to {account.name}")

    def _send(self, account, status: str):
        """In the worker's thread: plan, then carry out; the core raises with the message to show."""
        from reviewdesk.publish.blogs import accounts, publisher

        full = accounts.resolve(account.service, account.name)  # the secret, from the keyring or file
        planned = publisher.plan(self.review, self.template, self.mates, self.root, full, status)
        outcome = publisher.carry_out(planned, progress=lambda d, t, w: self.post_message(self.Progress(d, t, w)))
        # Recorded from here, not when the result reaches the widget: the
        # draft must know of the post even if the dialog is gone by then.
        problem = self.app.call_from_thread(desk(self).record_published, self.review, outcome)
        return outcome, problem

    def on_publish_bar_progress(self, message: Progress) -> None:
        self.query_one("#publish-progress", ProgressBar).update(total=message.total, progress=message.done)
        self._say(message.what[:1].upper() + message.what[1:] + "…")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "publish" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.query_one("#publish", Button).disabled = False
        self.query_one("#publish-progress", ProgressBar).add_class("-idle")
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            said = str(error) if isinstance(error, ReviewDeskError) else f"publishing failed: {error!r}"
            self._say(said, "-error")
            self.app.notify(said, title="Not published", severity="error", timeout=12)
            return
        outcome, problem = event.worker.result
        from reviewdesk.publish.blogs.accounts import LABELS

        state = "live" if outcome.live else "as a draft"
        said = f"{'Published' if outcome.created else 'Updated'} {state} on {LABELS[outcome.account.service]}"
        copied = desk(self).copy_text(outcome.url, what=outcome.url, message=f"{said}: {outcome.url} (address copied)")
        notes = list(outcome.notes)
        if problem:
            notes.insert(0, problem)
            self.app.notify(problem, title="Not recorded in the draft", severity="error", timeout=15)
        self.show_result(outcome, "copied" if copied else None, notes)

    def show_result(self, outcome, copied: str | None, notes: list[str]) -> None:
        """The post's address as a link, and what else to know."""
        from rich.text import Text

        from reviewdesk.publish.blogs.accounts import LABELS

        state = "live" if outcome.live else "a draft"
        what = "Updated" if not outcome.created else "Created"
        text = Text(f"{what} on {LABELS[outcome.account.service]}, {state}: ")
        text.append(outcome.url, style=f"link {outcome.url}")
        if copied:
            text.append(" (copied)")
        for note in notes:
            text.append(f" · {note}")
        result = self.query_one("#publish-result", Static)
        result.set_classes("-done")
        result.update(text)

    def _say(self, text: str, kind: str = "") -> None:
        result = self.query_one("#publish-result", Static)
        result.set_classes(kind)
        result.update(text)
