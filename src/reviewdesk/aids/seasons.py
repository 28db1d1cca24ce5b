"""Seasons: the library grouped by season, and one season's overview.

A season is matched in any case and spacing ("winter 2024" is "Winter
2024"), as the "Other shows from <season>" links match it; it is shown as
most of its reviews spell it. Seasons sort newest first when they read like
"Winter 2024" or "2024 Q1"; other names follow, alphabetically, and reviews
with no season come last.

The grouping helpers take anything with ``season``, ``status``, ``words``
and ``broken`` (the library's summaries or entries); the overview reads the
season's drafts in full, to say which questions are left to write.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from reviewdesk.errors import NotFound, ReviewDeskError
from reviewdesk.review.model import STATUSES
from reviewdesk.aids.progress import ReviewProgress, review_progress
from reviewdesk.review.template import load_template

NO_SEASON = ""
_PARTS = {"winter": 0, "spring": 1, "summer": 2, "fall": 3, "autumn": 3,
          "q1": 0, "q2": 1, "q3": 2, "q4": 3}


class Listed(Protocol):
    season: str
    status: str
    words: int

    @property
    def broken(self) -> bool: ...


T = TypeVar("T", bound=Listed)


def season_key(name: str) -> str:
    """The form seasons are matched by: case and spacing folded."""
    return " ".join(name.split()).casefold()


def sort_key(name: str) -> tuple:
    """Newest first for "Winter 2024" / "2024 Winter" / "2024"; then others A-Z; no season last."""
    key = season_key(name)
    if not key:
        return (2, 0, 0, "")
    m = re.fullmatch(r"(?:(\w+)\s+)?((?:19|20)\d\d)(?:\s+(\w+))?", key)
    if m:
        part = m.group(1) or m.group(3)
        if part is None or part in _PARTS:
            return (0, -int(m.group(2)), -_PARTS.get(part, 4), key)
    return (1, 0, 0, key)


def _display(names: Iterable[str]) -> str:
    counts = Counter(" ".join(n.split()) for n in names)
    return max(counts, key=lambda n: (counts[n], n != n.lower())) if counts else NO_SEASON


def group_by_season(items: Iterable[T]) -> dict[str, list[T]]:
    """Season (as most of its reviews spell it) -> its items, seasons newest
    first, "" (no season) last; broken files are left out."""
    groups: dict[str, list[T]] = {}
    spellings: dict[str, list[str]] = {}
    for item in items:
        if item.broken:
            continue
        key = season_key(item.season)
        groups.setdefault(key, []).append(item)
        spellings.setdefault(key, []).append(item.season)
    ordered = sorted(groups, key=sort_key)
    return {_display(spellings[k]) if k else NO_SEASON: groups[k] for k in ordered}


def filter_items(items: Iterable[T], season: str | None = None, status: str | None = None) -> list[T]:
    """The items of one season (any case; "" = no season) and/or one status."""
    if status is not None and status not in STATUSES:
        raise ReviewDeskError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    wanted = season_key(season) if season is not None else None
    return [i for i in items if not i.broken
            and (wanted is None or season_key(i.season) == wanted)
            and (status is None or i.status == status)]


@dataclass(frozen=True)
class SeasonSummary:
    name: str  # "" for reviews with no season
    count: int
    statuses: dict[str, int]  # draft/ready/published -> how many
    words: int


def seasons(items: Iterable[Listed]) -> list[SeasonSummary]:
    """Every season with how many reviews it has, by status, newest first."""
    out = []
    for name, members in group_by_season(items).items():
        statuses = {s: sum(1 for m in members if m.status == s) for s in STATUSES}
        out.append(SeasonSummary(name, len(members), statuses, sum(m.words for m in members)))
    return out


@dataclass(frozen=True)
class SeasonRow:
    slug: str
    title: str
    status: str
    url: str
    progress: ReviewProgress | None  # None when the template cannot be read
    template: str = ""

    @property
    def left(self) -> list[str]:
        """ "3. What did you think?" for each question still to write."""
        if self.progress is None:
            return []
        return [f"{q.number}. {q.question.heading}" for q in self.progress.left]


@dataclass(frozen=True)
class SeasonOverview:
    name: str
    rows: tuple[SeasonRow, ...]
    broken: tuple[str, ...] = field(default=())  # slugs that could not be read

    @property
    def words(self) -> int:
        return sum(r.progress.words for r in self.rows if r.progress)

    @property
    def statuses(self) -> dict[str, int]:
        return {s: sum(1 for r in self.rows if r.status == s) for s in STATUSES}

    @property
    def questions_left(self) -> int:
        return sum(len(r.progress.left) for r in self.rows if r.progress and r.status != "published")

    @property
    def unfinished(self) -> list[SeasonRow]:
        """Reviews not yet published, with what each has left."""
        return [r for r in self.rows if r.status != "published"]


def season_overview(lib, name: str) -> SeasonOverview:
    """Every review of a season (any case): status, progress, what is left.

    Reviews are ordered as a writer works through them: drafts, then ready,
    then published; by title within each. NotFound when no review has it.
    """
    wanted = season_key(name)
    listed = [s for s in lib.summaries() if not s.broken and season_key(s.season) == wanted]
    if not listed:
        known = [s.name for s in seasons(lib.summaries()) if s.name]
        hint = f"; seasons: {', '.join(known)}" if known else ""
        raise NotFound(f"no reviews of the season {name!r} in {lib.root}{hint}")
    rows, broken = [], []
    for summary in listed:
        try:
            review = lib.load(summary.slug)
        except ReviewDeskError:
            broken.append(summary.slug)
            continue
        try:
            progress = review_progress(review, load_template(review.template))
        except ReviewDeskError:
            progress = None
        rows.append(SeasonRow(summary.slug, review.title, review.status, review.url, progress, review.template))
    order = {s: i for i, s in enumerate(STATUSES)}
    rows.sort(key=lambda r: (order.get(r.status, 9), r.title.casefold()))
    return SeasonOverview(_display(s.season for s in listed), tuple(rows), tuple(broken))


def mates(overview: SeasonOverview, slug: str) -> Sequence[tuple[str, str]]:
    """(title, url) of a season's other reviews, for "Other shows from <season>"."""
    return sorted(((r.title, r.url) for r in overview.rows if r.slug != slug), key=lambda m: m[0].casefold())
