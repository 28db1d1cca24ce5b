"""Jekyll: YAML front matter between ``---``, file named ``YYYY-MM-DD-slug.md``.

The layout shows the title from the front matter, so the body has no ``#``
title line. ``published: false`` keeps a draft out of the built site.
"""

from __future__ import annotations

from reviewdesk.publish import spoilers
from reviewdesk.publish import export
from reviewdesk.publish.targets import _body
from reviewdesk.publish.targets._types import Rendered, Request


def front_matter(req: Request) -> dict:
    review = req.review
    data: dict = {
        "layout": "post",
        "title": review.title,
        "date": review.created,
        "categories": [review.season.strip()] if review.season.strip() else None,
        "tags": _body.info_list(review, req.template, "genres", "genre", "tags") or None,
        "published": review.status != "draft",
    }
    if review.tagline.strip():
        data["excerpt"] = review.tagline.strip()
    if review.cover:
        data["image"] = review.cover  # the featured image themes and jekyll-seo-tag read
    return data


def filename(req: Request) -> str:
    return f"{req.review.created.date().isoformat()}-{req.review.slug or 'review'}.md"


def render(req: Request) -> Rendered:
    from reviewdesk.publish.frontmatter import yaml_block

    style = export.Style(include_title=False, spoiler=spoilers.kramdown_details)
    text = export.to_markdown(req.review, req.template, req.mates, req.options, style)
    return Rendered(yaml_block(front_matter(req)) + "\n" + text, filename(req), "jekyll")
