"""From an entry to the review's info fields, never overwriting silently.

:func:`plan` reads nothing from the web and changes nothing: for each of the
template's info fields it says what a fill would do. *filled*: the field was
empty (or ``force``), and takes the source's value. *kept*: the writer typed
something else, which stays (the source's value is shown beside it).
*unchanged*: the source has nothing for it, or says what the field already
says. :func:`apply` then makes the change in memory, all of it at once, and
records the source and id in ``review.lookup`` so a later lookup refreshes
the same entry; the caller saves. The app passes ``take``: the kept fields
the writer chose to replace after seeing both values.

A value finds its field by the field's id (``english_title``, ``released``),
or by a few other names a writer's own template might use (``studios`` for
``animation_studios``); it is shaped to the field's kind (a list, a text, a
whole number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewdesk.lookup.base import Entry, InfoValue
from reviewdesk.review.model import Review, format_info_value
from reviewdesk.review.template import InfoField, Template
from reviewdesk.review.text import normalize_text

FILLED, KEPT, UNCHANGED = "filled", "kept", "unchanged"

# A field id -> the value names it takes, in order, after its own id.
ALIASES = {
    "animation_studios": ("studios",), "studios": ("animation_studios",), "studio": ("animation_studios", "studios"),
    "english_title": ("title",), "title": ("english_title",), "native_title": ("japanese_title",),
    "genre": ("genres",), "authors": ("author",), "developers": ("developer",), "publishers": ("publisher",),
    "platform": ("platforms",), "first_published": ("published",), "published": ("released",),
    "release_date": ("released",), "directors": ("director",), "subjects": ("genres",),
}


@dataclass(frozen=True)
class Change:
    field: str  # the info field's id ("cover" for the cover)
    label: str
    status: str  # filled, kept or unchanged
    before: str  # what the draft says, as text
    after: str  # what the source says, as text ("" when it has nothing)
    value: InfoValue | None = None  # what the field becomes when filled

    def as_json(self) -> dict:
        return {"field": self.field, "label": self.label, "status": self.status, "before": self.before,
                "source": self.after}


@dataclass
class Plan:
    entry: Entry
    changes: list[Change]
    cover: Change | None = None
    applied: list[str] = field(default_factory=list)

    def by_status(self, status: str) -> list[Change]:
        return [c for c in self.changes if c.status == status]

    def as_json(self) -> dict:
        data = {"source": self.entry.source, "id": self.entry.id, "title": self.entry.title,
                "url": self.entry.url, "fields": [c.as_json() for c in self.changes]}
        if self.cover is not None:
            data["cover"] = self.cover.as_json()
        return data


def shaped(info_field: InfoField, value: InfoValue) -> InfoValue | None:
    """The value in the field's kind: a list, a text, or a whole number."""
    if info_field.kind == "list":
        items = value if isinstance(value, list) else [str(value)]
        return [item for item in items if item] or None
    if info_field.kind == "number":
        if isinstance(value, int):
            return value
        m = re.match(r"\s*(\d{1,18})\b", value if isinstance(value, str) else "")
        return int(m.group(1)) if m else None
    return format_info_value(value) or None


def value_for(info_field: InfoField, values: dict[str, InfoValue]) -> InfoValue | None:
    for name in (info_field.id, *ALIASES.get(info_field.id, ())):
        if name in values:
            return shaped(info_field, values[name])
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def plan(review: Review, template: Template, entry: Entry, *, force: bool = False, cover: bool = False) -> Plan:
    """What filling ``review`` from ``entry`` would do to each info field (and the cover)."""
    changes = []
    for info_field in template.info:
        before = review.info_text(info_field)
        value = value_for(info_field, entry.values)
        after = format_info_value(value) if value is not None else ""
        if value is None or _same(before, after):
            status = UNCHANGED
        elif before.strip() and not force:
            status = KEPT
        else:
            status = FILLED
        changes.append(Change(info_field.id, info_field.label, status, before, after, value))
    result = Plan(entry, changes)
    if cover:
        result.cover = _cover_change(review, entry, force)
    return result


def own_cover(review: Review, path: str) -> bool:
    """Whether ``path`` is a cover a lookup saved for this review (refreshed freely)."""
    return bool(review.slug) and path.startswith(f"images/{review.slug}-cover.")


def _cover_change(review: Review, entry: Entry, force: bool) -> Change:
    before = review.cover
    if not entry.cover_url:
        return Change("cover", "Cover", UNCHANGED, before, "")
    if not before or own_cover(review, before) or force:
        return Change("cover", "Cover", FILLED, before, entry.cover_url)
    return Change("cover", "Cover", KEPT, before, entry.cover_url)


def apply(review: Review, result: Plan, take: set[str] | frozenset[str] = frozenset(),
          cover_path: str | None = None) -> list[str]:
    """Fill the review in memory: every *filled* field, and the *kept* ones in
    ``take``; the cover when ``cover_path`` is given. Returns the ids set."""
    applied = []
    for change in result.changes:
        if change.value is not None and (change.status == FILLED or (change.status == KEPT and change.field in take)):
            review.info[change.field] = _entered(change.value)
            applied.append(change.field)
    if cover_path is not None:
        review.cover = cover_path
        applied.append("cover")
    review.lookup = {"source": result.entry.source, "id": result.entry.id}
    result.applied = applied
    return applied


def _entered(value):
    """A value from the web as text enters the model: no control characters
    (reviewdesk.review.text), so a source cannot put an escape into a draft."""
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, list):
        return [normalize_text(v) if isinstance(v, str) else v for v in value]
    return value


_SUFFIX = re.compile(
    r"\s*[(\[](?:(?:season|series|part|cour|book|volume|vol\.?|the\s+movie|film|tv|anime)\b[^)\]]*"
    r"|(?:first|second|third|fourth|fifth|final|\d+(?:st|nd|rd|th)?)\s+(?:season|series|part|cour)[^)\]]*"
    r"|(?:19|20)\d\d)[)\]]\s*$", re.IGNORECASE)


def default_query(title: str) -> str:
    """The review's title without "(Season One)"-style suffixes: what to search for."""
    query = " ".join(title.split())
    while True:
        shorter = _SUFFIX.sub("", query).strip()
        if shorter == query or not shorter:
            return query
        query = shorter
