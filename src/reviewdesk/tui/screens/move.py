"""Choose the question an extra section moves into."""

from __future__ import annotations

from rich.text import Text
from rich.markup import escape
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static

from reviewdesk.review.template import Question
from reviewdesk.tui.screens.dialog import Dialog


class MoveScreen(Dialog[int | None]):
    """Dismisses with the index of the chosen question, or None."""

    DEFAULT_CSS = """
    MoveScreen { align: center middle; }
    MoveScreen > Vertical { width: 70; max-width: 95%; height: auto; max-height: 90%;
                            border: thick $primary; background: $surface; padding: 1 2; }
    MoveScreen OptionList { height: auto; max-height: 14; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="move.cancel"),
                # Before the list's own Enter, so the footer names what it does here.
                Binding("enter", "choose", "Move here", id="move.choose", priority=True)]

    def __init__(self, heading: str, questions: list[Question]) -> None:
        super().__init__()
        self.heading = heading
        self.questions = questions

    def compose(self):
        with Vertical():
            yield Static(f"[b]Move “{escape(self.heading)}”[/b] into which question? Its text goes after "
                         "what that answer already says; nothing is replaced.")
            yield OptionList(*[Text(f"{n}. {q.heading}") for n, q in enumerate(self.questions, 1)])

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None:
            self.notify("Pick a question first: up and down move through them.", timeout=4)
            return
        self.dismiss(index)

    def action_cancel(self) -> None:
        self.dismiss(None)
