"""WordPress: Markdown pasted into the block editor.

The block editor converts pasted plain-text Markdown with GFM tables and
turns every single newline into a line break. So paragraphs the writer
wrapped by hand are joined (as CommonMark would show them), and images go
out as ``<figure>`` with ``<figcaption>``, the one form whose caption
survives: it becomes an image block with its caption. Headings, paragraphs
and the Series Information table land as heading, paragraph and table
blocks. The ``#`` title line is kept: pasted into the empty title field,
the editor takes the first heading as the title and the rest as the body.
"""

from __future__ import annotations

import re

from reviewdesk.publish import export
from reviewdesk.publish.targets import _body
from reviewdesk.publish.targets._softbreaks import unwrap
from reviewdesk.publish.targets._types import Rendered, Request


# The editor's converter (showdown) shows the backslash of ``\<`` and ``\&``
# and drops an escaped ``#`` at the end of a heading; entities mean the same
# to every Markdown reader and survive it. Only a backslash that is itself an
# escape (not the second of ``\\``) is replaced.
_ENTITIES = {"<": "&lt;", "&": "&amp;", "#": "&#35;"}
_ESCAPED = re.compile(r"(?<!\\)((?:\\\\)*)\\([<&#])")


def entities(block: str) -> str:
    return _ESCAPED.sub(lambda m: m.group(1) + _ENTITIES[m.group(2)], block)


def prose(text: str) -> str:
    """Joined soft breaks; a hard break is a plain newline (one <br>)."""
    return unwrap(export.prose(text), hard_breaks="newline")


def render(req: Request) -> Rendered:
    style = export.Style(prose=prose,
                        image=_body.figure_html, markup=entities)
    text = export.to_markdown(req.review, req.template, req.mates, req.options, style)
    return Rendered(text, export.export_filename(req.review), "wordpress")
