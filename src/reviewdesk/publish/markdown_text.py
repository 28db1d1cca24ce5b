"""Small Markdown helpers: escaping plain text so it renders as itself."""

from __future__ import annotations

import re
from functools import lru_cache

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


def one_line(text: str) -> str:
    """Text for a one-line construct (a heading, a list item): a line break,
    with the spaces around it, becomes one space instead of ending the block."""
    return re.sub(r"[ \t]*(?:\r\n|\r|\n)[ \t]*", " ", text.strip())


@lru_cache(maxsize=4096)  # headings repeat: every post of a template asks the same questions
def escape_heading(text: str) -> str:
    """Plain text as an ATX heading's content, on one line.

    A run of ``#`` at the end (alone, or after a space) would be read as the
    heading's optional closing sequence and vanish, so its first ``#`` is
    escaped.
    """
    return re.sub(r"(^|[ \t])(#+)$", r"\1\\\2", escape_inline(one_line(text)))


def escape_line_start(text: str) -> str:
    """Escape what would turn a paragraph's first characters into a block."""
    if re.match(r"^(#{1,6}(\s|$)|[-+=]|\d+[.)](\s|$)|>)", text):
        return "\\" + text if not text[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


@lru_cache(maxsize=4096)  # labels and many values repeat from post to post
def table_cell(text: str) -> str:
    """One GFM table cell: inline-escaped, newlines as ``<br>``."""
    lines = [escape_inline(line.strip()) for line in re.split(r"\r\n|\r|\n", text.strip())]
    return "<br>".join(lines)


def link_destination(src: str) -> str:
    """A link or image destination: wrapped in <> when it has spaces.

    A backslash before punctuation (or at the end, where it would escape the
    closing ``>``) is doubled so it stays a backslash; control characters
    and line breaks also need the <> form.
    """
    src = re.sub(r"\\(?=[!-/:-@\[-`{-~]|$)", r"\\\\", src)
    if re.search(r"[\s()<>\x00-\x1f\x7f]", src):
        src = src.replace("<", "%3C").replace(">", "%3E").replace("\r", "%0D").replace("\n", "%0A")
        return "<" + src + ">"
    return src
