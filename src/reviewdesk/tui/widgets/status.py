"""The status line: words here and in the review, and whether it is saved."""

from __future__ import annotations

import time

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from reviewdesk.tui.fit import fit

SEPARATOR = "  ·  "


def ago(seconds: float) -> str:
    if seconds < 1.5:
        return "just now"
    if seconds < 60:
        return f"{int(seconds)} s ago"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    return f"{int(seconds // 3600)} h ago"


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    StatusLine.-error { background: $error 30%; color: $text; }
    """

    answer_words: reactive[str] = reactive("")
    review_words: reactive[int] = reactive(0)
    saved_at: reactive[float | None] = reactive(None)
    dirty: reactive[bool] = reactive(False)
    error: reactive[str] = reactive("")
    held: reactive[str] = reactive("")  # why the draft is not being saved, and how to settle it
    note: reactive[str] = reactive("")  # a short fact worth keeping in view ("recovered 120 words")
    session_words: reactive[int] = reactive(0)
    reading: reactive[str] = reactive("")

    _shown: tuple | None = None

    def show(self, **values) -> None:
        """Set several fields at once and redraw once (each field set alone
        redraws the line)."""
        for name, value in values.items():
            self.set_reactive(getattr(type(self), name), value)
        self.refresh_text()

    def on_mount(self) -> None:
        self.set_interval(1.0, self.refresh_text)
        self.refresh_text()

    def watch_answer_words(self) -> None:
        self.refresh_text()

    def watch_review_words(self) -> None:
        self.refresh_text()

    def watch_saved_at(self) -> None:
        self.refresh_text()

    def watch_session_words(self) -> None:
        self.refresh_text()

    def watch_dirty(self) -> None:
        self.refresh_text()

    def watch_error(self) -> None:
        self.set_class(bool(self.error or self.held), "-error")
        self.refresh_text()

    def watch_held(self) -> None:
        self.watch_error()

    def watch_note(self) -> None:
        self.refresh_text()

    def save_text(self) -> str:
        if self.error:
            return f"Not saved: {self.error} (retrying; your text is safe here)"
        if self.held:
            return f"Not saved: {self.held}"
        if self.dirty:
            return "Saving…"
        if self.saved_at is None:
            return "Saved"
        return f"Saved {ago(time.monotonic() - self.saved_at)}"

    def parts(self) -> list[tuple[str, int]]:
        """What the line says, in order, each with its rank: what the writer
        must act on or should not miss has the lowest, and a narrow window
        leaves out the highest ranks first (whole, never cut)."""
        saving = self.save_text()
        alarm = bool(self.error or self.held)
        parts = [(saving, 0)] if alarm else []
        if self.note:
            parts.append((self.note, 1))
        if self.answer_words:
            parts.append((self.answer_words, 2))
        parts.append((f"review {self.review_words:,} words" + (f", {self.reading}" if self.reading else ""), 4))
        if self.session_words > 0:
            parts.append((f"+{self.session_words:,} this session", 5))
        if not alarm:
            parts.append((saving, 3))
        return parts

    def fitted(self, width: int) -> str:
        """The parts that fit ``width`` cells, the most important first; the
        first alone is ended at a word if even it does not fit."""
        parts = self.parts()
        kept: set[int] = set()
        used = 0
        for index in sorted(range(len(parts)), key=lambda i: parts[i][1]):
            needed = cell_len(parts[index][0]) + (len(SEPARATOR) if kept else 0)
            if used + needed > width:
                break
            kept.add(index)
            used += needed
        if not kept:
            return fit(parts[0][0], width) if parts else ""
        return SEPARATOR.join(text for index, (text, _rank) in enumerate(parts) if index in kept)

    def refresh_text(self) -> None:
        shown = tuple(self.parts())
        if shown != self._shown:  # one row high whatever it says: no layout needed
            self._shown = shown
            self.refresh()

    def render(self) -> Text:
        return Text(self.fitted(self.content_size.width), no_wrap=True, end="")
