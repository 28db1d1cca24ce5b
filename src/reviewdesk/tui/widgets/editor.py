"""The answer editor: a Markdown TextArea that wraps like prose.

Textual's own TextArea does the work: soft wrap, undo, Markdown highlighting
with tree-sitter, in the app theme's colours (see
:func:`reviewdesk.tui.theming.follow_app_theme`). The editor adds the
question it belongs to, and shows a pasted control character as its picture
instead of sending it to the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import TextArea

from reviewdesk.tui.safe_text import has_controls, visible

PLACEHOLDER = "Write your answer here. Markdown works: *emphasis*, **strong**, [links](https://…)."


def warm_up() -> None:
    """Import the editor's modules and its Markdown grammar now (from any
    thread), so that the first answer opened does not wait for them."""
    import tree_sitter_markdown  # noqa: F401  (what TextArea loads for language="markdown")
    from textual.widgets import text_area  # noqa: F401


class AnswerEditor(TextArea):
    """One question's answer. Soft wrap, Markdown highlighting, undo."""

    DEFAULT_CSS = """
    AnswerEditor { height: 1fr; border: round $border-blurred; padding: 0 1; }
    AnswerEditor:focus { border: round $border; }
    """

    def __init__(self, text: str, question_id: str, **kwargs) -> None:
        super().__init__(
            text,
            language="markdown",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=Content(PLACEHOLDER),
            **kwargs,
        )
        self.question_id = question_id

    def get_line(self, line_index: int) -> Text:
        """The line as shown: a pasted control character appears as its picture
        (␛ for ESC) instead of reaching the terminal; the text itself is kept."""
        line = self.document.get_line(line_index)
        return Text(visible(line) if has_controls(line) else line, end="", no_wrap=True)

    def on_mount(self) -> None:
        from reviewdesk.tui.theming import follow_app_theme

        follow_app_theme(self)  # Markdown colours from the app theme, switching with it
