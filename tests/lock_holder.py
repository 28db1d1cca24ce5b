"""Who else holds a draft's lock, as a window that opens the draft sees it:
claim the lock and let go at once. For tests where nothing else is claiming
the lock at that moment."""

from __future__ import annotations

from reviewdesk.review import locks


def holder(library, slug: str = "frieren") -> locks.Holder | None:
    lock = locks.acquire(library, slug)
    try:
        return lock.other
    finally:
        lock.release()
