"""What a writer sees, for the app's tests: wait until something shows (with a
deadline, never for a fixed time), and read what a widget draws, through
Textual's public API (``render``, ``render_line``, ``post_display_hook``)."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot

DEADLINE = 10.0  # s: long enough for a loaded machine, short enough to fail a stuck test


async def until(pilot: Pilot, condition: Callable[[], object], what: str = "the condition",
                timeout: float = DEADLINE) -> object:
    """Let the app run until ``condition()`` holds; its value. Fails with
    ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")
        await pilot.pause(0.01)


def rendered_text(*widgets) -> str:
    """The text the widgets and their descendants draw (their ``render()``), in order."""
    parts = []
    for widget in widgets:
        parts.append(rendered_text(*widget.children) if widget.children else str(widget.render()))
    return "\n".join(p for p in parts if p)


def drawn_lines(widget) -> list:
    """Every line the widget draws (``render_line``), as strips of segments."""
    return [widget.render_line(y) for y in range(widget.size.height)]


def colour_of(widget, text: str):
    """The colour (a Rich colour) the widget draws ``text`` in; None if it
    does not draw it."""
    for strip in drawn_lines(widget):
        for segment in strip:
            if text in segment.text and segment.style is not None:
                return segment.style.color
    return None


def notes_of(app) -> list[str]:
    """Record every notification the app shows from now on, as "title\nmessage"
    (call it before the app runs to see those of its start)."""
    notes: list[str] = []
    notify = app.notify

    def recording(message, *args, title: str = "", **kwargs):
        notes.append(f"{title}\n{message}")
        return notify(message, *args, title=title, **kwargs)

    app.notify = recording
    return notes
