"""Waiting for what the writer would see, with a deadline, never a fixed pause."""

from __future__ import annotations

import time


async def wait_for(pilot, condition, seconds: float = 10.0, what: str = "the condition") -> None:
    """Let the app run until ``condition()`` is true; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:g} s waiting for {what}")
        await pilot.pause(0.02)


def wait_until(condition, seconds: float, what: str = "the condition"):
    """Poll ``condition()`` (outside an app: real processes, files) until it is
    true, and return what it gave; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:g} s waiting for {what}")
        time.sleep(0.01)


def record_notes(app) -> list[str]:
    """Every notification's message from now on, in order (``notify`` still shows them)."""
    said: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        said.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = recording
    return said
