"""Export a whole library (or one season) to a folder, draft by draft.

A draft that fails (a broken file, an unknown template, a disk that refuses)
is reported with its reason and the others are still exported. The other
shows of a season are worked out once for the whole run, from the library's
index, so each post links its season mates as a single export would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from reviewdesk.review.atomic import replace_unsynced, sync_folder
from reviewdesk.errors import ReviewDeskError
from reviewdesk.publish.export import ExportOptions
from reviewdesk.publish.output_guard import Guard
from reviewdesk.review.index import Summary
from reviewdesk.review.library import Library
from reviewdesk.review.template import DEFAULT_TEMPLATE, Template, load_template


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


def chosen(library: Library, season: str | None = None,
           summaries: list[Summary] | None = None) -> list[Summary]:
    """The drafts to export: all, or one season's (broken files always, since
    their season cannot be read), sorted by slug. From the library's index: no
    draft is read when the index is up to date."""
    found = library.summaries() if summaries is None else summaries
    if season is not None:
        wanted = season.strip().casefold()
        found = [s for s in found if s.broken or s.season.strip().casefold() == wanted]
    return sorted(found, key=lambda s: s.slug)


def _mates(summaries: list[Summary]) -> dict[str, list[tuple[str, str, str]]]:
    """Each draft's season, (title, url, slug) by title: the whole library
    grouped once by season, as ``Library.season_mates`` finds them; a draft's
    mates are its season less itself (:func:`_others`)."""
    by_season: dict[str, list[Summary]] = {}
    for s in summaries:
        if not s.broken and s.season.strip():
            by_season.setdefault(s.season.strip().casefold(), []).append(s)
    seasons: dict[str, list[tuple[str, str, str]]] = {}
    for group in by_season.values():
        ordered = sorted(((s.title, s.url, s.slug) for s in group), key=lambda m: m[0].casefold())
        for s in group:
            seasons[s.slug] = ordered
    return seasons


def _others(seasons: dict[str, list[tuple[str, str, str]]], slug: str) -> list[tuple[str, str]]:
    return [(title, url) for title, url, other in seasons.get(slug, ()) if other != slug]


def export_all(library: Library, folder: Path | str, target: str = "markdown", season: str | None = None,
               options: ExportOptions | None = None,
               progress: Callable[[int, int, str], None] | None = None,
               summaries: list[Summary] | None = None, guard: Guard | None = None) -> BatchResult:
    """Write every selected draft's export into ``folder`` (created if need be).

    The library is listed once, from its index (which re-reads any draft
    changed since), for both the choice and the season mates (``summaries``:
    a listing the caller already made); each chosen draft is then read once,
    and each template loaded once. A long batch is shared between the cores
    (:mod:`reviewdesk.publish.batch_pool`): on a busy machine a lone process
    gets a lone share of it. Exports are written atomically but not synced
    one by one: the folder is synced once at the end (they can be made
    again). A post whose file already holds exactly its text is not
    written again. Each file goes through ``guard`` (by default the
    library's, unforced: see :mod:`reviewdesk.publish.output_guard`), so a
    post never replaces a draft nor lands in the library but its exports/.
    """
    from reviewdesk.publish.targets import resolve

    target = resolve(target)
    folder = Path(folder)
    result = BatchResult(folder, target)
    if summaries is None:
        summaries = library.summaries()
    entries = chosen(library, season, summaries)
    if entries:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReviewDeskError(f"cannot create {folder}: {exc.strerror or exc}") from None
    if guard is None:
        guard = Guard(library.root)
    guard.check_folder(folder)
    job = Job(library, folder, target, options, _mates(summaries), guard)
    outcomes = job.run(entries)
    try:
        for n, (summary, (name, failure, notes)) in enumerate(zip(entries, outcomes), 1):
            if failure is not None:
                result.failed.append((summary.slug, failure))
            else:
                result.written.append(folder / name)
                result.notes.extend((summary.slug, note) for note in notes)
            if progress is not None:
                progress(n, len(entries), summary.slug)
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()  # stopped early (an error, an interrupt): the workers stop too
    if result.written:
        sync_folder(folder)
    return result


# What became of one draft: (file name written, None, notes) or (None, reason, ()).
Outcome = tuple[str | None, str | None, tuple[str, ...]]

# From this many drafts on, a batch is shared between the cores: starting a
# worker costs a few milliseconds, exporting a draft about one.
PARALLEL_FROM = 200


@dataclass
class Job:
    """One batch's settings, and the templates it has loaded so far."""

    library: Library
    folder: Path
    target: str
    options: ExportOptions | None
    seasons: dict[str, list[tuple[str, str, str]]]  # see _mates
    guard: Guard
    templates: dict[str, Template | str] = field(default_factory=dict)  # id -> template or failure

    def run(self, entries: list[Summary]) -> Iterator[Outcome]:
        """Each draft's :data:`Outcome`, in order, as it is exported."""
        slugs = [summary.slug for summary in entries]
        if len(slugs) >= PARALLEL_FROM:
            from reviewdesk.publish import batch_pool

            processes = batch_pool.workers(len(slugs), PARALLEL_FROM // 2)
            if processes:
                # Loaded once here, before the workers part, rather than once in each.
                import_module(f"reviewdesk.publish.targets.{self.target}")
                self.template(DEFAULT_TEMPLATE)
                return batch_pool.run(self.export_one, slugs, processes)
        return map(self.export_one, slugs)

    def export_one(self, slug: str) -> Outcome:
        from reviewdesk.publish.targets import render

        try:
            review = self.library.load(slug)
            template = self.template(review.template)
            if isinstance(template, str):
                return None, template, ()
            rendered = render(review, template, _others(self.seasons, slug), self.target, self.options)
            path = self.folder / rendered.filename
            data = rendered.text.encode("utf-8")
            if not _same_bytes(path, data):
                self.guard.prepare(path)
                replace_unsynced(path, data)
        except ReviewDeskError as exc:
            return None, _reason(exc), ()
        except OSError as exc:
            return None, f"cannot write into {self.folder}: {exc.strerror or exc}", ()
        return rendered.filename, None, tuple(rendered.notes)

    def template(self, template_id: str) -> Template | str:
        """The template, or why it cannot be used; looked up once a run."""
        found = self.templates.get(template_id)
        if found is None:
            try:
                found = load_template(template_id)
            except ReviewDeskError as exc:
                found = _reason(exc)
            self.templates[template_id] = found
        return found


def _same_bytes(path: Path, data: bytes) -> bool:
    """Whether ``path`` already holds exactly ``data``: a post that did not
    change since the last export is left as it is (its time too). Replacing
    a file costs far more than reading it (on ext4 a rename over a file
    flushes the new one), and most of a re-exported library is unchanged."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def _reason(exc: ReviewDeskError) -> str:
    reason = getattr(exc, "reason", None)
    if reason is None:
        return str(exc)
    line = getattr(exc, "line", None)
    return f"line {line}, column {exc.column}: {reason}" if line else reason
