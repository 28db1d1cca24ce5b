"""The edit journal: what was typed after the last save comes back after a crash."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reviewdesk.review import journal as journal_module
from reviewdesk.errors import NotFound
from reviewdesk.review.journal import Journal


class Clock:
    def __init__(self, start: float):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def draft(library):
    review = library.create("Apothecary Diaries")
    review.set_answer("watched", "Saved words.")
    library.save(review)
    return library.load(review.slug)


def crashed(library, draft, clock) -> Journal:
    """The journal of a window that is gone (its owner is no live process)."""
    return Journal(library, draft.slug, clock=clock, owner="crashed-window")


@pytest.fixture
def clock(draft):
    return Clock(draft.disk_stamp[0] / 1e9 + 1)  # a second after the save


def test_what_was_typed_after_the_save_is_recovered(library, draft, clock):
    j = crashed(library, draft, clock)
    j.record("watched", "Saved words. And more")
    clock.tick(1)
    j.record("thought", "New answer")
    clock.tick(1)
    j.record("watched", "Saved words. And more typed")
    fresh = Journal(library, draft.slug)  # the next start, after a crash
    assert fresh.recover(library.load(draft.slug)) == {
        "watched": "Saved words. And more typed", "thought": "New answer"}


def test_records_closer_than_the_interval_wait_for_flush(library, draft, clock):
    j = crashed(library, draft, clock)
    assert j.record("watched", "a") is True
    clock.tick(0.1)
    assert j.record("watched", "ab") is False  # held: 0.1 s after the last write
    assert Journal(library, draft.slug).recover(draft) == {"watched": "a"}
    assert j.flush() is True  # the screen's tick writes it
    assert Journal(library, draft.slug).recover(draft) == {"watched": "ab"}
    assert j.flush() is False  # nothing new


def test_the_same_text_is_not_written_twice(library, draft, clock):
    j = crashed(library, draft, clock)
    j.record("watched", "same")
    size = j.path.stat().st_size
    clock.tick(1)
    assert j.record("watched", "same") is False
    assert j.path.stat().st_size == size


def test_clear_after_a_save_leaves_nothing_to_recover(library, draft, clock):
    j = crashed(library, draft, clock)
    j.record("watched", "typed")
    draft.set_answer("watched", "typed")
    library.save(draft)
    j.clear()
    assert not j.path.exists()
    assert Journal(library, draft.slug).recover(library.load(draft.slug)) == {}
    clock.tick(1)
    j.record("watched", "typed")  # the same text again after a clear is a new record
    assert j.path.exists()


def test_records_older_than_the_file_are_not_offered(library, draft):
    saved_at = draft.disk_stamp[0] / 1e9
    crashed(library, draft, Clock(saved_at - 5)).record("watched", "older than the save")
    crashed(library, draft, Clock(saved_at + 5)).record("thought", "newer")
    assert Journal(library, draft.slug).recover(draft) == {"thought": "newer"}


def test_records_equal_to_the_file_are_not_offered(library, draft):
    saved_at = draft.disk_stamp[0] / 1e9
    crashed(library, draft, Clock(saved_at + 5)).record("watched", "Saved words.")  # what the file holds
    assert Journal(library, draft.slug).recover(draft) == {}


def test_a_torn_last_line_and_foreign_lines_are_skipped(library, draft, clock):
    j = crashed(library, draft, clock)
    j.record("watched", "whole line")
    with open(j.path, "ab") as f:
        f.write(b'["not", "an", "entry"]\n{"q": 1, "text": "x", "t": 1e12}\n\xff\xfe\n'
                b'{"q": "watched", "text": "torn in the midd')
    assert Journal(library, draft.slug).recover(draft) == {"watched": "whole line"}


def test_text_with_newlines_quotes_and_escapes_comes_back_exactly(library, draft, clock):
    text = 'line one\n"quoted" \\ \x1b[31m \u2028 😀 \r\nlast'
    crashed(library, draft, clock).record("watched", text)
    recovered = Journal(library, draft.slug).recover(draft)
    # as it would enter the model: LF line endings, the ESC control removed
    assert recovered == {"watched": 'line one\n"quoted" \\ [31m \u2028 😀 \nlast'}
    [only] = (library.root / ".journal" / draft.slug).iterdir()
    assert len(only.read_bytes().splitlines()) == 1


def test_a_disk_that_refuses_never_raises_and_says_why(library, draft, clock, monkeypatch):
    j = crashed(library, draft, clock)

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_module.os, "write", full)
    assert j.record("watched", "kept in memory") is False
    assert "No space left on device" in j.problem
    monkeypatch.undo()
    clock.tick(1)
    assert j.flush() is True  # the held text is written once the disk takes it
    assert j.problem is None
    assert Journal(library, draft.slug).recover(draft) == {"watched": "kept in memory"}


def test_a_long_session_is_compacted_to_the_latest_texts(library, draft, clock):
    j = crashed(library, draft, clock)
    text = "word " * 2000
    for i in range(60):
        clock.tick(0.5)
        text += f"w{i} "
        j.record("watched", text)
    lines = j.path.read_bytes().splitlines()
    assert len(lines) < 60  # compacted along the way
    assert sum(len(line) for line in lines) < 4 * len(text.encode()) + 64 * 1024 + 1000
    assert Journal(library, draft.slug).recover(draft) == {"watched": text}


def test_each_window_keeps_its_own_journal_and_a_live_one_is_not_recovered(library, draft, clock):
    """Two windows on one draft: clearing after one's save must not drop the
    other's unsaved words, and the other's journal is not offered while it runs."""
    child = subprocess.Popen(
        [sys.executable, "-c", LIVE_WINDOW, str(library.root), draft.slug, str(clock.now)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "recorded"
        mine = Journal(library, draft.slug, clock=clock)
        mine.record("watched", "my words")
        mine.clear()  # this window saved
        assert Journal(library, draft.slug).recover(draft) == {}  # the other window is alive: its words are its own
        assert len(list(mine.folder.iterdir())) == 1  # and its journal is still there
    finally:
        child.kill()
        child.wait(timeout=10)
    # The other window was killed: now its words are offered, then forgotten once handled.
    reader = Journal(library, draft.slug)
    assert reader.recover(draft) == {"thought": "the other window's words"}
    reader.forget_recovered()
    assert list(mine.folder.iterdir()) == []


LIVE_WINDOW = """
import sys
from reviewdesk.review.journal import Journal
from reviewdesk.review.library import Library
j = Journal(Library(sys.argv[1]), sys.argv[2], clock=lambda: float(sys.argv[3]))
j.record("thought", "the other window's words")
print("recorded", flush=True)
sys.stdin.readline()
"""


def test_forget_recovered_removes_only_what_was_read(library, draft, clock):
    crashed(library, draft, clock).record("watched", "lost words")
    reader = Journal(library, draft.slug, clock=clock)
    assert reader.recover(draft) == {"watched": "lost words"}
    clock.tick(1)
    reader.record("watched", "new words after the open")
    reader.forget_recovered()
    assert [p.name for p in reader.folder.iterdir()] == [reader.path.name]
    assert Journal(library, draft.slug).recover(draft) == {}  # one's own journal is never "recovered"


@pytest.mark.parametrize("slug", ["../x", ".hidden", "", "a/b", "a\x00b"])
def test_slugs_cannot_leave_the_journal_folder(library, slug):
    with pytest.raises(NotFound):
        Journal(library, slug)


def test_the_journal_is_private_to_the_writer(library, draft, clock):
    j = crashed(library, draft, clock)
    j.record("watched", "secret draft")
    assert os.stat(j.path).st_mode & 0o077 == 0
