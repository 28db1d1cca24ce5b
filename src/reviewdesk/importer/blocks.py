"""Reading Markdown for the import: markdown-it's tokens as blocks, and
inline tokens as the plain text a reader sees."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with GFM tables and raw HTML, as the exports write them."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def plain_text(children) -> str:
    """An inline token list as the plain text a reader sees."""
    out: list[str] = []
    for t in children or []:
        if t.type in ("text", "code_inline"):
            out.append(t.content)
        elif t.type in ("softbreak",):
            out.append(" ")
        elif t.type == "hardbreak":
            out.append("\n")
        elif t.type == "html_inline":
            out.append("\n" if re.fullmatch(r"<br\s*/?>", t.content, re.I) else t.content)
        elif t.type == "image":
            out.append(plain_text(t.children))
    return "".join(out)


@dataclass
class Block:
    kind: str      # paragraph, table, list, html, other
    start: int
    end: int
    tokens: list


def markdown_blocks(text: str) -> list[Block]:
    """The top-level blocks of a text, each with its lines and tokens."""
    tokens = parser().parse(text)
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.level == 0 and t.map:
            j = i
            if t.nesting == 1:
                depth = 0
                for j in range(i, len(tokens)):
                    depth += tokens[j].nesting
                    if depth == 0:
                        break
            kind = {"paragraph_open": "paragraph", "table_open": "table", "bullet_list_open": "list",
                    "ordered_list_open": "list", "html_block": "html"}.get(t.type, "other")
            blocks.append(Block(kind, t.map[0], t.map[1], tokens[i:j + 1]))
            i = j + 1
        else:
            i += 1
    return blocks


def section_text(lines: list[str]) -> str:
    """Lines as prose: the same trimming the export does (see export.prose)."""
    return "\n".join(lines).strip("\n").rstrip()
