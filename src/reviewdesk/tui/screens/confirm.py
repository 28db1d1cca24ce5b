"""A yes/no question that dismisses with the answer."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static
from reviewdesk.tui.screens.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 64; height: auto; max-width: 90%; border: thick $primary; background: $surface; padding: 1 2; }
    ConfirmScreen #question { margin-bottom: 1; }
    ConfirmScreen Horizontal { height: auto; align: right middle; }
    ConfirmScreen Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "answer(False)", "Cancel", id="confirm.cancel"),
                Binding("y", "answer(True)", "Yes", id="confirm.yes")]

    def __init__(self, question: str, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self):
        with Vertical():
            yield Static(self.question, id="question")
            with Horizontal():
                yield Button(self.no, id="no", action="screen.answer(False)")
                yield Button(self.yes, id="yes", variant="warning", action="screen.answer(True)")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
