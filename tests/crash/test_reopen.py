"""Killed, then opened again: the writer meets the recovery question in a real
terminal. Enter brings the text back (the cursor at its end, the status line
showing its words), and it reaches the draft."""

from __future__ import annotations

import os
import signal

from on_disk import answer_on_disk, journalled
from terminal import process_ended
from waiting import wait_until


def kill_before_the_autosave(library, slug, open_app) -> str:
    """Type, and kill the app once the journal has the words but the draft
    does not yet: returns the words. A try the autosave beat is typed again."""
    for attempt in range(4):
        words = f"Lost words {attempt} typed before the crash"
        term = open_app(slug)
        try:
            term.wait_for("Question 1 of 9")
            term.wait_for_editor_cursor()
            pid = term.pane_pid()
            term.type(words)
            term.wait_for(words)
            wait_until(lambda: journalled(library, slug, words), "the journal to hold the words")
            os.kill(pid, signal.SIGKILL)
            wait_until(lambda: process_ended(pid), "the app to die")
        finally:
            term.close()
        if words not in answer_on_disk(library, slug):
            return words
        review = library.load(slug)  # the autosave came first: again, from an empty answer
        review.set_answer("watched", "")
        library.save(review)
    raise AssertionError("the autosave beat the kill every time: the test proved nothing")


def test_after_a_kill_enter_on_the_question_recovers_and_the_writer_goes_on_at_the_end(library, open_app,
                                                                                         config_dir):
    (config_dir / "settings.toml").write_text("autosave_delay = 5\n")
    slug = library.create("Metallic Rouge").slug
    words = kill_before_the_autosave(library, slug, open_app)
    term = open_app(slug)
    try:
        term.wait_for("Unsaved text found", "What did you watch? (7 words)", "Recover")
        term.keys("Enter")
        term.wait_for("recovered 7 words")
        term.type(" and more")
        term.wait_for(words + " and more")  # typed at the end of the recovered text
        pid = term.pane_pid()
        term.keys("C-q")
        wait_until(lambda: process_ended(pid), "the app to quit")
    finally:
        term.close()
    assert answer_on_disk(library, slug) == words + " and more"
    assert not journalled(library, slug, words), "taken and saved: nothing left to offer"
