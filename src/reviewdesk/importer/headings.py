"""Headings matched to a template's questions, with case, punctuation and
numbering ignored ("2) What happened" is "What happened?"), and the two
headings the export writes itself (Series Information, Other shows from...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewdesk.importer.blocks import parser, plain_text
from reviewdesk.review.template import Template

SERIES_HEADING = "Series Information"


@dataclass
class Heading:
    level: int
    text: str        # plain text, as a reader sees it
    start: int       # first line
    end: int         # line after the heading


_NUMBERING = re.compile(
    r"^\s*(?:(?:q(?:uestion)?|part|section)\s*)?(?:\d+|[ivxlc]+)\s*[.):\-\u2013\u2014]\s*"
    r"|^\s*(?:q(?:uestion)?\s*)\d+\s+", re.I)


def fold(text: str) -> str:
    """A heading reduced to letters and digits, numbering removed."""
    stripped = _NUMBERING.sub("", text, count=1)
    folded = re.sub(r"[\W_]+", "", stripped.casefold())
    if not folded:  # the heading was only a number: keep it
        folded = re.sub(r"[\W_]+", "", text.casefold())
    return folded


def question_index(template: Template) -> dict[str, str]:
    """A template's questions by their folded heading and id."""
    index: dict[str, str] = {}
    for q in template.questions:
        index.setdefault(fold(q.heading), q.id)
        index.setdefault(fold(q.id), q.id)
    return index


def special_kind(text: str) -> str | None:
    """"series" or "others" for the headings the export writes itself; None for others."""
    folded = fold(text)
    if folded == fold(SERIES_HEADING):
        return "series"
    if OTHERS.match(text):
        return "others"
    return None


OTHERS = re.compile(r"^\W*other\s+shows\s+from\s+(?P<season>\S.*)$", re.I | re.S)


def find_headings(body: str) -> list[Heading]:
    """The top-level headings of a post, in order."""
    tokens = parser().parse(body)
    found = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open" and t.level == 0 and t.map:
            found.append(Heading(int(t.tag[1]), plain_text(tokens[i + 1].children).strip(), t.map[0], t.map[1]))
    return found
