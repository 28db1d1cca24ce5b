"""Export a whole library (or one season) to a folder, draft by draft.

A draft that fails (a broken file, an unknown template, a disk that refuses)
is reported with its reason and the others are still exported. The other
shows of a season are worked out once for the whole run, from the same
library, so each post links its season mates as a single export would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.atomic import atomic_write
from reviewdesk.errors import ReviewDeskError
from reviewdesk.export import ExportOptions
from reviewdesk.library import Entry, Library
from reviewdesk.template import load_template


@dataclass
class BatchResult:
    folder: Path
    target: str
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (slug, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)   # (slug, note)

    @property
    def total(self) -> int:
        return len(self.written) + len(self.failed)


def select(library: Library, season: str | None = None) -> list[Entry]:
    """The drafts to export: all, or one season's (broken files always, since
    their season cannot be read), sorted by slug so runs are repeatable."""
    entries = sorted(library.entries(), key=lambda e: e.slug)
    if season is None:
        return entries
    wanted = season.strip().casefold()
    return [e for e in entries if e.broken or e.season.strip().casefold() == wanted]


def _mates(entries: list[Entry]) -> dict[str, list[tuple[str, str]]]:
    by_season: dict[str, list[Entry]] = {}
    for e in entries:
        if e.review is not None and e.review.season.strip():
            by_season.setdefault(e.review.season.strip().casefold(), []).append(e)
    mates: dict[str, list[tuple[str, str]]] = {}
    for group in by_season.values():
        for e in group:
            others = [(o.review.title, o.review.url) for o in group if o.slug != e.slug]
            mates[e.slug] = sorted(others, key=lambda m: m[0].casefold())
    return mates


def export_all(library: Library, folder: Path | str, target: str = "markdown", season: str | None = None,
               options: ExportOptions | None = None,
               progress: Callable[[int, int, str], None] | None = None) -> BatchResult:
    """Write every selected draft's export into ``folder`` (created if need be)."""
    from reviewdesk.targets import render, resolve

    target = resolve(target)
    folder = Path(folder)
    result = BatchResult(folder, target)
    entries = select(library, season)
    all_mates = _mates(library.entries() if season is not None else entries)
    if entries:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReviewDeskError(f"cannot create {folder}: {exc.strerror or exc}") from None
    for n, entry in enumerate(entries, 1):
        try:
            if entry.review is None:
                raise entry.error or ReviewDeskError("the file could not be read")
            template = entry.template or load_template(entry.review.template)
            rendered = render(entry.review, template, all_mates.get(entry.slug, []), target, options)
            path = folder / rendered.filename
            atomic_write(path, rendered.text.encode("utf-8"))
        except ReviewDeskError as exc:
            result.failed.append((entry.slug, _reason(exc)))
        except OSError as exc:
            result.failed.append((entry.slug, f"cannot write into {folder}: {exc.strerror or exc}"))
        else:
            result.written.append(path)
            result.notes.extend((entry.slug, note) for note in rendered.notes)
        if progress is not None:
            progress(n, len(entries), entry.slug)
    return result


def _reason(exc: ReviewDeskError) -> str:
    reason = getattr(exc, "reason", None)
    if reason is None:
        return str(exc)
    line = getattr(exc, "line", None)
    return f"line {line}, column {exc.column}: {reason}" if line else reason
