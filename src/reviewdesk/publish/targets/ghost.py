"""Ghost: Markdown pasted into Ghost's editor.

Ghost renders pasted Markdown with markdown-it with "breaks" on, and has no
tables. So hand-wrapped paragraphs are joined, Series Information is a list
of ``**Label:** value`` items, and images are ``<figure>`` with
``<figcaption>`` so the caption stays a caption.
"""

from __future__ import annotations

from reviewdesk.publish import export
from reviewdesk.publish.targets import _body
from reviewdesk.publish.targets._softbreaks import unwrap
from reviewdesk.publish.targets._types import Rendered, Request


def render(req: Request) -> Rendered:
    style = export.Style(
                        prose=lambda t: unwrap(export.prose(t)), image=_body.figure_html,
                        series=_body.series_list)
    text = export.to_markdown(req.review, req.template, req.mates, req.options, style)
    notes = []
    with_tables = [q.heading for q in req.template.questions
                   if export.exported(req.review.peek(q.id)) and "table_open" in _body.block_types(req.review.peek(q.id).text)]
    if with_tables:
        notes.append("Ghost has no tables: the table in " + "; ".join(with_tables) + " will paste as plain text.")
    return Rendered(text, export.export_filename(req.review), "ghost", tuple(notes))
