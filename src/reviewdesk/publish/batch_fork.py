"""A long batch export on every core: the drafts split into contiguous
chunks, the first exported here, each other one in a forked child.

A child exports its chunk exactly as this process would (same function,
same files) and sends back what became of each draft, pickled through a
pipe; the outcomes come out in the drafts' order, this process's own as it
goes, each child's once it is done, so a caller's report and progress are
the same as a one-process run's. A child that dies or fails in any way has
its chunk exported again here (a post already written is left as it is), so
nothing is lost and any error is raised here, as a one-process run raises it.

Only used where fork is safe: a POSIX system, and this process running a
single thread (the command line, not the app).
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def workers(items: int, per_worker: int) -> int:
    """How many processes to share ``items`` between (1: do not fork)."""
    if not can_fork():
        return 1
    return max(1, min(cores(), MAX_WORKERS, items // per_worker))


def run_split(work: Callable[[T], R], items: Sequence[T], processes: int) -> Iterator[R]:
    """``work(item)`` for each item, in order, over ``processes`` processes."""
    size = -(-len(items) // processes)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    children: list[tuple[int, int, Sequence[T]]] = []  # (pid, read end, chunk)
    try:
        gc.freeze()  # the children share this process's objects without copying them
        try:
            for chunk in chunks[1:]:
                children.append(_start(work, chunk))
        finally:
            gc.unfreeze()
        for item in chunks[0]:
            yield work(item)
        while children:
            pid, fd, chunk = children[0]
            results = _collect(pid, fd, len(chunk))
            children.pop(0)
            if results is None:  # the child failed: its chunk again, here
                results = (work(item) for item in chunk)
            yield from results
    finally:
        for pid, fd, _ in children:  # stopped early (an error, an interrupt)
            _stop(pid, fd)


def _start(work: Callable[[T], R], chunk: Sequence[T]) -> tuple[int, int, Sequence[T]]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(read_end)
            data = pickle.dumps([work(item) for item in chunk], protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(data)
            while view:
                view = view[os.write(write_end, view):]
            code = 0
        except BaseException:  # noqa: BLE001 - reported by the exit status; the parent redoes it
            pass
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end, chunk


def _collect(pid: int, fd: int, expected: int) -> list | None:
    """The child's results, or None if it did not finish well."""
    chunks = []
    try:
        while True:
            data = os.read(fd, 1 << 20)
            if not data:
                break
            chunks.append(data)
    except OSError:
        chunks = []
    finally:
        os.close(fd)
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        status = -1
    if status != 0:
        return None
    try:
        results = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - a cut-short message: redo the chunk
        return None
    return results if isinstance(results, list) and len(results) == expected else None


def _stop(pid: int, fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
