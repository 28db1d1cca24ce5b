"""Join soft-wrapped lines, for editors that turn every newline into <br>.

In CommonMark a single newline inside a paragraph is a soft break: it
renders as a space. WordPress's paste handler and Ghost's markdown-it run
with "breaks" on, so there the same newline becomes a visible line break,
and a paragraph the writer wrapped by hand arrives broken into short lines.

:func:`unwrap` joins each paragraph's soft-wrapped lines with a space (what
CommonMark shows) and leaves everything else alone: hard breaks (two spaces
or a backslash at the end of a line) stay line breaks, code blocks, tables,
HTML blocks and headings keep their lines. A continuation line loses only
what CommonMark ignores anyway: its indentation and, inside a block quote,
its ``>`` markers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

# two or more spaces, or a backslash that is not itself escaped, at the end
_HARD_BREAK = re.compile(r"(?: {2,}|(?<!\\)((?:\\\\)*)\\)$")
_QUOTE_MARKER = re.compile(r"^ {0,3}> ?")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def unwrap(text: str, hard_breaks: str = "keep") -> str:
    """Soft breaks joined. ``hard_breaks="newline"`` also drops the two
    spaces or backslash of a hard break, leaving the bare newline that a
    breaks-on converter turns into one <br> (showdown shows the backslash)."""
    if "\n" not in text.strip("\n"):
        return text
    lines = text.split("\n")
    joins: list[tuple[int, int, int]] = []  # paragraph lines [start, end), quote depth
    depth = 0
    for token in _parser().parse(text):
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        elif token.type == "paragraph_open" and token.map and token.map[1] - token.map[0] > 1:
            joins.append((token.map[0], token.map[1], depth))
    if not joins:
        return text
    out: list[str] = []
    pos = 0
    for start, end, quotes in joins:
        out.extend(lines[pos:start])
        current = lines[start]
        for line in lines[start + 1:end]:
            if _HARD_BREAK.search(current):
                out.append(_HARD_BREAK.sub(lambda m: m.group(1) or "", current)
                           if hard_breaks == "newline" else current)
                current = line
            else:
                current = current.rstrip(" \t") + " " + _continuation(line, quotes)
        out.append(current)
        pos = end
    out.extend(lines[pos:])
    return "\n".join(out)


def _continuation(line: str, quotes: int) -> str:
    """A paragraph's continuation line without its container markers."""
    for _ in range(quotes):
        line = _QUOTE_MARKER.sub("", line, count=1)
    return line.lstrip(" \t")
