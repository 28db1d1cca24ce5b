"""One write at a time to a draft: an OS lock held across a whole save.

A save checks that the file is still the one the review was read from,
keeps the old file in history, writes the new one and notes its stamp.
Two writers doing that at once (two ``reviewdesk answer`` commands, the app
and a script) could both pass the check, and the second write would drop
the first one's change without a word. So ``Library.save`` (and every
read-modify-write, ``Library.edit``) holds an exclusive lock on
``.locks/<slug>.write`` in the library from the check to the stamp:
``fcntl.flock`` (``msvcrt.locking`` on Windows).

The lock belongs to the open file, not the process: each taking opens the
file again, so two threads of one process (the app's autosave worker and an
explicit save) wait for each other too. A thread that already holds a
draft's lock takes it again at no cost, so ``save`` inside ``edit`` does not
wait for itself.

The operating system drops the lock when its holder ends, killed or not: a
crash never leaves a draft locked. A holder that hangs makes the next writer
wait up to :data:`WAIT` seconds, then give up with a message saying so.
Where no lock file can be made (a read-only or missing library folder, a
file system without locks) the write goes on unlocked and reports its own
error, as it did before locks.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reviewdesk.errors import SaveError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

WAIT = 30.0  # seconds a writer waits for another before giving up
SUFFIX = ".write"

_threads = threading.local()  # .held: {lock file path: depth} for the running thread


def _held() -> dict[str, int]:
    held = getattr(_threads, "held", None)
    if held is None:
        held = _threads.held = {}
    return held


@contextmanager
def holding(path: Path, name: str, wait: float | None = None) -> Iterator[None]:
    """Hold the lock file ``path`` (for the draft called ``name`` in messages),
    waiting for another holder up to ``wait`` seconds (:data:`WAIT`)."""
    wait = WAIT if wait is None else wait
    key = os.fspath(path)
    held = _held()
    if held.get(key):
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    fd = _open(path)
    if fd is None:
        yield
        return
    try:
        if not _lock(fd, wait, name):
            yield  # this file system has no locks: as before them
            return
        held[key] = 1
        try:
            yield
        finally:
            del held[key]
            _unlock(fd)
    finally:
        os.close(fd)


def _open(path: Path) -> int | None:
    try:
        path.parent.mkdir(exist_ok=True)  # never the library folder itself: see Library.save
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError:
        return None


def _lock(fd: int, wait: float, name: str) -> bool:
    """Take the lock, waiting up to ``wait`` s; False when locks are not
    supported here. Raises :class:`SaveError` when another writer holds it
    all that time."""
    deadline = time.monotonic() + wait
    pause = 0.001
    while True:
        try:
            _try_lock(fd)
            return True
        except (BlockingIOError, PermissionError):
            pass  # held by another writer
        except OSError:
            return False
        if time.monotonic() >= deadline:
            raise SaveError(f"could not save {name}: another Review Desk window or command has been writing it "
                            f"for over {wait:.0f} s; nothing was written. Close the other one (or wait) and "
                            "save again")
        time.sleep(pause)
        pause = min(pause * 2, 0.02)


if fcntl is not None:
    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
else:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
