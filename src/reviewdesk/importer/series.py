"""Series Information read from a two-column table or a ``Label: value`` list."""

from __future__ import annotations

import re

from reviewdesk.errors import ReviewDeskError
from reviewdesk.importer.blocks import markdown_blocks, plain_text
from reviewdesk.importer.headings import fold
from reviewdesk.review.model import Review, parse_info_value
from reviewdesk.review.template import Template


def read_series(lines: list[str], template: Template, review: Review, notes: list[str]) -> str:
    """Read Series Information into ``review.info``; returns what was not read."""
    text = "\n".join(lines)
    src_lines = text.split("\n")
    leftover: list[str] = []
    for block in markdown_blocks(text):
        rows: list[tuple[str, str]] = []
        if block.kind == "table":
            cells: list[str] = []
            for t in block.tokens:
                if t.type == "tr_open":
                    cells = []
                elif t.type == "inline":
                    cells.append(plain_text(t.children).strip())
                elif t.type == "tr_close" and len(cells) >= 2:
                    rows.append((cells[0], " | ".join(cells[1:]) if len(cells) > 2 else cells[1]))
        elif block.kind == "list":
            for t in block.tokens:
                if t.type == "inline":
                    line = plain_text(t.children).strip()
                    m = re.match(r"^(.+?)\s*:\s*(.*)$", line, re.S)
                    rows.append((m.group(1), m.group(2)) if m else (line, ""))
        unread = []
        for label, value in rows:
            if not label.strip() and not value.strip():
                continue
            f = info_field(template, label)
            if f is None:
                unread.append(f"- {label}: {value}" if value else f"- {label}")
                continue
            try:
                parsed = parse_info_value(f, value)
            except ReviewDeskError as exc:
                unread.append(f"- {label}: {value}")
                notes.append(f"Series Information: {exc}; kept as text in an extra section.")
                continue
            if parsed not in ("", []):
                review.info[f.id] = parsed
        if not rows:
            leftover.append("\n".join(src_lines[block.start:block.end]))
        elif unread:
            leftover.append("\n".join(unread))
    return "\n\n".join(leftover).strip()


def info_field(template: Template, label: str):
    folded = fold(label)
    for f in template.info:
        if folded and folded in (fold(f.label), fold(f.id)):
            return f
    return None
