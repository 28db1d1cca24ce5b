"""The blocks of the writer's Markdown that code and raw HTML live in.

Fenced code (three or more backticks or tildes) runs until a closing fence
of the same kind, or to the end of the document; so do the raw HTML blocks
that may hold blank lines (``<pre>``, ``<script>``, ``<style>``,
``<textarea>``, a ``<!--`` comment...), until their end tag. An answer that
opens one and never closes it would pull every later heading, answer and
figure of the post into it, so the export closes it at the end of that
answer (:func:`close_open_block`) and ``check`` reports it
(:func:`open_block`). The checks and the spoiler markers leave fenced code
alone (:func:`fenced_lines`).

The blocks are found by markdown-it, the CommonMark parser the exports are
checked against, so a fence inside a list item or a block quote, a line of
backticks that is really inline code, or a closing fence too short to close
are read as every Markdown reader reads them. Only the blocks are parsed
(not their inline text), and a text with none of these openings is not
parsed at all.

:func:`line_blocks` is the quick look, for what runs on every keystroke (the
app's editor and preview split an answer into blocks): a line at a time,
with the same rules for a fence's opening and closing lines, but without
list items and block quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_OPENING_FENCE = re.compile(r" {0,3}(?:(`{3,})(?!.*`)|(~{3,}))")  # backticks: none in the info string
_CLOSING_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*\Z")
_CONTAINER = re.compile(r"^[ \t>]*")  # a block quote's markers and a list item's indent
_MAY_OPEN = re.compile(r"```|~~~|<(?:pre|script|style|textarea|!|\?)", re.IGNORECASE)
# CommonMark's raw HTML blocks that end only at an end condition, not at a
# blank line: (how the block starts, what ends it, what the export writes).
_HTML_ENDS = [
    (re.compile(r"<(pre|script|style|textarea)(?=[\s>]|$)", re.I), r"</(?:pre|script|style|textarea)>", None),
    (re.compile(r"<!--"), r"-->", "-->"),
    (re.compile(r"<\?"), r"\?>", "?>"),
    (re.compile(r"<![A-Za-z]"), r">", ">"),
    (re.compile(r"<!\[CDATA\["), r"\]\]>", "]]>"),
]


@dataclass(frozen=True)
class Block:
    """A fenced code block or a raw HTML block: lines ``start`` to ``end``
    (0-based, ``end`` excluded)."""

    start: int
    end: int
    opening: str  # the fence (``` or ~~~~...) or the HTML that opens it (<pre>, <!--...)
    closing: str  # what ends it: the same fence, the end tag, -->...
    indent: str  # the spaces before a fence, repeated before its closing one
    closed: bool
    top: bool  # not inside a list item or a block quote: an open one runs to the end of the post
    fence: bool


def _may_open(text: str) -> bool:
    return _MAY_OPEN.search(text) is not None


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.core.ruler.disable(["inline", "text_join"])
    return md


def opens(line: str) -> str | None:
    """The fence ``line`` opens code with (its run of backticks or tildes), or None."""
    m = _OPENING_FENCE.match(line)
    return None if m is None else m.group(1) or m.group(2)


def closes(marker: str, line: str) -> bool:
    """Whether ``line`` is a closing fence for code opened with ``marker``."""
    m = _CLOSING_FENCE.match(line)
    return bool(m) and m.group(1)[0] == marker[0] and len(m.group(1)) >= len(marker)


@lru_cache(maxsize=16)
def blocks(text: str) -> tuple[Block, ...]:
    """Every fenced code block and every raw HTML block that ends only at its
    end tag, in order."""
    if not _may_open(text):
        return ()
    lines = text.split("\n")
    found = []
    for token in _parser().parse(text):
        if not token.map or token.type not in ("fence", "html_block"):
            continue
        start, end = token.map
        top = token.level == 0
        if token.type == "fence":
            opening = lines[start]
            indent = opening[: len(opening) - len(opening.lstrip(" "))] if top else ""
            last = lines[end - 1] if top else _CONTAINER.sub("", lines[end - 1])
            closed = end - start > 1 and closes(token.markup, last)
            found.append(Block(start, end, token.markup, token.markup, indent, closed, top, True))
            continue
        first = token.content.lstrip(" ")
        for opens, ends, closing in _HTML_ENDS:
            m = opens.match(first)
            if m:
                name = m.group(1).lower() if m.groups() else ""
                closed = re.search(ends, token.content, re.I) is not None
                found.append(Block(start, end, f"<{name}>" if name else m.group(), closing or f"</{name}>", "",
                                   closed, top, False))
                break
    return tuple(found)


def fenced_lines(text: str) -> set[int]:
    """The 0-based numbers of the lines of fenced code, fences included."""
    return {n for block in blocks(text) if block.fence for n in range(block.start, block.end)}


def open_block(text: str) -> Block | None:
    """The code or HTML block that ``text`` opens and never closes, running to
    its end (and so into whatever follows it in the post); None if none."""
    for block in blocks(text):
        if block.top and not block.closed:
            return block
    return None


def close_open_block(text: str) -> str:
    """``text`` with a block it leaves open closed on a line of its own at the end."""
    block = open_block(text)
    if block is None:
        return text
    end = "" if text.endswith("\n") else "\n"
    return f"{text}{end}{block.indent}{block.closing}"


def line_blocks(lines: list[str], join_indented: bool = False) -> list[tuple[int, int]]:
    """(first, end) line ranges of the blocks of a text: runs of lines that
    are not blank, with fenced code whole (blank lines and all). With
    ``join_indented``, a block whose first line is indented continues the
    block before it (a list item's second paragraph, indented code)."""
    found: list[tuple[int, int]] = []
    start: int | None = None
    marker: str | None = None
    for i, line in enumerate(lines):
        fence_like = "`" in line[:7] or "~" in line[:7]
        if marker is not None:
            if fence_like and closes(marker, line):
                marker = None
            continue
        if fence_like:
            marker = opens(line)
        if line and not line.isspace():
            if start is None:
                if join_indented and line[0] in " \t" and found:
                    start = found.pop()[0]
                else:
                    start = i
        elif start is not None:
            found.append((start, i))
            start = None
    if start is not None:
        found.append((start, len(lines)))
    return found
