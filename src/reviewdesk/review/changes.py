"""What changed between two versions of a draft, in a writer's terms.

:func:`compare` says which parts were touched (the title, the tagline, a
question's answer or its images, the verdict, the information table, the
review's details), how many words went in and out, and the first line that
differs, in post order. :func:`version_changes` does it for every kept
version of a draft against the one after it (version 1 against the current
file), so the History dialog and ``reviewdesk history`` can tell versions
apart: "+42 −3 words in What happened?", not eight rows of "1,738 words".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.model import Review, format_info_value, format_score

if TYPE_CHECKING:
    from reviewdesk.review.history import Version
    from reviewdesk.review.template import Template

# Words as word_count counts them (runs of letters or digits), so punctuation
# next to a word does not count it as changed.
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
DETAILS = "details"  # season, status, URL: what a reader never sees as prose


@dataclass(frozen=True)
class Change:
    """How the newer of two versions differs from the older."""

    touched: tuple[str, ...] = ()  # the parts that differ, in post order ("What happened?", "tagline")
    added: int = 0  # words in the newer that the older does not have
    removed: int = 0  # words in the older the newer no longer has
    first_line: str = ""  # the first line that differs, as the newer version has it
    first_line_removed: bool = False  # that line is only in the older version

    @property
    def same(self) -> bool:
        return not self.touched

    def words(self) -> str:
        """"+42 −3 words", "+5 words", "no words changed"."""
        parts = ([f"+{self.added:,}"] if self.added else []) + ([f"−{self.removed:,}"] if self.removed else [])
        return f"{' '.join(parts)} word{'s' * (self.added + self.removed != 1)}" if parts else "no words changed"

    def summary(self, limit: int = 3) -> str:
        """One line: the words, then where. "+42 −3 words in What happened?, tagline"."""
        if self.same:
            return "the same text as the next version"
        where = list(self.touched[:limit])
        if len(self.touched) > limit:
            where.append(f"{len(self.touched) - limit} more")
        return f"{self.words()} in {', '.join(where)}"

    def line(self, width: int = 60) -> str:
        """The first changed line, quoted and cut at a word to ``width``."""
        if not self.first_line:
            return ""
        text = " ".join(self.first_line.split())
        if len(text) > width:
            cut = text[: width - 1].rsplit(" ", 1)[0] if " " in text[: width - 1] else text[: width - 1]
            text = cut.rstrip(",;:.") + "…"
        return f"{'removed: ' if self.first_line_removed else ''}“{text}”"


def _parts(review: Review, template: Template | None) -> Iterator[tuple[str, str]]:
    """(name, text) for each part of the review, in post order."""
    yield "title", review.title
    yield "tagline", review.tagline
    questions = list(template.questions) if template is not None else []
    known = {q.id for q in questions}
    for q in questions:
        yield q.heading, review.peek(q.id).text
        yield f"{q.heading} (images)", _images(review, q.id)
    for qid in sorted(set(review.answers) - known):
        heading = str(review.answers[qid].extra.get("heading") or qid)
        yield heading, review.answers[qid].text
        yield f"{heading} (images)", _images(review, qid)
    if review.verdict or review.score is not None:
        scale = template.verdict.scale if template is not None and template.verdict else None
        score = format_score(review.score, scale) if review.score is not None else ""
        yield "verdict", "\n".join(t for t in (score, review.verdict) if t)
    else:
        yield "verdict", ""
    info_name = template.info_heading if template is not None else "information"
    labels = {f.id: f.label for f in template.info} if template is not None else {}
    yield info_name, "\n".join(f"{labels.get(key, key)}: {format_info_value(value)}"
                               for key, value in review.info.items() if value not in (None, "", []))
    yield DETAILS, "\n".join(f"{name}: {value}" for name, value in
                             (("season", review.season), ("status", review.status), ("URL", review.url)) if value)


def _images(review: Review, question_id: str) -> str:
    return "\n".join(f"{im.caption} ({im.src})" if im.caption else im.src
                     for im in review.peek(question_id).images)


def _word_counts(old: str, new: str) -> tuple[int, int]:
    """(added, removed) words between two texts, by a diff of their words."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    added = removed = 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=len(a) + len(b) > 2000)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            removed += i2 - i1
        if tag in ("replace", "insert"):
            added += j2 - j1
    return added, removed


def _first_line(old: str, new: str) -> tuple[str, bool]:
    """The first line that differs: the newer's, or the older's if the newer has none there."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    for n in range(max(len(old_lines), len(new_lines))):
        before = old_lines[n] if n < len(old_lines) else None
        after = new_lines[n] if n < len(new_lines) else None
        if before != after:
            if after is not None and after.strip():
                return after, False
            if before is not None and before.strip():
                return before, True
    return "", False


def compare(older: Review, newer: Review, template: Template | None = None) -> Change:
    """What changed from ``older`` to ``newer`` (parts named by ``template``'s headings)."""
    old_parts = dict(_parts(older, template))
    touched: list[str] = []
    added = removed = 0
    first, first_removed = "", False
    for name, text in _parts(newer, template):
        before = old_parts.pop(name, "")
        if before == text:
            continue
        touched.append(name.removesuffix(" (images)"))
        if name.endswith(" (images)") or name == DETAILS:
            lines = _first_line(before, text)
        else:
            more, less = _word_counts(before, text)
            added, removed = added + more, removed + less
            lines = _first_line(before, text)
        if not first and lines[0]:
            first, first_removed = lines
    for name, before in old_parts.items():  # parts only the older has (a question the template lost)
        if before:
            touched.append(name.removesuffix(" (images)"))
            removed += 0 if name.endswith(" (images)") or name == DETAILS else len(_WORD.findall(before))
            if not first:
                first, first_removed = _first_line(before, "")
    return Change(tuple(dict.fromkeys(touched)), added, removed, first, first_removed)


def version_changes(root: Path, slug: str, found: list[Version] | None = None,
                    ) -> list[tuple[Version, Review | None, Change | None]]:
    """Each kept version of ``slug`` (newest first), the review it holds, and
    what changed between it and the one after it: the current file for
    version 1. The review or the change is None where a file cannot be read."""
    from reviewdesk.review import draftfile, history
    from reviewdesk.review.template import load_template

    found = history.versions(root, slug) if found is None else found
    try:
        after: Review | None = draftfile.read(root / f"{slug}.toml")
    except (ReviewDeskError, OSError):
        after = None
    templates: dict[str, Template | None] = {}

    def template_of(review: Review) -> Template | None:
        if review.template not in templates:
            try:
                templates[review.template] = load_template(review.template)
            except ReviewDeskError:
                templates[review.template] = None
        return templates[review.template]

    rows = []
    for version in found:
        try:
            review: Review | None = version.read()
        except (ReviewDeskError, OSError):
            review = None
        change = None
        if review is not None and after is not None:
            change = compare(review, after, template_of(after))
        rows.append((version, review, change))
        after = review
    return rows
