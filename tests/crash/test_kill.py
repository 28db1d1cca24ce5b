"""Kill the real app while the writer types, then read the draft on disk.

``python -m reviewdesk open SLUG`` runs in tmux; text goes in bursts, each
burst timed from the moment it shows on the screen (the app has it); at a
random moment the app is killed:

- SIGKILL (kill -9, the OOM killer, a crash): nothing can run, so the disk
  must hold everything that was on screen two seconds before the kill,
  autosave's promise;
- SIGHUP (tmux kill-session: the terminal window closed) and SIGTERM (a
  polite kill, a logout): the app saves first, so the disk must hold
  everything that was on screen.

Always: the file reads as a valid draft, and its answer is a prefix of what
was typed (never garbled, never someone else's bytes). The random moments
come from a fixed seed, printed with every failure; REVIEWDESK_CRASH_SEED
gives another (crash/conftest.py).
"""

from __future__ import annotations

import json
import os
import random
import signal
import time

import pytest

from on_disk import answer_on_disk, journalled
from terminal import process_ended
from waiting import wait_until
from reviewdesk.review.library import Library

PROMISE = 2.0  # seconds: words on screen this long before a kill are on disk


def type_then_kill(library: Library, open_app, seed: int, kill: str) -> None:
    rng = random.Random(seed)
    review = library.create("Metallic Rouge", season="Winter 2024")
    slug = review.slug
    term = open_app(slug)
    typed = ""
    seen: list[tuple[float, str]] = []  # (when the burst showed on screen, all text typed up to it)
    try:
        term.wait_for("Question 1 of 9", "What did you watch?")
        term.wait_for_editor_cursor()  # the editor has the focus: keys sent now reach it
        pid = term.pane_pid()
        bursts = rng.randint(3, 8)
        for n in range(bursts):
            words = [f"k{n:02d}{chr(97 + w)}" for w in range(rng.randint(1, 4))]
            burst = " ".join(words) + " "
            term.type(burst)
            typed += burst
            term.wait_for(words[-1])
            seen.append((time.monotonic(), typed))
            # Real time on purpose: the writer's pauses and the kill's moment are
            # what is tested (the kill lands anywhere: mid-burst pause, mid-save),
            # drawn from the seeded generator.
            time.sleep(rng.uniform(0.0, 0.6))
        time.sleep(rng.uniform(0.0, 2.5))
        killed_at = time.monotonic()
        if kill == "SIGKILL":
            os.kill(pid, signal.SIGKILL)
        elif kill == "SIGTERM":
            os.kill(pid, signal.SIGTERM)
        else:
            term.kill_session()
        term.wait_until(lambda: process_ended(pid), f"the app (pid {pid}) to end after {kill}")
    finally:
        term.close()

    where = f"seed {seed}, {kill}, {len(seen)} bursts"
    text = answer_on_disk(library, slug)
    assert typed.startswith(text), f"{where}: the disk holds text that was never typed: {text!r}"
    if kill == "SIGKILL":
        promised = max((t for when, t in seen if when <= killed_at - PROMISE), key=len, default="")
    else:
        promised = typed
    assert len(text) >= len(promised), (
        f"{where}: lost words. On disk {text!r}; on screen by then {promised!r}")
    assert not [p for p in library.root.iterdir() if p.name.endswith(".tmp")] or kill == "SIGKILL", (
        f"{where}: a temporary file was left behind after a kill the app could handle")


@pytest.mark.parametrize("case", range(3))
def test_sigkill_keeps_everything_older_than_two_seconds(library, open_app, crash_seed, case):
    type_then_kill(library, open_app, crash_seed + case, "SIGKILL")


@pytest.mark.parametrize("case", range(2))
def test_closing_the_terminal_saves_everything(library, open_app, crash_seed, case):
    type_then_kill(library, open_app, crash_seed + 10 + case, "SIGHUP")


def test_sigterm_saves_everything(library, open_app, crash_seed):
    type_then_kill(library, open_app, crash_seed + 20, "SIGTERM")


def test_the_draft_opens_again_after_a_kill(library, open_app, crash_seed):
    """After kill -9 the next start finds the draft whole, opens it and leaves it as it was."""
    type_then_kill(library, open_app, crash_seed + 30, "SIGKILL")
    slug = library.slugs()[0]
    text = answer_on_disk(library, slug)
    term = open_app(slug)
    try:
        # It opens at the first unanswered question: the second, if the first kept words.
        term.wait_for("Question 2 of 9" if text.strip() else "Question 1 of 9")
        pid = term.pane_pid()
        term.kill_session()
        wait_until(lambda: process_ended(pid), "the reopened app to end")
    finally:
        term.close()
    assert answer_on_disk(library, slug) == text


# The app's side of the journal and the lock (its review screen drives
# reviewdesk.review.session, which keeps both).

def test_after_sigkill_the_journal_holds_what_autosave_had_not_saved(library, open_app, config_dir):
    from reviewdesk.review.journal import Journal

    (config_dir / "settings.toml").write_text("autosave_delay = 5\n")  # the kill lands before autosave
    review = library.create("Metallic Rouge")
    term = open_app(review.slug)
    typed = "Words typed a moment before the crash "
    try:
        term.wait_for("Question 1 of 9")
        term.wait_for_editor_cursor()
        pid = term.pane_pid()
        term.type(typed)
        term.wait_for("moment before the crash")
        # The journal writes within its interval; autosave waits 5 s. Killed
        # once the journal holds the words, before the autosave.
        wait_until(lambda: journalled(library, review.slug, typed), "the journal to hold the words")
        os.kill(pid, signal.SIGKILL)
        wait_until(lambda: process_ended(pid), "the app to die")
    finally:
        term.close()
    loaded = library.load(review.slug)
    assert loaded.peek("watched").text != typed, "autosave came first: the test proved nothing"
    assert Journal(library, review.slug).recover(loaded) == {"watched": typed}


def test_an_open_draft_is_locked_by_the_app_and_released_on_quit(library, open_app):
    review = library.create("Metallic Rouge")
    lock = library.root / ".locks" / f"{review.slug}.lock"

    def lock_pid():
        try:
            return json.loads(lock.read_text(encoding="utf-8"))["pid"]
        except (OSError, ValueError, KeyError):
            return None

    term = open_app(review.slug)
    try:
        term.wait_for("Question 1 of 9")
        pid = term.pane_pid()
        assert wait_until(lock_pid, "the app's lock", timeout=5) == pid
        term.kill_session()
        wait_until(lambda: process_ended(pid), "the app to end")
    finally:
        term.close()
    assert not lock.exists(), "the lock outlived the app"


def test_closing_the_terminal_always_ends_the_app(library, open_app):
    """A closed terminal must end the app, not leave it hanging with the draft
    locked. On hangup the kernel sends SIGHUP and then SIGCONT; Textual's
    SIGCONT handler (there for Ctrl+Z) restarts output on the dead terminal,
    and once its writer thread dies the bounded write queue blocks the event
    loop for good (seen 7 times in 12 under load before the app's SIGHUP
    handler left at once). This closes the window several times at the
    moment the screen appears."""
    review = library.create("Metallic Rouge")
    for attempt in range(3):
        term = open_app(review.slug)
        try:
            term.wait_for("Question 1 of 9")
            pid = term.pane_pid()
            term.kill_session()
            wait_until(lambda: process_ended(pid), f"the app (pid {pid}) to end after its terminal closed "
                                                   f"(attempt {attempt + 1})")
        finally:
            term.close()
        library.load(review.slug)  # still a whole draft
