"""The post's blocks in the order every target shares, with hooks per target.

The order is the plain export's (:func:`reviewdesk.publish.export.to_markdown`):
title, tagline, one heading per answered question with its prose and images,
Series Information, other shows of the season; the verdict where the template
places it. Skipped questions are left out and spoilers folded with the
target's ``spoiler`` hook. A target changes how a block
is written (a figure instead of ``![]()``, a list instead of a table, joined
soft breaks), never which blocks there are or their order.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reviewdesk.publish import export
from reviewdesk.publish import spoilers
from reviewdesk.publish.export import ExportOptions
from reviewdesk.publish.markdown_text import escape_inline, table_cell
from reviewdesk.review.model import Image, Review, format_info_value
from reviewdesk.review.template import Template


@dataclass(frozen=True)
class Style:
    include_title: bool = True
    prose: Callable[[str], str] = export.prose
    image: Callable[[Image], str] = export.image_block
    series: Callable[[Review, Template], str | None] = export.series_table
    # applied to every block Review Desk writes itself (headings, images,
    # Series Information, other shows), never to the writer's prose
    markup: Callable[[str], str] = lambda block: block
    # folds a spoiler: (inner Markdown, summary) -> block
    spoiler: spoilers.Wrap = spoilers.details


def body(review: Review, template: Template, mates: Sequence[tuple[str, str]],
         options: ExportOptions, style: Style) -> str:
    blocks: list[str] = []
    ours = style.markup
    if style.include_title:
        blocks.append(ours(export.heading(1, review.title)))
    if options.spoiler_warning and export.has_spoilers(review, template):
        blocks.append(ours(spoilers.WARNING))
    if review.tagline.strip():
        blocks.append(style.prose(review.tagline))
    level = options.heading_level
    place = export.verdict_place(template)
    verdict = export.verdict_markdown(review, template, style.prose)
    if place == "head":
        blocks.append(verdict)
    for q in template.questions:
        answer = review.peek(q.id)
        if export.exported(answer):
            blocks.append(ours(export.heading(level, q.heading)))
            blocks.extend(export.answer_blocks(answer, style.prose, lambda im: ours(style.image(im)),
                                               style.spoiler))
        if place == f"q:{q.id}":
            blocks.append(verdict)
    if place == "questions":
        blocks.append(verdict)
    series = style.series(review, template)
    if series:
        blocks.append(ours(export.heading(level, template.info_heading)))
        blocks.append(ours(series))
    if place == "info":
        blocks.append(verdict)
    if options.include_other_shows:
        blocks.append(ours(export.others_markdown(review, mates, level)))
    return "\n\n".join(b for b in blocks if b) + "\n"


def figure_html(image: Image) -> str:
    """A captioned image as one line of HTML: ``<figure><img><figcaption>``.

    One line, because a blank line would end the HTML block in Markdown; the
    caption is HTML-escaped text, shown as written.
    """
    caption = " ".join(image.caption.split())
    src = html.escape(image.src, quote=True)
    alt = html.escape(caption, quote=True)
    inner = f'<img src="{src}" alt="{alt}">'
    if caption:
        inner += f"<figcaption>{html.escape(caption, quote=False)}</figcaption>"
    return f"<figure>{inner}</figure>"


def series_list(review: Review, template: Template) -> str | None:
    """Series Information as a list, for editors without tables."""
    items = []
    for f in template.info:
        value = format_info_value(review.info.get(f.id, ""))
        if value.strip():
            items.append(f"- **{escape_inline(f.label)}:** {table_cell(value)}")
    return "\n".join(items) if items else None


def plain_line(text: str) -> str:
    """Prose as one line of plain text (for a meta description)."""
    return " ".join(text.split())


def info_list(review: Review, template: Template, *names: str) -> list[str]:
    """A list field's values by id or label (e.g. the genres for tags)."""
    wanted = {n.casefold() for n in names}
    for f in template.info:
        if f.id.casefold() in wanted or f.label.casefold() in wanted:
            value = review.info.get(f.id)
            if isinstance(value, list):
                return [v for v in value if v.strip()]
            if isinstance(value, str) and value.strip():
                return [p.strip() for p in value.split(",") if p.strip()]
    return []


def image_sources(review: Review, template: Template) -> list[str]:
    """Every exported image in post order, but those folded in a whole-answer
    spoiler: a hero or preview image is shown before anyone opens a fold."""
    return [im.src for q in template.questions
            if export.exported(review.peek(q.id)) and not review.peek(q.id).spoiler
            for im in review.peek(q.id).images]


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _walk(tokens):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def block_types(markdown: str) -> set[str]:
    """The token types markdown-it finds in a text (tables, raw HTML, ...)."""
    return {t.type for t in _walk(_parser().parse(markdown))}


def has_raw_html(markdown: str) -> bool:
    return bool(block_types(markdown) & {"html_block", "html_inline"})
