"""What several targets write alike: captioned figures, Series Information as
a list, plain lines, the genres as tags, the images a post shows, and what
markdown-it finds in a text. The post itself is put together by
:func:`reviewdesk.publish.export.post_parts`, with each target's
:class:`~reviewdesk.publish.export.Style`.
"""

from __future__ import annotations

import html
from reviewdesk.publish import export
from reviewdesk.publish.markdown_text import escape_inline, table_cell
from reviewdesk.review.model import Image, Review
from reviewdesk.review.template import Template


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
    items = [f"- **{escape_inline(label)}:** {table_cell(value)}" for label, value in export.info_rows(review, template)]
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
