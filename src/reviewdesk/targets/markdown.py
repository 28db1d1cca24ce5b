"""Plain GFM: the core's own export, unchanged."""

from __future__ import annotations

from reviewdesk import export
from reviewdesk.targets._types import Rendered, Request


def render(req: Request) -> Rendered:
    text = export.to_markdown(req.review, req.template, req.mates, req.options)
    return Rendered(text, export.export_filename(req.review), "markdown")
