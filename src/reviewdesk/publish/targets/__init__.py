"""Publish targets: the same post, written for where it is going.

``render(review, template, mates, target, options)`` gives the post's text
and file name for one target; ``TARGETS`` maps each target's id to a label,
in the order a menu shows them (from :mod:`reviewdesk.publish.target_names`).
Each target is a module of this package, imported when it is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from importlib import import_module

from reviewdesk.publish.export import ExportOptions
from reviewdesk.publish.links import safe_parts
from reviewdesk.publish.target_names import ALIASES, TARGETS, UnknownTarget, resolve
from reviewdesk.review.model import Review
from reviewdesk.publish.targets._types import Rendered, Request
from reviewdesk.review.template import Template

__all__ = ["ALIASES", "TARGETS", "Rendered", "UnknownTarget", "render", "resolve"]

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
