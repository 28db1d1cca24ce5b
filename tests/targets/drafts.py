"""Drafts as the core makes them, for the publish and import tests.

Every draft is built through the model's own setters (set_field,
set_answer, add_image, set_info), from text a writer could type. The prose
strategy mixes real Markdown blocks (lists, quotes, code, tables, deeper
headings, hard and soft breaks) with arbitrary unicode.

``exportable`` says which prose the plain export can carry unambiguously:
prose that contains no heading at the questions' level or above, and that
does not run on into what follows it (an unclosed code fence swallows the
rest of the post). That is the property the round trip is stated for.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reviewdesk.publish.export import prose as export_prose
from reviewdesk.review.model import Review
from reviewdesk.review.template import Template
from reviewdesk.review.text import CONTROLS
from reviewdesk.review.urls import is_image_source

_md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

TRICKY = ["|", "\\|", "#", "`", "*", "**", "_", "[", "]", "![", "<b>", "&", "&amp;", "&#65;", "\\",
          '"', "'", "=", "-", "+", ":", "> ", "1. ", "~", "{{<", ">}}", "+++", "---", "\t", "  ",
          "\u00a0", "\u2028", "é", "メタリックルージュ", "😀", "🇯🇵", "\x85", "\ufeff"]

inline_text = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r\n\x00"), max_size=30),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=4)), max_size=10).map("".join),
).map(lambda s: CONTROLS.sub("", s.replace("\r", " ").replace("\n", " ")))
# (Control characters are left out: the model refuses them in a one-line field
# and removes them from prose; U+0000 among them, which no Markdown can carry.)

words = st.lists(st.sampled_from(["Rouge", "Naomi", "Mars", "the", "android", "*bold*", "`code`",
                                  "[link](https://example.com/a_b)", "x_y", "50%", "“curly”",
                                  '"straight"', "it's", "<em>html</em>", "&amp;", "\\*"]),
                 min_size=1, max_size=12).map(" ".join)

BLOCKS = [
    words,
    st.lists(words, min_size=2, max_size=4).map("\n".join),              # soft-wrapped paragraph
    st.lists(words, min_size=2, max_size=3).map("  \n".join),            # hard breaks
    st.lists(words, min_size=1, max_size=4).map(lambda ls: "\n".join(f"- {w}" for w in ls)),
    st.lists(words, min_size=1, max_size=3).map(lambda ls: "\n".join(f"{i}. {w}" for i, w in enumerate(ls, 1))),
    st.lists(words, min_size=1, max_size=3).map(lambda ls: "\n".join(f"> {w}" for w in ls)),
    words.map(lambda w: f"```\n{w}\n## not a heading\n```"),
    words.map(lambda w: f"### {w}"),
    st.tuples(words, words).map(lambda p: f"| a | b |\n| --- | --- |\n| {p[0]} | {p[1]} |"),
    inline_text,
]
prose_text = st.lists(st.one_of(*BLOCKS), min_size=1, max_size=5).map("\n\n".join)
one_line = inline_text.map(str.strip).filter(bool)

SRC = st.text(st.sampled_from("abcxyzABC0123456789/._-:~%?=&#+() éア"), min_size=1, max_size=30)
# What the model takes as an image source: a path ("a:b" would be a scheme) or a web address.
src_text = st.one_of(SRC, SRC.map(lambda s: "https://img.example.com/" + s)).filter(is_image_source)


def _top_blocks(text: str):
    return [t for t in _md.parse(text) if t.level == 0 and t.nesting >= 0]


def exportable(text: str, level: int = 2) -> bool:
    """Prose the plain export carries unambiguously (see the module doc)."""
    if not text.strip():
        return True
    for t in _md.parse(text):
        if t.type == "heading_open" and int(t.tag[1]) <= level:
            return False
    probe = _md.parse(export_prose(text) + "\n\n" + "#" * level + " Probe\n")
    headings = [t for t in probe if t.type == "heading_open" and t.level == 0]
    if not headings or headings[-1].map[0] != export_prose(text).count("\n") + 2:
        return False
    # The end must not look like one of the image blocks that close a section.
    last = _top_blocks(export_prose(text))[-1:]
    if last:
        lines = export_prose(text).split("\n")
        tail = "\n".join(lines[last[0].map[0]:last[0].map[1]]).lstrip()
        if last[0].type == "html_block" or re.match(r"(!\[|\{\{<|[*_])", tail):
            return False
    return True


@st.composite
def drafts(draw, template: Template, with_mates: bool = True):
    """(review, mates) built through the model's setters."""
    review = Review(template=template.id, title="x", slug="draft")
    review.created = review.updated = datetime(2024, 4, 1, 9, 30, tzinfo=timezone.utc)
    review.set_field("title", draw(one_line))
    if draw(st.booleans()):
        review.set_field("tagline", draw(prose_text.filter(exportable)))
    if draw(st.booleans()):
        review.set_field("season", draw(one_line))
    for q in template.questions:
        kind = draw(st.sampled_from(["none", "none", "text", "text", "images"]))
        if kind == "none":
            continue
        review.set_answer(q.id, draw(prose_text.filter(exportable)))
        if kind == "images":
            for _ in range(draw(st.integers(1, 3))):
                review.add_image(q.id, draw(src_text.filter(lambda s: s.strip())), draw(inline_text))
        if draw(st.booleans()):
            review.set_done(q.id)
    for f in template.info:
        if draw(st.booleans()):
            if f.kind == "number":
                raw = str(draw(st.integers(0, 10**6)))
            elif f.kind == "list":
                raw = ", ".join(draw(st.lists(inline_text.map(lambda s: s.replace(",", " ").strip()).filter(bool),
                                              max_size=4)))
            else:
                raw = draw(st.one_of(inline_text, st.lists(inline_text, min_size=2, max_size=3).map("\n".join)))
            review.set_info(f, raw)
    mates = []
    if with_mates and review.season.strip():
        mates = draw(st.lists(st.tuples(one_line, st.sampled_from(["", "https://blog.example.com/x"])),
                              min_size=1, max_size=3))
    return review, mates


def canonical(review: Review, template: Template) -> dict:
    """What a draft's Markdown export carries: the fields the round trip keeps.

    The export writes prose without blank lines at its ends, captions on one
    line, a table cell's lines trimmed, and leaves out unanswered questions
    (with their images) and done marks; everything else must come back.
    """
    ids = set(template.question_ids())
    info = {}
    for f in template.info:
        value = review.info.get(f.id)
        if value in (None, "", []):
            continue
        if isinstance(value, str):
            value = "\n".join(line.strip() for line in value.split("\n")).strip()
        info[f.id] = value
    return {
        "title": review.title,
        "tagline": export_prose(review.tagline) if review.tagline.strip() else "",
        "info": info,
        "answers": {
            qid: (export_prose(a.text), [(im.src, " ".join(im.caption.split())) for im in a.images])
            for qid, a in review.answers.items() if qid in ids and a.answered
        },
    }
