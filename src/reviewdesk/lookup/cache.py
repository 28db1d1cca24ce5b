"""The web's answers on disk, for a day: a repeated lookup is instant and
works offline.

One file per answer, ``<cache>/lookup/<service>/<key>.json``, named by a hash
of the request (method, address, parameters, body; never a key or token), its
age read from the file's modification time. The cache is a convenience: a
folder that cannot be written only makes lookups slower, it never fails one.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

from reviewdesk.config import locations

LIFETIME = 24 * 60 * 60  # seconds: a day


def request_key(method: str, url: str, params: dict | None = None, body: bytes | str | None = None) -> str:
    """The cache key of a request: what was asked, not who asked."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    material = json.dumps([method.upper(), url, sorted((params or {}).items()),
                           (body or b"").decode("utf-8", "replace")], ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class Cache:
    def __init__(self, root: Path | None = None, lifetime: float = LIFETIME,
                 clock: Callable[[], float] = time.time):
        self.root = root if root is not None else locations.cache_dir() / "lookup"
        self.lifetime = lifetime
        self._clock = clock

    def _path(self, service: str, key: str) -> Path:
        return self.root / service / f"{key}.json"

    def get(self, service: str, key: str) -> bytes | None:
        """The answer kept for this request, if it is younger than a day."""
        path = self._path(service, key)
        try:
            age = self._clock() - path.stat().st_mtime
            if age > self.lifetime or age < -60:  # stale, or from a clock that was wrong
                return None
            return path.read_bytes()
        except OSError:
            return None

    def put(self, service: str, key: str, data: bytes) -> None:
        from reviewdesk.review.atomic import atomic_write

        path = self._path(service, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data, sync=False)  # can be fetched again: no fsync
        except OSError:
            pass
