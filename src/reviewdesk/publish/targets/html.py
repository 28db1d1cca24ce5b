"""HTML: a standalone fragment, rendered by markdown-it-py.

No ``<html>`` or ``<head>``: the blocks of the post, ready to paste into an
HTML editor or a template. Captions are ``<figure>``/``<figcaption>``; the
writer's prose is rendered as CommonMark with GFM tables and strikethrough,
and nothing is made typographic: quotes stay straight.
"""

from __future__ import annotations

from reviewdesk.publish import export
from reviewdesk.publish.targets import _body
from reviewdesk.publish.targets._types import Rendered, Request


def to_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(["table", "strikethrough"])
    return md.render(markdown)


def render(req: Request) -> Rendered:
    style = export.Style(image=_body.figure_html)
    markdown = export.to_markdown(req.review, req.template, req.mates, req.options, style)
    return Rendered(to_html(markdown), f"{req.review.slug or 'review'}.html", "html")
