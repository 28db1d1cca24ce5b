"""A short text in at most a few lines, wrapped at words and, when it needs
more lines than it has, ended at a word with an ellipsis (never cut inside
a word, as a Static of fixed height would cut it). Fitted again at every
width the window gives it."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from reviewdesk.tui.fit import fit_lines, line_ranges


class FittedText(Widget, can_focus=False):
    DEFAULT_CSS = """
    FittedText { height: auto; }
    """

    def __init__(self, text: str | Text = "", *, lines: int = 1, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text
        self.lines = lines

    def update(self, text: str | Text) -> None:
        if text != self.text:
            self.text = text
            self.refresh(layout=True)

    @property
    def plain(self) -> str:
        return self.text if isinstance(self.text, str) else self.text.plain

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, min(self.lines, len(line_ranges(self.plain, max(1, width)))))

    def render(self) -> Text:
        fitted = fit_lines(self.text, self.content_size.width, self.lines)
        text = Text(fitted) if isinstance(fitted, str) else fitted
        text.no_wrap = True
        return text
