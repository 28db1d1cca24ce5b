"""Publish targets: the same post, written for where it is going.

``render(review, template, mates, target, options)`` gives the post's text
and file name for one target; ``TARGETS`` maps each target's id to a label,
in the order a menu shows them. Each target is a module of this package.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from importlib import import_module

from reviewdesk.errors import ReviewDeskError
from reviewdesk.publish.export import ExportOptions
from reviewdesk.publish.links import safe_parts
from reviewdesk.review.model import Review
from reviewdesk.publish.targets._types import Rendered, Request
from reviewdesk.review.template import Template

__all__ = ["ALIASES", "TARGETS", "Rendered", "UnknownTarget", "render", "resolve"]

TARGETS: dict[str, str] = {
    "markdown": "Markdown (plain GFM)",
    "wordpress": "WordPress (paste into the block editor)",
    "ghost": "Ghost (paste into the editor)",
    "hugo": "Hugo (TOML front matter)",
    "jekyll": "Jekyll (YAML front matter)",
    "astro": "Astro (blog template)",
    "html": "HTML fragment",
}
# Other names a setting or a writer may use for a target.
ALIASES = {"plain": "markdown", "md": "markdown", "yaml": "jekyll", "wp": "wordpress"}


class UnknownTarget(ReviewDeskError):
    pass


def resolve(target: str) -> str:
    """The target id for a name or alias; :class:`UnknownTarget` otherwise."""
    name = target.strip().lower()
    name = ALIASES.get(name, name)
    if name not in TARGETS:
        raise UnknownTarget(f"unknown export target {target!r}; known: {', '.join(TARGETS)}")
    return name


def render(review: Review, template: Template, mates: Sequence[tuple[str, str]] = (),
           target: str = "markdown", options: ExportOptions | None = None) -> Rendered:
    """The post for ``target``; ``mates`` are (title, url) of the season's other reviews.

    Addresses that are not safe in a post are left out first, with a note
    (:mod:`reviewdesk.publish.links`)."""
    name = resolve(target)
    module = import_module(f"reviewdesk.publish.targets.{name}")
    review, safe_mates, notes = safe_parts(review, mates, template)
    rendered = module.render(Request(review, template, safe_mates, options or ExportOptions()))
    return replace(rendered, notes=rendered.notes + notes) if notes else rendered
