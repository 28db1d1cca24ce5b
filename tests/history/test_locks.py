"""Locks say when another live window has a draft open, and never outlive it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from lock_holder import holder
from waiting import wait_until
from reviewdesk.review import locks
from reviewdesk.errors import NotFound

HOLD = """
import sys
from reviewdesk.review import locks
from reviewdesk.review.library import Library
lock = locks.acquire(Library(sys.argv[1]), sys.argv[2])
print("owned" if lock.owned else "not owned", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


@pytest.fixture
def other_window(library):
    """A second process holding the lock on 'frieren' until told to stop."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(library.root), "frieren"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "owned"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=10)


def lock_file(library, slug="frieren"):
    return library.root / ".locks" / f"{slug}.lock"


def test_a_lock_records_pid_host_and_start(library):
    lock = locks.acquire(library, "frieren")
    data = json.loads(lock_file(library).read_text())
    assert lock.owned and lock.other is None
    assert data["pid"] == os.getpid() and data["host"] == socket.gethostname()
    assert data["started"].startswith("20")
    lock.release()
    assert not lock_file(library).exists()


def test_our_own_lock_is_not_another_holder(library):
    with locks.acquire(library, "frieren"):
        assert holder(library) is None
        again = locks.acquire(library, "frieren")  # the same draft on a second screen
        assert not again.owned and again.other is None
        again.release()
        assert lock_file(library).exists(), "releasing the second claim must not drop the first"
    assert not lock_file(library).exists()


def test_another_live_window_is_the_holder_and_keeps_its_lock(library, other_window):
    found = holder(library)
    assert found is not None and found.pid == other_window.pid and found.same_host
    assert found.describe() == f"Open in another window (pid {other_window.pid})"
    before = lock_file(library).read_bytes()
    mine = locks.acquire(library, "frieren")
    assert not mine.owned and mine.other == found
    mine.release()
    assert lock_file(library).read_bytes() == before
    other_window.stdin.write("\n")
    other_window.stdin.flush()
    assert other_window.stdout.readline().strip() == "released"
    assert holder(library) is None


def test_a_killed_window_leaves_a_stale_lock_that_is_ignored_and_replaced(library, other_window):
    other_window.send_signal(signal.SIGKILL)
    other_window.wait(timeout=10)
    assert lock_file(library).exists()  # SIGKILL leaves the file behind
    assert holder(library) is None
    mine = locks.acquire(library, "frieren")
    assert mine.owned and mine.other is None
    assert json.loads(lock_file(library).read_text())["pid"] == os.getpid()
    mine.release()


def test_a_killed_window_not_yet_reaped_is_not_live(library):
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(library.root), "frieren"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "owned"
    os.kill(child.pid, signal.SIGKILL)
    # Not waited for: the child stays a zombie, and os.kill(pid, 0) still succeeds.
    wait_until(lambda: holder(library) is None, "the killed window's lock to be seen as dead", timeout=10)
    child.wait(timeout=10)


def write_lock(library, **fields):
    record = {"pid": os.getppid(), "host": socket.gethostname(), "started": "2024-01-01T00:00:00+00:00",
              "token": "x", "boot": None, "ticks": None}
    record.update(fields)
    path = lock_file(library)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record))
    return path


def test_a_live_pid_that_was_reused_by_another_process_is_stale(library):
    write_lock(library)  # our parent: alive, and we trust it without a start tick
    assert holder(library) is not None
    write_lock(library, ticks=1)  # the recorded process started at tick 1: not our parent
    if locks._proc_stat(os.getppid()) is None:
        pytest.skip("no /proc: process start times cannot be compared here")
    assert holder(library) is None


def test_a_lock_from_before_a_reboot_is_stale(library):
    if locks._boot_id() is None:
        pytest.skip("no boot id on this system")
    write_lock(library, boot="another-boot")
    assert holder(library) is None


def test_a_lock_from_another_host_counts_until_it_is_old(library):
    path = write_lock(library, host="laptop.local", pid=1234)
    found = holder(library)
    assert found is not None and not found.same_host
    assert found.describe() == "May be open on laptop.local (pid 1234)"
    old = time.time() - locks.OTHER_HOST_STALE - 60
    os.utime(path, (old, old))
    assert holder(library) is None


@pytest.mark.parametrize("content", [b"", b"garbage", b"{}", b'{"pid": "12", "host": "x"}', b'{"pid": true, "host": ""}',
                                     b"\xff\xfe", b'{"pid": -1, "host": "HOST"}'])
def test_an_unreadable_lock_is_stale_and_replaced(library, content):
    path = lock_file(library)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.replace(b"HOST", socket.gethostname().encode()))
    assert holder(library) is None
    with locks.acquire(library, "frieren") as lock:
        assert lock.owned
        assert json.loads(path.read_text())["token"] == lock.record["token"]


def test_release_leaves_a_lock_that_someone_else_took_over(library):
    lock = locks.acquire(library, "frieren")
    write_lock(library, token="theirs")
    lock.release()
    assert json.loads(lock_file(library).read_text())["token"] == "theirs"


def test_a_lock_that_cannot_be_written_says_why_and_does_not_raise(library):
    (library.root / ".locks").write_text("a file where the folder should be")
    lock = locks.acquire(library, "frieren")
    assert not lock.owned and lock.other is None
    assert lock.problem and "could not be written" in lock.problem
    lock.release()


@pytest.mark.parametrize("slug", ["../x", ".x", "", "a/b"])
def test_slugs_cannot_leave_the_locks_folder(library, slug):
    with pytest.raises(NotFound):
        locks.acquire(library, slug)
