"""The finished post as Markdown (CommonMark + GFM tables).

Read top to bottom it is: title, tagline, one heading per answered question
with the writer's prose as written and the section's images with captions,
Series Information as a table, and the writer's other reviews of the season.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewdesk.markdown_text import (
    escape_heading,
    escape_inline,
    escape_line_start,
    link_destination,
    one_line,
    table_cell,
)
from reviewdesk.model import Image, Review, format_info_value
from reviewdesk.template import Question, Template


@dataclass(frozen=True)
class ExportOptions:
    heading_level: int = 2
    include_title: bool = True
    include_other_shows: bool = True

    def __post_init__(self):
        if not 1 <= self.heading_level <= 6:
            raise ValueError("heading level must be 1 to 6")


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
    """The writer's text as written, without blank lines at either end."""
    return text.strip("\n").rstrip()


def series_table(review: Review, template: Template) -> str | None:
    rows = []
    for f in template.info:
        value = format_info_value(review.info.get(f.id, ""))
        if value.strip():
            rows.append(f"| {table_cell(f.label)} | {table_cell(value)} |")
    if not rows:
        return None
    return "\n".join(["| | |", "| --- | --- |", *rows])


def question_markdown(review: Review, question: Question, level: int) -> str:
    """One question's section: heading, prose, images; empty if unanswered."""
    answer = review.peek(question.id)
    if not answer.answered:
        return ""
    blocks = [heading(level, question.heading), prose(answer.text)]
    blocks.extend(image_block(im) for im in answer.images)
    return "\n\n".join(blocks)


def head_markdown(review: Review, options: ExportOptions) -> str:
    blocks = []
    if options.include_title:
        blocks.append(heading(1, review.title))
    if review.tagline.strip():
        blocks.append(prose(review.tagline))
    return "\n\n".join(blocks)


def info_markdown(review: Review, template: Template, level: int) -> str:
    table = series_table(review, template)
    return f"{heading(level, 'Series Information')}\n\n{table}" if table else ""


def others_markdown(review: Review, mates: Sequence[tuple[str, str]], level: int) -> str:
    if not review.season.strip() or not mates:
        return ""
    items = []
    for title, url in mates:
        text = escape_inline(one_line(title))
        items.append(f"- [{text}]({link_destination(url)})" if url.strip() else f"- {escape_line_start(text)}")
    return f"{heading(level, f'Other shows from {review.season}')}\n\n" + "\n".join(items)


def post_parts(review: Review, template: Template, mates: Sequence[tuple[str, str]] = (),
               options: ExportOptions = ExportOptions()) -> dict[str, str]:
    """The post in named parts, in order: ``head``, ``q:<id>`` per question,
    ``info``, ``others``. Empty parts are empty strings. The app's preview
    shows these same parts, so the preview is the export."""
    level = options.heading_level
    parts = {"head": head_markdown(review, options)}
    for q in template.questions:
        parts[f"q:{q.id}"] = question_markdown(review, q, level)
    parts["info"] = info_markdown(review, template, level)
    parts["others"] = others_markdown(review, mates, level) if options.include_other_shows else ""
    return parts


def to_markdown(review: Review, template: Template, mates: Sequence[tuple[str, str]] = (),
                options: ExportOptions = ExportOptions()) -> str:
    """The post. ``mates``: (title, url) of the same season's other reviews."""
    parts = post_parts(review, template, mates, options)
    return "\n\n".join(p for p in parts.values() if p) + "\n"


def export_filename(review: Review) -> str:
    return f"{review.slug or 'review'}.md"
