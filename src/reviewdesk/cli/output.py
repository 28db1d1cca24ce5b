"""What the commands print: one-line errors, text made safe for a terminal, JSON, tables."""

from __future__ import annotations

import json
import re

from reviewdesk.errors import ReviewDeskError


EXIT_ERROR = 1


EXIT_CLIPBOARD = 3


class CommandError(ReviewDeskError):
    pass


def terminal_safe(text: str) -> str:
    """Text for a terminal: control characters and escapes shown, not run."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", text)


def json_text(value) -> str:
    """JSON for a terminal or a pipe: UTF-8 kept, but DEL and the C1 controls
    (which ``json`` leaves raw, and some terminals run) written as \\u escapes;
    a JSON reader gets the same strings back."""
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}",
                  json.dumps(value, ensure_ascii=False, indent=2))


def one_line(text: str, width: int | None = None) -> str:
    line = terminal_safe(" ".join(text.split()))
    if width and len(line) > width:
        line = line[: width - 1] + "…"
    return line
