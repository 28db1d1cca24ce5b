"""Copy text to the writer's clipboard, and say which way it went.

The system clipboard goes through pyperclip. Where there is none (a server
reached over SSH), a terminal can still take the text through OSC 52: the
app writes that sequence itself; the command line does so only when asked
(``copy --osc52``) since it cannot know whether the terminal listens.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
        # Inside tmux, two ways on: tmux itself takes the plain sequence when
        # `set-clipboard on` (a paste buffer, and on to the outer terminal);
        # with `allow-passthrough on` the wrapped one (ESC doubled) goes
        # straight to the outer terminal. Each is dropped where not allowed,
        # so send both.
        sequence += "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return sequence


TMUX_HINT = "in tmux, `set -g set-clipboard on` lets it through"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# Copy that always says what happened ----------------------------------------

@dataclass(frozen=True)
class CopyResult:
    """Which way the text went: ``"system"`` or ``"osc52"``, and a sentence."""

    route: str
    message: str


def copy(text: str, osc52_write: Callable[[str], object] | None = None,
         tmux: bool | None = None) -> CopyResult:
    """The system clipboard first; where there is none, OSC 52 through
    ``osc52_write`` (the app passes its terminal's writer; the command line
    passes none and gets the :class:`ClipboardError`).

    Raises :class:`ClipboardError` naming both failures when neither works,
    including a text too large for OSC 52.
    """
    try:
        name = copy_system(text)
    except ClipboardError as system_error:
        if osc52_write is None:
            raise
        try:
            sequence = osc52_sequence(text, tmux)
        except ClipboardError as osc_error:
            raise ClipboardError(f"{system_error}; and {osc_error}") from None
        osc52_write(sequence)
        inside = tmux if tmux is not None else bool(os.environ.get("TMUX"))
        return CopyResult("osc52", "sent to your terminal's clipboard (OSC 52" + (" through tmux" if inside else "")
                          + "): there is no system clipboard here, and it works where the terminal allows "
                          "clipboard access" + (f" ({TMUX_HINT})" if inside else ""))
    return CopyResult("system", f"copied to the {name} ({len(text):,} characters)")


def exports_dir(library_root: Path) -> Path:
    """Where a post goes when it could not be copied: the library's exports/."""
    from reviewdesk.config.locations import exports_dir as library_exports

    return library_exports(Path(library_root))


def save_fallback(text: str, folder: Path, filename: str) -> Path:
    """Keep a post that could not be copied: written atomically into ``folder``.

    An existing file of the same name is replaced only if it holds other
    text; the path written (or already holding the same text) is returned.
    """
    from reviewdesk.review.atomic import atomic_write

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(filename).name
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return path
    except OSError:
        pass
    atomic_write(path, data)
    return path
