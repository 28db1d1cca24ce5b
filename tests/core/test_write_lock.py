"""Writes to one draft happen one at a time (issue 15.1).

Two `reviewdesk answer` commands to different questions of one draft, run
together, used to lose one answer about a third of the time: each read the
draft, the first wrote, the second wrote over it from its older read. The
draft's write lock (fcntl.flock on .locks/<slug>.write) is held from the
read to the write now. Real processes, as a writer's scripts run them.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from reviewdesk.errors import SaveError
from reviewdesk.review import write_lock
from reviewdesk.review.library import Conflict, Library


def reviewdesk(*argv: str, stdin: bytes = b"") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reviewdesk", *argv], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())


def test_two_answer_commands_run_together_both_land(library):
    slug = library.create("Race").slug
    for n in range(20):
        first, second = reviewdesk("answer", slug, "1"), reviewdesk("answer", slug, "2")
        errors = [p.communicate(f"{name} {n}".encode(), timeout=120)[1] for p, name in ((first, "A"), (second, "B"))]
        assert (first.returncode, second.returncode) == (0, 0), errors
        review = library.load(slug)
        assert (review.peek("watched").text, review.peek("happened").text) == (f"A {n}", f"B {n}"), f"round {n}"


EDITOR = textwrap.dedent("""
    import sys
    from reviewdesk.review.library import Library

    library, slug, question, rounds = Library(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    print("ready", flush=True)
    sys.stdin.readline()  # both start together
    for n in range(rounds):
        with library.edit(slug) as review:
            review.set_answer(question, (review.peek(question).text + f" {n}").strip())
""")


def test_two_processes_editing_one_draft_in_a_loop_lose_nothing(library):
    """Each process appends a number to its answer, read-modify-write, 150 times:
    an update lost anywhere would leave a gap in the numbers."""
    slug = library.create("Loop").slug
    rounds = 150
    procs = [subprocess.Popen([sys.executable, "-c", EDITOR, str(library.root), slug, q, str(rounds)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for q in ("watched", "happened")]
    for p in procs:
        assert p.stdout.readline() == b"ready\n"
    for p in procs:
        p.stdin.write(b"go\n")
        p.stdin.flush()
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err.decode()
    review = library.load(slug)
    expected = " ".join(str(n) for n in range(rounds))
    assert review.peek("watched").text == expected
    assert review.peek("happened").text == expected


def test_threads_of_one_process_are_serialised_too(library):
    """flock belongs to the open file: the app's autosave thread and an
    explicit save wait for each other like two processes."""
    slug = library.create("Threads").slug
    start = threading.Barrier(2)

    def append(question: str) -> None:
        lib = Library(library.root)
        start.wait()
        for n in range(60):
            with lib.edit(slug) as review:
                review.set_answer(question, (review.peek(question).text + f" {n}").strip())

    threads = [threading.Thread(target=append, args=(q,)) for q in ("watched", "happened")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    review = library.load(slug)
    expected = " ".join(str(n) for n in range(60))
    assert (review.peek("watched").text, review.peek("happened").text) == (expected, expected)


def test_a_save_from_an_older_read_is_still_a_conflict(library):
    """The app's case: a review read before someone else wrote it is refused,
    whole, never half-applied."""
    slug = library.create("Stale").slug
    window = library.load(slug)
    with library.edit(slug) as review:
        review.set_answer("watched", "From the command line.")
    before = library.path_for(slug).read_bytes()
    window.set_answer("happened", "From the window.")
    with pytest.raises(Conflict):
        library.save(window)
    assert library.path_for(slug).read_bytes() == before
    library.save(window, force=True)  # the writer chose to keep theirs
    assert library.load(slug).peek("happened").text == "From the window."


def test_an_error_inside_an_edit_saves_nothing(library):
    slug = library.create("Untouched").slug
    before = library.path_for(slug).read_bytes()
    with pytest.raises(RuntimeError):
        with library.edit(slug) as review:
            review.set_answer("watched", "half done")
            raise RuntimeError("the command found a problem")
    assert library.path_for(slug).read_bytes() == before


HOLDER = textwrap.dedent("""
    import sys, time
    from reviewdesk.review.library import Library

    library = Library(sys.argv[1])
    with library.write_lock(sys.argv[2]):
        print("held", flush=True)
        sys.stdin.read()  # held until the test kills it (or, should the test die, its pipe closes)
""")


def holding_process(library: Library, slug: str) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(library.root), slug], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE)
    ready, _, _ = select.select([holder.stdout], [], [], 60)
    assert ready and holder.stdout.readline() == b"held\n"
    return holder


def test_a_killed_holder_never_leaves_the_draft_locked(library):
    slug = library.create("Crashed").slug
    holder = holding_process(library, slug)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=60)
    with library.edit(slug) as review:  # at once: the kernel dropped the lock with the process
        review.set_answer("watched", "Saved after the crash.")
    assert library.load(slug).peek("watched").text == "Saved after the crash."


def test_a_writer_that_never_lets_go_gives_a_clear_error(library, monkeypatch):
    slug = library.create("Hung").slug
    before = library.path_for(slug).read_bytes()
    holder = holding_process(library, slug)
    try:
        monkeypatch.setattr(write_lock, "WAIT", 0.3)
        review = library.load(slug)
        review.set_answer("watched", "Waiting for the other one.")
        started = time.monotonic()
        with pytest.raises(SaveError, match="another Review Desk window or command has been writing it"):
            library.save(review)
        assert time.monotonic() - started < 30
    finally:
        holder.kill()
        holder.wait(timeout=60)
    assert library.path_for(slug).read_bytes() == before


def test_the_lock_lives_in_the_locks_folder_and_holds_nothing(library):
    slug = library.create("Where").slug
    assert (library.root / ".locks" / f"{slug}.write").read_bytes() == b""
