"""The draft changed on disk while open: show how, and let the writer choose."""

from __future__ import annotations

import difflib

from rich.syntax import Syntax
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from reviewdesk.errors import ReviewDeskError
from reviewdesk.publish.export import to_markdown
from reviewdesk.review.library import Library
from reviewdesk.review.model import Review
from reviewdesk.review.template import Template
from reviewdesk.tui.screens.dialog import Dialog


def difference(library: Library, mine: Review, template: Template) -> str:
    """A unified diff of the post: the file's version against the writer's."""
    try:
        theirs = library.load(mine.slug)
    except ReviewDeskError as exc:
        return f"The file can no longer be read: {exc}"
    lines = difflib.unified_diff(
        to_markdown(theirs, template).splitlines(),
        to_markdown(mine, template).splitlines(),
        fromfile="on disk", tofile="yours", lineterm="", n=1)
    text = "\n".join(lines)
    return text or "The words are the same; only details (done marks, times) differ."


class ConflictScreen(Dialog[str]):
    """Dismisses with "mine", "theirs" or "copy"."""

    DEFAULT_CSS = """
    ConflictScreen { align: center middle; }
    ConflictScreen > Vertical { width: 90%; max-width: 110; height: 80%; border: thick $warning; background: $surface; padding: 1 2; }
    ConflictScreen #diff { height: 1fr; border: round $border-blurred; margin: 1 0; }
    ConflictScreen Horizontal { height: auto; align: right middle; }
    ConflictScreen Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "choose('mine')", "Keep mine", id="conflict.mine")]

    def __init__(self, library: Library, review: Review, template: Template) -> None:
        super().__init__()
        self.library, self.review, self.template = library, review, template

    def compose(self):
        with Vertical():
            yield Static(f"[b]{self.review.slug}.toml changed on disk[/b] while you were writing "
                         "(another window, a sync tool, or an edit by hand). Nothing is overwritten "
                         "until you choose. The difference (- on disk, + yours):")
            with VerticalScroll(id="diff"):
                yield Static(Syntax(difference(self.library, self.review, self.template), "diff",
                                    word_wrap=True, theme="ansi_dark"))
            with Horizontal():
                yield Button("Save mine as a copy", id="copy")
                yield Button("Take the file's", id="theirs", variant="warning")
                yield Button("Keep mine", id="mine", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#mine", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
