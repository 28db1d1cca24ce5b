"""Text for the screen: a writer's control characters shown, never sent raw.

A pasted escape sequence must not reach the terminal through the preview,
the library list or a title: C0 controls (but newline and tab) become their
visible Unicode pictures (␛ for ESC), and DEL and C1 controls become �.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab made visible."""
    return _CONTROLS.sub(_picture, text)


def one_line(text: str) -> str:
    """Visible, on one line (for lists and titles)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # already one line of plain characters (most titles): nothing to do
    return visible(" ".join(text.split()))


def has_controls(text: str) -> bool:
    return _CONTROLS.search(text) is not None
