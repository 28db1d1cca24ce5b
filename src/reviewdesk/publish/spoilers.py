"""Spoilers: a whole answer, or a passage marked in the text, folded away.

A writer marks a passage with a fenced block, one marker per line::

    :::spoiler
    Rouge is the one who built the Nine.
    :::

``:::spoiler Episode 12`` gives the fold its own summary instead of
"Spoilers". A block left open runs to the end of the answer (hiding too much
is safer than showing the ending); ``checks`` reports it. Markers inside
fenced code are text (:mod:`reviewdesk.publish.markdown_blocks` finds it). A whole answer is a spoiler when its draft says
``spoiler = true``.

On export each spoiler becomes ``<details><summary>Spoilers</summary>``
with blank lines around the Markdown inside, so it still renders (Markdown,
WordPress, Ghost, Astro, HTML); Jekyll's kramdown needs ``markdown="1"``;
Hugo gets its ``details`` shortcode, since it drops raw HTML by default.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from reviewdesk.publish.markdown_blocks import fenced_lines

DEFAULT_SUMMARY = "Spoilers"
_OPEN = re.compile(r"^ {0,3}:::[ \t]*spoilers?(?:[ \t]+(.*?))?[ \t]*$", re.IGNORECASE)
_CLOSE = re.compile(r"^ {0,3}:::[ \t]*$")

WARNING = ("> **Spoiler warning:** parts of this review give away the story. "
           "They are folded under “Spoilers”: open them at your own risk.")

Wrap = Callable[[str, str], str]  # (inner Markdown, summary) -> block


@dataclass(frozen=True)
class Segment:
    text: str
    spoiler: bool = False
    summary: str = DEFAULT_SUMMARY
    line: int = 1  # 1-based line of the segment's first line (the opening marker for a spoiler)
    closed: bool = True


def _scan(text: str):
    """Yield (line number, line, kind) with kind ``open``, ``close`` or ``text``."""
    code = fenced_lines(text)
    depth = False
    for n, line in enumerate(text.split("\n"), 1):
        if n - 1 in code:
            yield n, line, "text"
            continue
        if not depth and _OPEN.match(line):
            depth = True
            yield n, line, "open"
        elif depth and _CLOSE.match(line):
            depth = False
            yield n, line, "close"
        elif depth and _OPEN.match(line):
            yield n, line, "open-again"  # a marker inside a spoiler: dropped
        else:
            yield n, line, "text"


def segments(text: str) -> list[Segment]:
    """The text cut into plain and spoiler passages, in order."""
    out: list[Segment] = []
    lines: list[str] = []
    start, spoiler, summary = 1, False, DEFAULT_SUMMARY

    def flush() -> None:
        body = "\n".join(lines)
        if body.strip():
            out.append(Segment(body, spoiler, summary, start))
        lines.clear()

    for n, line, kind in _scan(text):
        if kind == "open":
            flush()
            m = _OPEN.match(line)
            start, spoiler = n, True
            summary = " ".join((m.group(1) or "").split()) or DEFAULT_SUMMARY
        elif kind == "close":
            flush()
            start, spoiler, summary = n + 1, False, DEFAULT_SUMMARY
        elif kind == "open-again":
            continue
        else:
            lines.append(line)
    if spoiler:
        body = "\n".join(lines)
        out.append(Segment(body, True, summary, start, closed=False))
    else:
        flush()
    return out


def has_markers(text: str) -> bool:
    return ":::" in text and any(kind == "open" for _, _, kind in _scan(text))


def unclosed(text: str) -> int | None:
    """The line of a ``:::spoiler`` that is never closed, if any."""
    if ":::" not in text:
        return None
    opened = None
    for n, _, kind in _scan(text):
        if kind == "open":
            opened = n
        elif kind == "close":
            opened = None
    return opened


def mask(text: str) -> str:
    """The text with its marker lines blanked: same lines, same numbers.
    The checks read this, so a marker is neither prose nor a wrapped line."""
    if ":::" not in text:
        return text
    return "\n".join("" if kind != "text" else line for _, line, kind in _scan(text))


def details(inner: str, summary: str = DEFAULT_SUMMARY) -> str:
    """An HTML fold with blank lines, so the Markdown inside still renders."""
    return (f"<details>\n<summary>{html.escape(summary, quote=False)}</summary>\n\n"
            f"{inner}\n\n</details>")


def kramdown_details(inner: str, summary: str = DEFAULT_SUMMARY) -> str:
    """Jekyll's kramdown reads Markdown inside HTML only with ``markdown="1"``."""
    return (f'<details markdown="1">\n<summary>{html.escape(summary, quote=False)}</summary>\n\n'
            f"{inner}\n\n</details>")


def hugo_details(inner: str, summary: str = DEFAULT_SUMMARY) -> str:
    """Hugo's own ``details`` shortcode (Hugo 0.140+): raw HTML is off by default."""
    value = html.escape(summary, quote=False).replace('"', "&quot;")
    return f'{{{{< details summary="{value}" >}}}}\n\n{inner}\n\n{{{{< /details >}}}}'


def render(text: str, prose: Callable[[str], str], wrap: Wrap = details) -> str:
    """The writer's text with each marked passage folded; ``prose`` writes
    each passage as its target wants (soft breaks joined, shortcodes escaped)."""
    if ":::" not in text:
        return prose(text)
    blocks = []
    for seg in segments(text):
        body = prose(seg.text)
        if not body.strip():
            continue
        blocks.append(wrap(body, seg.summary) if seg.spoiler else body)
    return "\n\n".join(blocks)


def strip_markers(text: str) -> str:
    """A whole-answer spoiler's text: its own markers dropped, passages kept."""
    return "\n\n".join(seg.text.strip("\n") for seg in segments(text)) if ":::" in text else text
