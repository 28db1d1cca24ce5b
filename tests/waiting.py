"""Waiting for what the writer would see, with a deadline, never for a fixed time.

The one set of waiting helpers for every layer of the tests:

- ``wait_for(pilot, condition, what)``: in an app under ``run_test``; the app
  keeps running between looks. Returns what ``condition()`` gave.
- ``on_screen(pilot, ScreenType)``: the app's screen once it is of that
  type (a screen pushed by a key, the first screen after start-up).
- ``mounted(pilot, node, selector)``: the first widget under ``node`` that
  matches, once it is there (a screen composes after it is pushed).
- ``wait_until(condition, what)``: outside an app: real processes, a real
  terminal, files, local servers. ``describe`` adds what to show on failure
  (the terminal's screen, a process's state).
- ``poll(condition, timeout)``: the same without failing, for a change that
  may rightly never come; ``holds_for(condition, seconds, what)``: a
  condition that must stay true over a stretch of real time.
- ``notes_of(app)``: every notification the app shows from then on, kept
  (a toast expires after its seconds, and a loaded machine can be slower).

A condition is looked at again every ``POLL`` seconds: the time between two
looks, not a guess at how long something takes. The deadline is long enough
for a loaded machine and short enough to fail a stuck test; a passing test
never waits for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

DEADLINE = 15.0  # seconds
POLL = 0.02  # seconds between two looks


def _gave_up(what: str, timeout: float, describe: Callable[[], str] | None = None) -> AssertionError:
    shown = f"; {describe()}" if describe is not None else ""
    return AssertionError(f"timed out after {timeout:g} s waiting for {what}{shown}")


async def wait_for(pilot, condition: Callable[[], object], what: str = "the condition",
                   timeout: float = DEADLINE) -> object:
    """Let the app run until ``condition()`` is true; return its value. Fails
    naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise _gave_up(what, timeout)
        await pilot.pause(POLL)


async def on_screen(pilot, kind: type, timeout: float = DEADLINE):
    """The app's screen once it is a ``kind``; fails after ``timeout`` seconds."""
    app = pilot.app
    return await wait_for(pilot, lambda: app.screen if isinstance(app.screen, kind) else None,
                          f"the {kind.__name__}", timeout)


async def mounted(pilot, node, selector, timeout: float = DEADLINE):
    """The first widget under ``node`` matching ``selector`` (a type or a CSS
    selector), once it is mounted; fails after ``timeout`` seconds."""
    name = getattr(selector, "__name__", selector)
    return await wait_for(pilot, lambda: node.query(selector).first() if node.query(selector) else None,
                          f"{name} in {type(node).__name__}", timeout)


def poll(condition: Callable[[], object], timeout: float) -> object:
    """Look at ``condition()`` until it is true or ``timeout`` seconds have
    passed; its last value. For a change that may rightly never come (a
    Select takes the focus without moving the terminal's cursor)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(POLL)


def wait_until(condition: Callable[[], object], what: str = "the condition", timeout: float = DEADLINE,
               describe: Callable[[], str] | None = None) -> object:
    """Poll ``condition()`` outside an app until it is true; return its value.
    Fails naming ``what`` (and ``describe()``) after ``timeout`` seconds."""
    value = poll(condition, timeout)
    if not value:
        raise _gave_up(what, timeout, describe)
    return value


def holds_for(condition: Callable[[], object], seconds: float, what: str,
              describe: Callable[[], str] | None = None) -> None:
    """Fail as soon as ``condition()`` is false during ``seconds``: for what
    must NOT happen over a stretch of real time (past an autosave's or a
    watcher's period): the time passes on purpose, and the call says how long."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not condition():
            shown = f"; {describe()}" if describe is not None else ""
            raise AssertionError(f"{what} stopped holding after less than {seconds:g} s{shown}")
        time.sleep(POLL)


def notes_of(app) -> list[str]:
    """Record the message of every notification the app shows from now on, in
    order. Call it before the app runs to keep those of its start too;
    ``notify`` still shows them."""
    notes: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        notes.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = recording
    return notes
