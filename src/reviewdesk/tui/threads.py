"""Thread workers that let go of their screen once they are done.

Textual runs a thread worker's plain function in a thread of asyncio's
shared pool, after setting its current worker (``get_current_worker()``) in
that thread's own context. It stays set there until the same thread runs
another worker: the finished worker, its node and everything the node
reaches stay in memory. For a review closed after its autosave or its season
list was read, that was the whole screen (its editors, its preview, every
line they drew) until other workers happened to land on the same threads,
and Python's full garbage collections walked all of it meanwhile.

An async function given to a thread worker runs in the thread under
``asyncio.run``, in a context of its own that ends with it; so
:func:`run_in_thread` hands Textual the function wrapped in one. Everything
else is Textual's: the worker, its group, cancellation, errors, the
``Worker.StateChanged`` messages and ``worker.result``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker

Result = TypeVar("Result")


def run_in_thread(node: DOMNode, work: Callable[[], Result], **options: Any) -> Worker[Result]:
    """``node.run_worker(work, thread=True, **options)``, without the thread
    keeping the worker (and ``node``) once ``work`` has returned."""

    async def in_own_context() -> Result:
        return work()

    options.setdefault("name", getattr(work, "__name__", "") or "")
    return node.run_worker(in_own_context, thread=True, **options)
