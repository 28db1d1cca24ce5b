"""Copy text to the writer's clipboard, and say which way it went.

The system clipboard goes through pyperclip. Where there is none (a server
reached over SSH), a terminal can still take the text through OSC 52: the
app writes that sequence itself; the command line does so only when asked
(``copy --osc52``) since it cannot know whether the terminal listens.
"""

from __future__ import annotations

import base64
import os

from reviewdesk.errors import ClipboardError

# Many terminals drop OSC 52 payloads past about 100 kB (xterm's default
# limit, tmux's buffer); refuse rather than fail silently.
OSC52_LIMIT = 100_000


def copy_system(text: str) -> str:
    """Copy through the system clipboard; returns the tool's name."""
    import pyperclip

    try:
        pyperclip.copy(text)
    except pyperclip.PyperclipException as exc:
        raise ClipboardError(f"no system clipboard is reachable ({_first_line(exc)})") from None
    except OSError as exc:
        raise ClipboardError(f"the system clipboard failed: {exc.strerror or exc}") from None
    return "system clipboard"


def osc52_sequence(text: str, tmux: bool | None = None) -> str:
    """The escape sequence that puts ``text`` on the terminal's clipboard."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    if len(payload) > OSC52_LIMIT:
        raise ClipboardError(
            f"the post is too large for the terminal clipboard ({len(payload):,} bytes encoded, "
            f"limit {OSC52_LIMIT:,}); save it to a file instead"
        )
    sequence = f"\x1b]52;c;{payload}\x07"
    if tmux is None:
        tmux = bool(os.environ.get("TMUX"))
    if tmux:
        # tmux passes a sequence through only when wrapped and with ESC doubled.
        sequence = "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return sequence


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
