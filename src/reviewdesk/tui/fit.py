"""Text fitted to a width, ending at a word: a line that does not fit ends
with the last whole word that does and an ellipsis, never half a word
("ctrl+f adds" rather than "ctrl+f ad"). Widths are in terminal cells, so
wide characters (Japanese titles) count double.

A single word wider than the width is the one case cut inside a word: there
is no word end to stop at.
"""

from __future__ import annotations

from typing import TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content

ELLIPSIS = "…"
TRAILING = " ,;:·—-–(/"  # left off before the ellipsis: "a, b, …" reads worse than "a, b…"

Fitted = TypeVar("Fitted", str, Text, Content)


def _cut_at(plain: str, width: int) -> int:
    """Where to cut ``plain`` so that it and an ellipsis fit ``width`` cells:
    at the end of the last word that fits."""
    room = width - cell_len(ELLIPSIS)
    end = 0  # characters that fit
    used = 0
    for index, char in enumerate(plain):
        used += cell_len(char)
        if used > room:
            break
        end = index + 1
    if end < len(plain) and not plain[end].isspace():
        space = plain.rfind(" ", 0, end + 1)
        if space > 0:
            end = space  # back to the end of the last whole word
    while end > 0 and plain[end - 1] in TRAILING:
        end -= 1
    return end


def fit(text: Fitted, width: int) -> Fitted:
    """``text`` (a string, a Rich Text or a Textual Content, on one line) if
    it fits ``width`` cells, else its words that fit and an ellipsis."""
    plain = text if isinstance(text, str) else text.plain
    if cell_len(plain) <= width:
        return text
    if width < 1:
        return text[:0]
    end = _cut_at(plain, width)
    if isinstance(text, str):
        return text[:end] + ELLIPSIS
    cut = text[:end]
    if isinstance(cut, Content):
        return Content.assemble(cut, ELLIPSIS)
    cut.append(ELLIPSIS)
    return cut


def line_ranges(plain: str, width: int) -> list[tuple[int, int]]:
    """Where ``plain`` (one paragraph) breaks into lines of whole words of at
    most ``width`` cells each (a word wider than that on a line of its own):
    each line's (start, end) in ``plain``, spaces between lines left out."""
    ranges: list[tuple[int, int]] = []
    start = end = None
    used = 0
    index = 0
    length = len(plain)
    while index < length:
        if plain[index].isspace():
            index += 1
            continue
        word_end = index
        while word_end < length and not plain[word_end].isspace():
            word_end += 1
        word = cell_len(plain[index:word_end])
        if start is None:
            start, end, used = index, word_end, word
        elif used + 1 + word > width:
            ranges.append((start, end))
            start, end, used = index, word_end, word
        else:
            end, used = word_end, used + 1 + word
        index = word_end
    if start is not None:
        ranges.append((start, end))
    return ranges


def _join(pieces: list, like):
    if isinstance(like, str):
        return "\n".join(pieces)
    if isinstance(like, Content):
        return Content("\n").join(pieces)
    return Text("\n").join(pieces)


def fit_lines(text: Fitted, width: int, most: int) -> Fitted:
    """``text`` (one paragraph) wrapped at words to ``width`` cells, in at
    most ``most`` lines; if it needs more, the last line ends at a word with
    an ellipsis. Styles of a Text or Content are kept."""
    plain = text if isinstance(text, str) else text.plain
    ranges = line_ranges(plain, max(1, width))
    if not ranges:
        return text[:0]
    if len(ranges) > most:  # the last line shown holds the rest, fitted
        ranges = ranges[:most - 1] + [(ranges[most - 1][0], ranges[-1][1])]
    # fit() keeps a line that fits, cuts one word wider than a line, and ends the rest at a word.
    return _join([fit(text[start:end], width) for start, end in ranges], text)
