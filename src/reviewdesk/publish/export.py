"""The finished post as Markdown (CommonMark + GFM tables).

Read top to bottom it is: title, tagline, one heading per answered question
with the writer's prose as written and the section's images with captions,
Series Information as a table, and the writer's other reviews of the season.
A question skipped on purpose is left out; spoilers are folded into
``<details>`` (see :mod:`reviewdesk.publish.spoilers`); the verdict goes where the
template's ``[verdict]`` table places it.

:func:`post_parts` puts the post together, the one place that knows its
order: the plain export, the app's preview and every target
(:mod:`reviewdesk.publish.targets`) use it. A target changes how a block is
written through a :class:`Style` (a figure instead of ``![]()``, a list
instead of a table, joined soft breaks), never which blocks there are or
their order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reviewdesk.publish import spoilers
from reviewdesk.publish.links import safe_parts
from reviewdesk.publish.markdown_blocks import close_open_block
from reviewdesk.publish.export_options import ExportOptions
from reviewdesk.publish.markdown_text import (
    escape_heading,
    escape_inline,
    escape_line_start,
    link_destination,
    one_line,
    table_cell,
)
from reviewdesk.review.model import Answer, Image, Review, exported, format_info_value, format_score
from reviewdesk.review.template import Question, Template, Verdict


def heading(level: int, text: str) -> str:
    return f"{'#' * level} {escape_heading(text)}"


def image_block(image: Image) -> str:
    """``![caption](src)`` and the caption again, visible, under it."""
    alt = escape_inline(" ".join(image.caption.split()))
    block = f"![{alt}]({link_destination(image.src)})"
    if image.caption.strip():
        block += f"\n\n*{escape_line_start(alt)}*"
    return block


def prose(text: str) -> str:
    """The writer's text as written, without blank lines at either end, and
    with a code fence (or a ``<pre>``, a ``<!--``...) it leaves open closed at
    its end: open, it would take in the rest of the post."""
    return close_open_block(text.strip("\n").rstrip())


def info_rows(review: Review, template: Template) -> list[tuple[str, str]]:
    """(label, value as written) of each information field the writer filled."""
    rows = []
    for f in template.info:
        value = format_info_value(review.info.get(f.id, ""))
        if value.strip():
            rows.append((f.label, value))
    return rows


def series_table(review: Review, template: Template) -> str | None:
    rows = [f"| {table_cell(label)} | {table_cell(value)} |" for label, value in info_rows(review, template)]
    if not rows:
        return None
    return "\n".join(["| | |", "| --- | --- |", *rows])


def _same(block: str) -> str:
    return block


@dataclass(frozen=True)
class Style:
    """How a target writes the blocks of the post; the plain export's by default."""

    include_title: bool | None = None  # None: as the export options say
    prose: Callable[[str], str] = prose
    image: Callable[[Image], str] = image_block
    series: Callable[[Review, Template], str | None] = series_table
    # applied to every block Review Desk writes itself (headings, images,
    # Series Information, other shows), never to the writer's prose
    markup: Callable[[str], str] = _same
    # folds a spoiler: (inner Markdown, summary) -> block
    spoiler: spoilers.Wrap = spoilers.details


PLAIN = Style()


def _join(blocks: Sequence[str]) -> str:
    return "\n\n".join(b for b in blocks if b)


def answer_blocks(answer: Answer, write_prose: Callable[[str], str], image: Callable[[Image], str],
                  fold: spoilers.Wrap) -> list[str]:
    """An answer's prose and images as blocks, its spoilers folded with ``fold``.

    A whole-answer spoiler folds its images too: a screenshot can give the
    ending away as surely as a sentence.
    """
    if answer.spoiler:
        inner = [write_prose(spoilers.strip_markers(answer.text))]
        inner.extend(image(im) for im in answer.images)
        return [fold("\n\n".join(b for b in inner if b), spoilers.DEFAULT_SUMMARY)]
    blocks = [spoilers.render(answer.text, write_prose, fold)]
    blocks.extend(image(im) for im in answer.images)
    return blocks


def question_markdown(review: Review, question: Question, level: int, style: Style = PLAIN) -> str:
    """One question's section: heading, prose, images; empty if unanswered or skipped."""
    answer = review.peek(question.id)
    if not exported(answer):
        return ""
    ours = style.markup
    return _join([ours(heading(level, question.heading)),
                  *answer_blocks(answer, style.prose, lambda im: ours(style.image(im)), style.spoiler)])


def has_spoilers(review: Review, template: Template | None = None) -> bool:
    """Whether the exported post folds anything away."""
    if template is None:
        answers = list(review.answers.values())
    else:
        answers = [review.peek(q.id) for q in template.questions]
    return any(exported(a) and (a.spoiler or spoilers.has_markers(a.text)) for a in answers)


def head_markdown(review: Review, options: ExportOptions, template: Template | None = None,
                  style: Style = PLAIN) -> str:
    """The title (unless left out), the spoiler warning and the tagline."""
    blocks = []
    if options.include_title if style.include_title is None else style.include_title:
        blocks.append(style.markup(heading(1, review.title)))
    if options.spoiler_warning and has_spoilers(review, template):
        blocks.append(style.markup(spoilers.WARNING))
    if review.tagline.strip():
        blocks.append(style.prose(review.tagline))
    return _join(blocks)


def info_markdown(review: Review, template: Template, level: int, style: Style = PLAIN) -> str:
    table = style.series(review, template)
    if not table:
        return ""
    return _join([style.markup(heading(level, template.info_heading)), style.markup(table)])


def verdict_markdown(review: Review, template: Template,
                     write_prose: Callable[[str], str] = prose) -> str:
    """``**Verdict:** 8/10 — the one line``; empty when neither is set."""
    spec = template.verdict or Verdict()
    line = " ".join(review.verdict.split())
    if review.score is None and not line:
        return ""
    out = f"**{escape_inline(spec.label)}:**"
    if review.score is not None:
        out += f" {format_score(review.score, spec.scale)}"
        if line:
            out += " —"
    if line:
        out += " " + write_prose(line)
    return out


def verdict_place(template: Template) -> str:
    """After which part the verdict goes: ``head``, ``q:<id>``, ``questions`` or ``info``."""
    place = (template.verdict or Verdict()).place
    return {"after-tagline": "head", "after-questions": "questions", "after-info": "info"}.get(place, f"q:{place}")


@lru_cache(maxsize=4096)
def _other_show(title: str, url: str) -> str:
    """One "Other shows" item. Kept: exporting a library writes each of a
    season's reviews into every other post of that season."""
    text = escape_inline(one_line(title))
    return f"- [{text}]({link_destination(url)})" if url.strip() else f"- {escape_line_start(text)}"


def others_markdown(review: Review, mates: Sequence[tuple[str, str]], level: int, style: Style = PLAIN) -> str:
    if not review.season.strip() or not mates:
        return ""
    items = [_other_show(title, url) for title, url in mates]
    return style.markup(f"{heading(level, f'Other shows from {review.season}')}\n\n" + "\n".join(items))


def post_parts(review: Review, template: Template, mates: Sequence[tuple[str, str]] = (),
               options: ExportOptions = ExportOptions(), style: Style = PLAIN) -> dict[str, str]:
    """The post in named parts, in order: ``head``, ``q:<id>`` per question,
    ``info``, ``others``, and ``verdict`` where the template places it (after
    ``head``, a question, the last question, or ``info``). Empty parts are
    empty strings. The app's preview shows these same parts, so the preview
    is the export (unsafe addresses left out too: :mod:`reviewdesk.publish.links`)."""
    review, mates, _notes = safe_parts(review, mates)
    level = options.heading_level
    place = verdict_place(template)
    verdict = verdict_markdown(review, template, style.prose)
    parts = {"head": head_markdown(review, options, template, style)}
    if place == "head":
        parts["verdict"] = verdict
    for q in template.questions:
        parts[f"q:{q.id}"] = question_markdown(review, q, level, style)
        if place == f"q:{q.id}":
            parts["verdict"] = verdict
    if "verdict" not in parts and place != "info":
        parts["verdict"] = verdict
    parts["info"] = info_markdown(review, template, level, style)
    if place == "info":
        parts["verdict"] = verdict
    parts["others"] = others_markdown(review, mates, level, style) if options.include_other_shows else ""
    return parts


def post_part(review: Review, template: Template, key: str, mates: Sequence[tuple[str, str]] = (),
              options: ExportOptions = ExportOptions()) -> str:
    """One part of the post, as :func:`post_parts` names and makes it, without
    making the others: the app's preview brings one part up to date per change."""
    level = options.heading_level
    if key == "head":
        return head_markdown(review, options, template)
    if key == "verdict":
        return verdict_markdown(review, template)
    if key == "info":
        return info_markdown(review, template, level)
    if key == "others":
        return others_markdown(review, mates, level) if options.include_other_shows else ""
    for question in template.questions:
        if key == f"q:{question.id}":
            return question_markdown(review, question, level)
    return ""


def to_markdown(review: Review, template: Template, mates: Sequence[tuple[str, str]] = (),
                options: ExportOptions = ExportOptions(), style: Style = PLAIN) -> str:
    """The post. ``mates``: (title, url) of the same season's other reviews."""
    return _join(list(post_parts(review, template, mates, options, style).values())) + "\n"


def export_filename(review: Review) -> str:
    return f"{review.slug or 'review'}.md"
