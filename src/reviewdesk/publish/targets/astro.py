"""Astro: the front matter of Astro's blog template.

Its content schema has ``title``, ``description``, ``pubDate``,
``updatedDate`` and ``heroImage``; the layout shows the title, so the body
has no ``#`` title line. The description is the tagline on one line; the
hero image is the review's cover, else the post's first image.
"""

from __future__ import annotations

from reviewdesk.publish import export
from reviewdesk.publish.targets import _body
from reviewdesk.publish.targets._types import Rendered, Request


def front_matter(req: Request) -> dict:
    review = req.review
    images = _body.image_sources(review, req.template)
    return {
        "title": review.title,
        "description": _body.plain_line(review.tagline),
        "pubDate": review.created,
        "updatedDate": review.updated,
        "heroImage": review.cover or (images[0] if images else None),
    }


def render(req: Request) -> Rendered:
    from reviewdesk.publish.frontmatter import yaml_block

    style = export.Style(include_title=False)
    text = export.to_markdown(req.review, req.template, req.mates, req.options, style)
    return Rendered(yaml_block(front_matter(req)) + "\n" + text, export.export_filename(req.review), "astro")
