"""Which images each account's blog already has, by content hash.

``uploads.json`` in the config folder maps an account name to its site and
to the images uploaded there: SHA-256 of the bytes -> the blog's address for
it (and its id where the blog has one). The same picture under another name,
in another review, or in a publish retried after a failure, is not sent
again. Entries are written as each upload succeeds, so a publish that fails
half-way keeps what it already uploaded. A record for another site (the
account was pointed elsewhere) counts for nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from reviewdesk.config import locations
from reviewdesk.errors import PublishError
from reviewdesk.review.model import now


@dataclass(frozen=True)
class Uploaded:
    url: str
    id: str = ""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Ledger:
    def __init__(self, account: str, site: str, path: Path | None = None):
        self.account, self.site = account, site
        self.path = path or locations.uploads_file()

    def _read_all(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, ValueError):
            # Only a memory of uploads: without it images are uploaded again,
            # which costs time, never the writer's work. The file is replaced
            # at the next upload.
            return {}
        return data if isinstance(data, dict) else {}

    def _mine(self, everything: dict) -> dict:
        entry = everything.get(self.account)
        if not isinstance(entry, dict) or entry.get("site") != self.site or not isinstance(entry.get("images"), dict):
            return {}
        return entry["images"]

    def find(self, sha: str) -> Uploaded | None:
        found = self._mine(self._read_all()).get(sha)
        if isinstance(found, dict) and isinstance(found.get("url"), str) and found["url"]:
            return Uploaded(found["url"], str(found.get("id", "")))
        return None

    def remember(self, sha: str, uploaded: Uploaded, name: str) -> None:
        from reviewdesk.review.atomic import atomic_write

        everything = self._read_all()
        images = dict(self._mine(everything))
        images[sha] = {"url": uploaded.url, "id": uploaded.id, "name": name, "time": now().isoformat()}
        everything[self.account] = {"site": self.site, "images": images}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(everything, indent=1, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            raise PublishError(f"{name} was uploaded to {self.site} ({uploaded.url}), but {self.path} could not "
                               f"be written ({exc.strerror or exc}), so the post was not sent; free the disk or fix "
                               "the folder, then publish again") from None

    def forget_account(self) -> None:
        """An account removed: its uploads are no longer known (they stay on the blog)."""
        from reviewdesk.review.atomic import atomic_write

        everything = self._read_all()
        if everything.pop(self.account, None) is not None:
            try:
                atomic_write(self.path, json.dumps(everything, indent=1, ensure_ascii=False).encode("utf-8"))
            except OSError:
                pass
