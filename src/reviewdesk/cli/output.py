"""What the commands print: one-line errors, text made safe for a terminal, JSON, tables.

Control characters are shown by the core's one policy
(:mod:`reviewdesk.review.text`): ``terminal_safe`` is its ``visible`` and
``one_line`` its ``one_line``, the same as the app draws them.
"""

from __future__ import annotations

import json
import re

from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.text import BIDI_CONTROLS, one_line, visible

__all__ = ["EXIT_CLIPBOARD", "EXIT_ERROR", "CommandError", "json_text", "one_line", "terminal_safe"]

EXIT_ERROR = 1


EXIT_CLIPBOARD = 3


class CommandError(ReviewDeskError):
    pass


terminal_safe = visible

_JSON_RAW = re.compile(f"[\\x7f-\\x9f{BIDI_CONTROLS}]")


def json_text(value) -> str:
    """JSON for a terminal or a pipe: UTF-8 kept, but DEL, the C1 controls
    and the bidi controls (which ``json`` leaves raw, and a terminal runs or
    reorders) written as \\u escapes; a JSON reader gets the same strings back."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, indent=2))
