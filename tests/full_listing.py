"""Every draft of a library read in full, for the tests that compare what
the index or a command shows with the files themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from reviewdesk.errors import DraftError, ReviewDeskError
from reviewdesk.review.library import Library
from reviewdesk.review.model import Review
from reviewdesk.review.template import Template, load_template


@dataclass
class Entry:
    """One file in the library: a loaded review, or a broken file and why."""

    slug: str
    path: Path
    review: Review | None = None
    error: DraftError | None = None
    template: Template | None = None
    mtime: float = 0.0

    @property
    def broken(self) -> bool:
        return self.review is None

    @property
    def title(self) -> str:
        return self.review.title if self.review else self.slug

    @property
    def season(self) -> str:
        return self.review.season if self.review else ""

    @property
    def status(self) -> str:
        return self.review.status if self.review else "broken"

    @property
    def answered(self) -> int:
        if not self.review:
            return 0
        if self.template:
            return self.review.answered_count(self.template)
        return sum(1 for a in self.review.answers.values() if a.answered)

    @property
    def total(self) -> int:
        if self.template:
            return len(self.template.questions)
        return len(self.review.answers) if self.review else 0

    @property
    def words(self) -> int:
        return self.review.words() if self.review else 0

    @property
    def updated(self) -> datetime:
        if self.review:
            return self.review.updated
        return datetime.fromtimestamp(self.mtime, timezone.utc)


def entry(library: Library, slug: str) -> Entry:
    path = library.path_for(slug)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    try:
        review = library.load(slug)
    except DraftError as exc:
        return Entry(slug, path, error=exc, mtime=mtime)
    try:
        template = load_template(review.template)
    except ReviewDeskError:
        template = None
    return Entry(slug, path, review=review, template=template, mtime=mtime)


def entries(library: Library) -> list[Entry]:
    """Every draft, newest first; broken files included, marked broken."""
    found = [entry(library, slug) for slug in library.slugs()]
    found.sort(key=lambda e: e.updated, reverse=True)
    return found
