"""A cache of draft summaries, so the library lists thousands of drafts fast.

Listing the library needs each draft's title, season, status, progress and
words, not its prose. Parsing 2,000 TOML files for that takes seconds; this
index keeps one small summary per file in ``.reviewdesk-index.json`` inside
the library, keyed by the file's size and modification time. Every listing
still looks at every file (a ``stat``): a file changed, added or removed
outside the app is re-read, so the index is never trusted over the disk.
The index is a cache: if it cannot be read or written, listing works without.
Nor is it trusted for its content. Its first line holds a checksum of the
rest: an index edited by hand, or damaged, is ignored as a whole and made
again from the drafts, even where the edit looks valid (a title changed to
another title). A row that still holds a field of the wrong type or range
makes that draft be read again, never a wrong listing or a traceback
(:func:`_from_json` checks every field).
"""

from __future__ import annotations

import json
import os
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from reviewdesk.review import draftfile
from reviewdesk.review.atomic import atomic_write
from reviewdesk.errors import DraftError, ReviewDeskError
from reviewdesk.review.model import STATUSES, Review, target_for, word_count
from reviewdesk.review.slug import is_draft_name
from reviewdesk.review.template import Template, load_template

INDEX_NAME = ".reviewdesk-index.json"
# An index of another version is made again from the drafts (and an older
# Review Desk does the same with ours).
INDEX_VERSION = 3
RACY_NS = 2_000_000_000
TAGLINE_CHARS = 300
_UNSET = object()


def _find_template(template_id: str, known: dict[str, Template | None] | None = None) -> Template | None:
    """The template, or None when it is unknown or broken; ``known`` memoises."""
    if known is not None and template_id in known:
        return known[template_id]
    try:
        template = load_template(template_id) if template_id else None
    except ReviewDeskError:
        template = None
    if known is not None:
        known[template_id] = template
    return template


@dataclass
class Summary:
    """What the library list shows of one draft file (or why it is broken)."""

    slug: str
    file: str  # the draft's path; ``path`` makes it a Path when asked (2,000 Paths cost 30 ms)
    title: str = ""
    season: str = ""
    status: str = "draft"
    url: str = ""
    template_id: str = ""
    tagline: str = ""
    updated: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    words: int = 0
    answered_ids: tuple[str, ...] = ()
    skipped_ids: tuple[str, ...] = ()
    target: int = 0  # word targets of the questions not skipped, added up
    toward_target: int = 0  # words toward them, each answer capped at its own target
    error: DraftError | None = None
    # The template, looked up once (a summary is a snapshot: listing again
    # gives new summaries, with templates edited since then).
    _template: Template | None | object = field(default=_UNSET, compare=False, repr=False)
    _figures: tuple[int, int] | None = field(default=None, compare=False, repr=False)

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def target_percent(self) -> int | None:
        return int(100 * self.toward_target / self.target) if self.target else None

    @property
    def broken(self) -> bool:
        return self.error is not None

    @property
    def template(self) -> Template | None:
        if self._template is _UNSET:
            self._template = _find_template(self.template_id)
        return self._template  # type: ignore[return-value]

    @property
    def answered(self) -> int:
        return self.progress[0]

    @property
    def total(self) -> int:
        """Questions to answer: the template's, less the ones skipped on purpose."""
        return self.progress[1]

    @property
    def progress(self) -> tuple[int, int]:
        """(answered, total), worked out once for this summary."""
        if self._figures is None:
            self._figures = self._progress()
        return self._figures

    def _progress(self) -> tuple[int, int]:
        """(answered, total); most drafts of a library share their figures'
        inputs, so each (template, answered, skipped) is worked out once."""
        template = self.template
        if template is None:
            return len(self.answered_ids), len(self.answered_ids)
        key = (id(template), self.answered_ids, self.skipped_ids)
        found = _PROGRESS.get(key)
        if found is None or found[0] is not template:
            ids = set(self.answered_ids) - set(self.skipped_ids)
            skipped = set(self.skipped_ids)
            figures = (sum(1 for q in template.questions if q.id in ids),
                       sum(1 for q in template.questions if q.id not in skipped))
            if len(_PROGRESS) > 4096:
                _PROGRESS.clear()
            found = _PROGRESS[key] = (template, figures)
        return found[1]


_PROGRESS: dict[tuple, tuple[Template, tuple[int, int]]] = {}


def summarise(slug: str, path: Path, review: Review,
              templates: dict[str, Template | None] | None = None) -> Summary:
    """The summary of one draft; ``templates`` memoises template look-ups.

    Each text is counted once (a first start counts every word of the
    library): the same figures as ``review_progress`` and ``Review.words``.
    """
    counts = {qid: word_count(a.text) for qid, a in review.answers.items()}
    template = _find_template(review.template, templates)
    target = toward = 0
    if template is not None:
        for q in template.questions:
            answer = review.answers.get(q.id)
            if answer is not None and answer.skipped:
                continue
            goal = target_for(review, q)
            if goal:
                target += goal
                toward += min(counts.get(q.id, 0), goal)
    return Summary(
        slug=slug, file=str(path), title=review.title, season=review.season, status=review.status,
        url=review.url, template_id=review.template, tagline=review.tagline[:TAGLINE_CHARS],
        updated=review.updated, words=word_count(review.tagline) + sum(counts.values()),
        answered_ids=tuple(qid for qid, a in review.answers.items() if a.answered),
        skipped_ids=tuple(qid for qid, a in review.answers.items() if a.skipped),
        target=target, toward_target=toward, _template=template,
    )


def _to_json(s: Summary, stamp: list[int]) -> dict:
    row = {"stamp": stamp, "title": s.title, "season": s.season, "status": s.status, "url": s.url,
           "template": s.template_id, "tagline": s.tagline, "updated": s.updated.isoformat(),
           "words": s.words, "answered": list(s.answered_ids), "skipped": list(s.skipped_ids),
           "target": s.target, "toward": s.toward_target}
    if s.error is not None:
        row["error"] = {"reason": s.error.reason, "line": s.error.line, "column": s.error.column}
    return row


# No count in a readable draft comes near this (a draft is at most 32 MB).
_MAX_COUNT = 1 << 40


def _text(row: dict, key: str, default: str | None = None) -> str:
    value = row.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key} is not text")
    return value


def _count(row: dict, key: str, default: int | None = None) -> int:
    value = row.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_COUNT:
        raise ValueError(f"{key} is not a count")
    return value


def _ids(row: dict, key: str, default: list | None = None) -> tuple[str, ...]:
    value = row.get(key, default)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} is not a list of ids")
    return tuple(value)


def _line_or_none(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= _MAX_COUNT:
        raise ValueError("not a line number")
    return value


def _from_json(slug: str, path: str, row: dict) -> Summary:
    """The summary an index row holds; ValueError for any field of the wrong
    type or out of range (the caller reads the draft again)."""
    error = None
    if "error" in row:
        e = row["error"]
        if not isinstance(e, dict):
            raise ValueError("error is not a table")
        error = DraftError(Path(path), _text(e, "reason"), _line_or_none(e.get("line")),
                           _line_or_none(e.get("column")))
    status = _text(row, "status")
    if status not in (*STATUSES, "broken") or (status == "broken") != (error is not None):
        raise ValueError("unknown status")
    updated = datetime.fromisoformat(_text(row, "updated"))
    if updated.tzinfo is None:
        raise ValueError("a time without its zone")
    return Summary(
        slug=slug, file=path, title=_text(row, "title"), season=_text(row, "season"), status=status,
        url=_text(row, "url", ""), template_id=_text(row, "template"), tagline=_text(row, "tagline", ""),
        updated=updated, words=_count(row, "words"),
        answered_ids=_ids(row, "answered"), skipped_ids=_ids(row, "skipped", []),
        target=_count(row, "target", 0), toward_target=_count(row, "toward", 0), error=error,
    )


def index_bytes(files: dict) -> bytes:
    """The index file: a header line (version, checksum of the rest), then
    the rows as one JSON object."""
    body = json.dumps(files, ensure_ascii=False).encode("utf-8")
    header = json.dumps({"version": INDEX_VERSION, "check": zlib.crc32(body)}).encode("utf-8")
    return header + b"\n" + body


def _read_index(root: Path) -> dict:
    """The rows of the index; empty when it is missing, of another version,
    or does not match its checksum (edited by hand, or damaged)."""
    try:
        header, _, body = (root / INDEX_NAME).read_bytes().partition(b"\n")
        head = json.loads(header)
        if not isinstance(head, dict) or head.get("version") != INDEX_VERSION or head.get("check") != zlib.crc32(body):
            return {}
        files = json.loads(body)
    except (OSError, ValueError):
        return {}
    return files if isinstance(files, dict) else {}


def _stamp(st: os.stat_result) -> list[int]:
    """What says a file is the one summarised: modification time, size and
    inode (a draft replaced by another of the same size and time, as a sync
    tool's rename does, is a new inode)."""
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def summaries(root: Path, suffix: str = ".toml") -> list[Summary]:
    """A summary of every draft in ``root``, newest first; the index refreshed.

    One ``scandir`` and one ``stat`` per file; only files whose stamp differs
    from the index's are read. A file changed within ``RACY_NS`` of this
    listing is summarised but not trusted next time (its clock may tick
    coarser than the writes: a second same-size write could keep the stamp).
    """
    cached = _read_index(root)
    fresh: dict[str, dict] = {}
    found: list[Summary] = []
    templates: dict[str, Template | None] = {}
    changed = False
    try:
        with os.scandir(root) as it:
            files = [e for e in it if e.name.endswith(suffix) and not e.name.startswith(".")]
    except OSError:
        return []
    listed_at = time.time_ns()
    cut = len(suffix)
    for item in files:
        try:
            if not item.is_file():
                continue
            st = item.stat()
        except OSError:
            continue
        name = item.name
        slug = name[:-cut]
        stamp = _stamp(st)
        row = cached.get(name)
        summary = None
        if isinstance(row, dict) and row.get("stamp") == stamp and row.get("racy", False) is False:
            try:
                summary = _from_json(slug, item.path, row)
            except (KeyError, TypeError, ValueError, OverflowError):
                summary = None
            else:
                summary._template = _find_template(summary.template_id, templates)
        if summary is None:
            path = Path(item.path)
            try:
                if not is_draft_name(root, slug):
                    raise DraftError(path, "its name holds a backslash, which no command can name (it is a folder "
                                           "separator on Windows); rename the file")
                summary = summarise(slug, path, draftfile.read(path), templates)
            except DraftError as exc:
                summary = Summary(slug=slug, file=item.path, title=slug, status="broken", error=exc,
                                  updated=datetime.fromtimestamp(st.st_mtime, timezone.utc))
            row = _to_json(summary, stamp)
            changed = True
        if stamp[0] >= listed_at - RACY_NS and not row.get("racy"):
            row = dict(row, racy=True)  # read again next time
            changed = True
        fresh[name] = row
        found.append(summary)
    if changed or fresh.keys() != cached.keys():
        try:
            atomic_write(root / INDEX_NAME, index_bytes(fresh))
        except OSError:
            pass  # a read-only library still lists; it just re-reads next time
    found.sort(key=lambda s: s.updated, reverse=True)
    return found
