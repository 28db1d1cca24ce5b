"""After a crash: bring back the text that never reached the draft."""

from __future__ import annotations

from rich.markup import escape
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from reviewdesk.tui.screens.dialog import Dialog


class RecoveryScreen(Dialog[str | None]):
    """Dismisses with "recover" (Enter: the focused, default button),
    "discard", or None: decide later (Escape), the text stays on offer."""

    DEFAULT_CSS = """
    RecoveryScreen { align: center middle; }
    RecoveryScreen > Vertical { width: 72; height: auto; max-width: 95%; border: thick $warning;
                                background: $surface; padding: 1 2; }
    RecoveryScreen #found { margin-bottom: 1; }
    RecoveryScreen #keys { color: $text-muted; margin-bottom: 1; }
    RecoveryScreen Horizontal { height: auto; align: right middle; }
    RecoveryScreen Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "later", "Decide later", id="recovery.later")]

    def __init__(self, answers: list[tuple[str, int]]) -> None:
        """``answers``: (the question's heading, the unsaved text's words)."""
        super().__init__()
        self.answers = answers

    def compose(self):
        listed = "\n".join(f"• {escape(heading)} ({words:,} words)" for heading, words in self.answers)
        with Vertical():
            yield Static("[b]Unsaved text found[/b]: Review Desk stopped before these answers reached the draft "
                         f"(a crash, or the terminal closed):\n{listed}", id="found")
            yield Static("Enter brings them back. Escape decides later: they are offered again the next time "
                         "you open this review. Discard leaves them out of the draft, kept in its history (F5).",
                         id="keys")
            with Horizontal():
                yield Button("Discard", id="discard", action="screen.choose('discard')")
                yield Button("Decide later", id="later", action="screen.later")
                yield Button("Recover", id="recover", variant="primary", action="screen.choose('recover')")

    def on_mount(self) -> None:
        self.query_one("#recover", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_later(self) -> None:
        self.dismiss(None)
