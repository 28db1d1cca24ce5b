"""Three-way merge of a draft, part by part.

Two writers changed one draft: this window (``ours``, in memory) and
something else (``theirs``, on disk: another window, a sync tool, a
``reviewdesk answer`` from a script), both starting from ``base``, the file
as this window last read or wrote it. The draft is cut into parts, each
decided on its own:

- every review field (title, tagline, season, status, URL, score, verdict,
  cover, where Series Information was looked up, template, unknown fields
  kept from a newer version);
- every Series Information field, and the record of each blog account the
  review was published with;
- every answer's text, images, done mark, skip, spoiler mark, word target
  and unknown fields.

A part only one side changed takes that side's value; a part both sides
changed to the same value is no conflict; a part both changed differently
is a conflict, for the writer to decide. Times (created, updated) are not
parts: every save changes ``updated``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reviewdesk.review.model import Answer, Review

if TYPE_CHECKING:
    from reviewdesk.review.template import Template

Key = tuple[str, ...]  # ("field", "title"), ("info", "episodes"), ("published", "blog"), ("answer", "happened", "text")

FIELDS = ("template", "title", "tagline", "season", "status", "url", "score", "verdict", "cover", "lookup", "extra")
TABLES = ("info", "published")  # parts keyed by field id, by account name
ANSWER_PARTS = ("text", "images", "done", "skipped", "spoiler", "target", "extra")
_ABSENT = object()  # an info field with no value
_EMPTY = Answer()
_FIELD_NAMES = {"title": "the title", "tagline": "the tagline", "season": "the season", "status": "the status",
                "url": "the published URL", "score": "the score", "verdict": "the verdict line",
                "cover": "the cover image", "lookup": "where Series Information was looked up",
                "template": "the question set", "extra": "fields from a newer version"}
_ANSWER_NAMES = {"images": "images after {}", "done": "done mark of {}", "skipped": "skip mark of {}",
                 "spoiler": "spoiler mark of {}", "target": "word target of {}", "extra": "other details of {}"}


def parts(review: Review) -> dict[Key, object]:
    """Every part of a review that has a value, by key."""
    found: dict[Key, object] = {("field", name): getattr(review, name) for name in FIELDS}
    for table in TABLES:
        for key, value in getattr(review, table).items():
            found[(table, key)] = value
    for qid, answer in review.answers.items():
        for part in ANSWER_PARTS:
            found[("answer", qid, part)] = getattr(answer, part)
    return found


def _value(found: dict[Key, object], key: Key) -> object:
    if key in found:
        return found[key]
    if key[0] == "answer":
        return getattr(_EMPTY, key[2])  # no answer yet: an empty one
    return _ABSENT


@dataclass(frozen=True)
class Merge:
    """What a three-way merge decided, part by part (keys in the draft's order)."""

    theirs: list[Key] = field(default_factory=list)  # changed on disk only: take theirs
    ours: list[Key] = field(default_factory=list)  # changed here only: keep ours
    conflicts: list[Key] = field(default_factory=list)  # changed on both sides, differently


def merge(base: Review, ours: Review, theirs: Review) -> Merge:
    """Decide every part of the draft; nothing is changed here."""
    b, o, t = parts(base), parts(ours), parts(theirs)
    keys = list(dict.fromkeys([*o, *t, *b]))
    taken, kept, conflicts = [], [], []
    for key in keys:
        bv, ov, tv = _value(b, key), _value(o, key), _value(t, key)
        if ov == tv:
            continue
        if ov == bv:
            taken.append(key)
        elif tv == bv:
            kept.append(key)
        else:
            conflicts.append(key)
    return Merge(taken, kept, conflicts)


def differs(a: Review, b: Review) -> bool:
    """True when two reviews differ in any part (times aside)."""
    pa, pb = parts(a), parts(b)
    return any(_value(pa, key) != _value(pb, key) for key in {*pa, *pb})


def take(review: Review, key: Key, source: Review) -> None:
    """Set one part of ``review`` to ``source``'s value (a copy: the two never
    share a list or a table)."""
    value = _value(parts_of(source, key), key)
    if value is not _ABSENT:
        value = copy.deepcopy(value)
    kind = key[0]
    if kind == "field":
        setattr(review, key[1], value)
    elif kind in TABLES:
        if value is _ABSENT:
            getattr(review, kind).pop(key[1], None)
        else:
            getattr(review, kind)[key[1]] = value
    else:
        qid, part = key[1], key[2]
        if qid not in review.answers and value == getattr(_EMPTY, part):
            return  # no answer here, and none wanted: nothing to create
        setattr(review.answer(qid), part, value)
        if qid not in source.answers and review.answers[qid] == Answer():
            del review.answers[qid]  # the other side has no such answer either


def parts_of(review: Review, key: Key) -> dict[Key, object]:
    """The one part ``key`` of ``review`` (cheaper than every part)."""
    kind = key[0]
    if kind == "field":
        return {key: getattr(review, key[1])}
    if kind in TABLES:
        table = getattr(review, kind)
        return {key: table[key[1]]} if key[1] in table else {}
    answer = review.answers.get(key[1])
    return {key: getattr(answer, key[2])} if answer is not None else {}


def describe(key: Key, template: Template | None = None) -> str:
    """A part's name for the writer: "What happened?", "the title", "Episodes"."""
    kind = key[0]
    if kind == "field":
        return _FIELD_NAMES.get(key[1], key[1])
    if kind == "published":
        return f"the record of the post on {key[1]}"
    if kind == "info":
        if template is not None:
            for info_field in template.info:
                if info_field.id == key[1]:
                    return info_field.label
        return key[1]
    heading = key[1]
    if template is not None:
        for q in template.questions:
            if q.id == key[1]:
                heading = q.heading
                break
    pattern = _ANSWER_NAMES.get(key[2])
    return pattern.format(heading) if pattern else heading


def listing(keys: list[Key], template: Template | None = None) -> str:
    """Parts named in one phrase, each once: "What happened?, the title"."""
    return ", ".join(dict.fromkeys(describe(key, template) for key in keys))
