"""Plain GFM: the core's own export, unchanged."""

from __future__ import annotations

from reviewdesk.publish import export
from reviewdesk.publish.targets._types import Rendered, Request


def render(req: Request) -> Rendered:
    text = export.to_markdown(req.review, req.template, req.mates, req.options)
    return Rendered(text, export.export_filename(req.review), "markdown")
