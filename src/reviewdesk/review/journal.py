"""A journal of edits not yet saved, for recovery after a crash.

Autosave puts a change on disk within a second or two; the journal covers
that gap, and a longer one when saves fail (a full disk refuses both, but a
save that fails for a conflict or a parse-back does not stop the journal).
While the writer types, the app records the answer's whole text into
``.journal/<slug>.jsonl`` in the library, one JSON object a line::

    {"q": "watched", "text": "...", "t": 1717243200.25, "pid": 4242}

at most every :data:`MIN_INTERVAL` seconds (a record made sooner is held and
written by the next :meth:`Journal.flush` or :meth:`Journal.record`). After a
successful save the journal is removed (:meth:`Journal.clear`). On the next
open, :meth:`Journal.recover` returns the texts recorded after the draft file
was last written that differ from it: what a crash would otherwise have lost.

Each process writes its own file, ``.journal/<slug>/<pid>-<start>.jsonl``,
so two windows on one draft never clear or recover each other's journal:
recovery reads only the files of processes that are gone, and
:meth:`Journal.forget_recovered` removes them once the writer has chosen.

Appends are one ``write`` each and not fsynced: a killed process loses
nothing the kernel already has; a power cut may lose the journal, and the
draft itself is still there (saves are fsynced). A torn last line is skipped.
Nothing here raises for a disk problem: the journal must never get in the
way of typing; :attr:`Journal.problem` says what went wrong.

Usage (the review screen)::

    journal = Journal(library, review.slug)
    found = journal.recover(review)          # on open: offer these texts
    journal.forget_recovered()               # once taken (and saved) or declined
    journal.record(question_id, editor.text) # on every change
    journal.flush()                          # on the screen's 0.25 s tick
    journal.clear()                          # after every successful save
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.review.atomic import atomic_write, write_all
from reviewdesk.review.slug import check as check_slug
from reviewdesk.config.locations import journal_dir
from reviewdesk.review.model import normalize_text

if TYPE_CHECKING:
    from reviewdesk.review.library import Library
    from reviewdesk.review.model import Review

MIN_INTERVAL = 0.3  # seconds between two appends
COMPACT_AT = 4  # rewrite the file when it holds this many times the text it needs


class Journal:
    def __init__(self, library: Library, slug: str, clock=time.time, owner: str | None = None):
        check_slug(library.root, slug)
        self.library = library
        self.slug = slug
        self.folder: Path = journal_dir(library.root) / slug
        self.path: Path = self.folder / f"{owner or _this_process()}.jsonl"
        self._recovered: list[Path] = []
        self.problem: str | None = None
        self._clock = clock
        self._last_write = float("-inf")
        self._pending: dict[str, str] = {}
        self._latest: dict[str, str] = {}  # what the file holds last for each question
        self._written = 0  # bytes appended since the file was started

    # Writing --------------------------------------------------------------------
    def record(self, question_id: str, text: str) -> bool:
        """Note the answer's current text; written now or at the next flush.

        Cheap to call on every keystroke. True when something was written.
        """
        self._pending[question_id] = normalize_text(text)
        if self._clock() - self._last_write < MIN_INTERVAL:
            return False
        return self.flush()

    def flush(self) -> bool:
        """Write the held records now (the app calls this on its tick)."""
        pending = {q: t for q, t in self._pending.items() if self._latest.get(q) != t}
        self._pending.clear()
        if not pending:
            return False
        now = self._clock()
        lines = "".join(json.dumps({"q": q, "text": t, "t": now, "pid": os.getpid()}, ensure_ascii=False) + "\n"
                        for q, t in pending.items()).encode("utf-8")
        try:
            self._append(lines)
        except OSError as exc:
            self.problem = f"the edit journal could not be written: {exc.strerror or exc}"
            self._pending = {**pending, **self._pending}  # try again next time
            return False
        self.problem = None
        self._last_write = now
        self._latest.update(pending)
        self._written += len(lines)
        needed = sum(len(t) for t in self._latest.values()) + 1
        if self._written > COMPACT_AT * needed and self._written > 64 * 1024:
            self._compact(now)
        return True

    def _append(self, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_all(os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), data)

    def _compact(self, now: float) -> None:
        """Keep only the latest text of each question (a long session's file)."""
        data = "".join(json.dumps({"q": q, "text": t, "t": now, "pid": os.getpid()}, ensure_ascii=False) + "\n"
                       for q, t in self._latest.items()).encode("utf-8")
        try:
            atomic_write(self.path, data)
        except OSError:
            return  # the long file is still correct, only longer
        self._written = len(data)

    def clear(self) -> None:
        """The draft on disk now holds everything: forget the journal."""
        self._pending.clear()
        self._latest.clear()
        self._written = 0
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            self.problem = f"the edit journal could not be removed: {exc.strerror or exc}"

    # Reading --------------------------------------------------------------------
    def entries(self, path: Path | None = None) -> list[dict]:
        """Every readable record of a journal file (this process's by default),
        oldest first; a torn or foreign line is skipped."""
        try:
            raw = (path or self.path).read_bytes()
        except OSError:
            return []
        found = []
        for line in raw.split(b"\n"):
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if (isinstance(entry, dict) and isinstance(entry.get("q"), str) and isinstance(entry.get("text"), str)
                    and isinstance(entry.get("t"), int | float) and not isinstance(entry.get("t"), bool)):
                found.append(entry)
        return found

    def recover(self, review: Review) -> dict[str, str]:
        """Texts recorded after the draft file was written, that differ from it.

        ``review`` is the draft as just loaded (its ``disk_stamp`` says when
        the file was written). Returns ``{question_id: text}``, the newest
        record of each question; empty when there is nothing to offer.
        """
        saved_at = review.disk_stamp[0] / 1e9 if review.disk_stamp else float("-inf")
        try:
            files = [p for p in self.folder.iterdir() if p.name.endswith(".jsonl") and p != self.path]
        except OSError:
            files = []
        self._recovered = [p for p in files if not _owner_alive(p.name[: -len(".jsonl")])]
        found = [e for p in self._recovered for e in self.entries(p) if e["t"] >= saved_at]
        found.sort(key=lambda e: e["t"])
        newest: dict[str, str] = {}
        for entry in found:
            newest[entry["q"]] = normalize_text(entry["text"])
        return {q: t for q, t in newest.items() if t != review.peek(q).text}

    def forget_recovered(self) -> None:
        """Remove the journals :meth:`recover` read, once the writer has taken
        the texts (and they are saved) or declined them."""
        for path in self._recovered:
            try:
                path.unlink()
            except OSError:
                pass
        self._recovered = []


def _this_process() -> str:
    from reviewdesk.review.locks import start_ticks

    ticks = start_ticks(os.getpid())
    return f"{os.getpid()}-{ticks if ticks is not None else 'x'}"


def _owner_alive(stem: str) -> bool:
    """Is the process that wrote this journal still running (another window)?"""
    from reviewdesk.review.locks import process_alive

    pid, _, ticks = stem.partition("-")
    if not pid.isdecimal():
        return False
    return process_alive(int(pid), int(ticks) if ticks.isdecimal() else None)
