"""Small Markdown helpers: escaping plain text so it renders as itself."""

from __future__ import annotations

import re

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def escape_inline(text: str) -> str:
    """Plain text (a title, a caption, a table cell) as Markdown inline text.

    Backslash-escapes the characters that would start emphasis, code, links,
    HTML or a table cell boundary, and an ``&`` that looks like an entity.
    Everything else is left alone so the Markdown stays readable.
    """
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _ENTITY.sub(r"\\&", text)


def escape_line_start(text: str) -> str:
    """Escape what would turn a paragraph's first characters into a block."""
    if re.match(r"^(#{1,6}(\s|$)|[-+=]|\d+[.)](\s|$)|>)", text):
        return "\\" + text if not text[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def table_cell(text: str) -> str:
    """One GFM table cell: inline-escaped, newlines as ``<br>``."""
    lines = [escape_inline(line.strip()) for line in text.strip().split("\n")]
    return "<br>".join(lines)


def link_destination(src: str) -> str:
    """A link or image destination: wrapped in <> when it has spaces."""
    if re.search(r"[\s()<>]", src):
        return "<" + src.replace("<", "%3C").replace(">", "%3E") + ">"
    return src
