"""A long batch shared between the cores, with concurrent.futures' process pool.

``run(work, items)`` gives ``work(item)`` for every item, in order, as the
results come in, so a caller's report and progress bar are the same as a
one-process run's. The items go out in small chunks: a worker is never far
from its next look at the pool. A pool that breaks (a worker killed) has
the chunks it did not finish done here, so nothing is lost.

Each worker watches its parent and ends as soon as the parent is gone: a
worker blocked on the pool's queue would otherwise wait for work forever
once its parent was killed (the queue's other end is open in the worker
itself), and one in the middle of a chunk would go on writing.

Used only where forking is safe and cheap (a POSIX system, and a process
running a single thread: the command line, not the app); elsewhere, and for
short batches, the caller runs the items itself.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4
CHUNK = 25  # items a task: a few tens of milliseconds of export
PARENT_CHECK = 0.05  # seconds between a worker's looks at its parent

_work: Callable | None = None  # what this worker runs, set as it starts


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def workers(items: int, per_worker: int) -> int:
    """How many worker processes to share ``items`` between (0: none, run here)."""
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return 0
    count = min(cores(), MAX_WORKERS, items // per_worker)
    return count if count > 1 else 0


def _start_worker(work: Callable, parent: int) -> None:
    global _work
    _work = work

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(1)  # the parent is gone: stop, whatever is under way

    threading.Thread(target=watch, name="reviewdesk-parent-watch", daemon=True).start()


def _run_chunk(chunk: Sequence) -> list:
    return [_work(item) for item in chunk]


def run(work: Callable[[T], R], items: Sequence[T], processes: int) -> Iterator[R]:
    """``work(item)`` for each item, in order, over ``processes`` forked workers."""
    import multiprocessing

    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(work, os.getpid()))
    futures: list[Future] = []
    try:
        futures = [pool.submit(_run_chunk, chunk) for chunk in chunks]
        for chunk, future in zip(chunks, futures):
            try:
                results = future.result()
            except BrokenProcessPool:  # a worker died: its share, and what is left, here
                results = [work(item) for item in chunk]
            yield from results
    finally:
        for future in futures:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
