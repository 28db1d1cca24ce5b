"""Text as it enters the review, and as it is shown: one policy for control characters.

A control character in a title or an answer is never something a writer
meant: a pasted escape sequence can retitle the window, write the clipboard
or clear the screen when the text is printed, and a bidi override makes a
name read backwards (``evil\\u202etxt.exe``). The policy, used everywhere:

- :data:`CONTROLS` are the C0 controls but newline and tab, DEL, the C1
  controls, and the bidi embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069). The bidi marks U+200E/U+200F stay: right-to-left text
  needs them and they cannot reorder the text around them.
- Where text enters the model (:func:`normalize_text`), line endings become
  LF and the controls are removed; a one-line field refuses them instead
  (:func:`check_line`), so a name is never silently changed.
- Wherever text from disk or from a writer is shown (the command line, the
  app), :func:`visible` draws each control as one visible character, so
  columns and cursor positions stay put: C0 as its Unicode control picture
  (ESC is ``␛``), DEL as ``␡``, C1 and bidi controls as ``�``.
"""

from __future__ import annotations

import re
import unicodedata

from reviewdesk.errors import ReviewDeskError

BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
CONTROLS = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}]")


def normalize_text(text: str) -> str:
    """Text as it enters the model: LF line endings, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROLS.sub("", text) if CONTROLS.search(text) else text


def has_controls(text: str) -> bool:
    return CONTROLS.search(text) is not None


def check_line(text: str, what: str) -> str:
    """``text`` for a one-line field (a title, a URL), with LF line endings;
    :class:`ReviewDeskError` naming the character when it holds a control."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    m = CONTROLS.search(text)
    if m:
        raise ReviewDeskError(f"{what} holds a control character ({describe(m.group())}), which would garble "
                              f"how it is shown; type it again without it")
    return text


def describe(char: str) -> str:
    """``U+001B ESCAPE``: a character named for a message."""
    name = unicodedata.name(char, "")
    if not name:
        name = {0x1B: "ESCAPE", 0x7F: "DELETE"}.get(ord(char), "CONTROL")
    return f"U+{ord(char):04X} {name}"


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """``text`` with each control character (but newline and tab) shown as
    one visible character; safe to print to a terminal or draw on screen."""
    return CONTROLS.sub(_picture, text)


def one_line(text: str, width: int | None = None) -> str:
    """Visible text on one line (for lists, titles and messages): runs of
    white space become one space; cut to ``width`` with an ellipsis."""
    if not (text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "):
        text = visible(" ".join(text.split()))
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text
