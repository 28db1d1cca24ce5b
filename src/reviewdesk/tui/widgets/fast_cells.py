"""The library table's plain cells, drawn straight to segments.

DataTable draws every cell through Rich: a Text inside a Padding inside a
Styled, rendered, split into lines, cropped and padded. For the library's
first screenful that is a tenth of the start. Nearly every cell there is one
line of plain text in one style (a :class:`TextCell`), so :func:`cell_lines`
makes the very segments Rich would make (same texts, same styles, same
splits: a test compares the two on every kind of cell), and leaves anything
else to DataTable.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

NULL = Style.null()


class TextCell:
    """One line of plain text in one style; Text is made only if Rich asks.

    The table keeps one per cell of every row, and of 2,000 rows a screenful
    is drawn, and making every ``Text`` up front was a fifth of the start.
    ``str()`` is the plain text, as a Text's is."""

    __slots__ = ("ellipsis", "justify", "plain", "style")

    def __init__(self, plain: str, style: str = "", justify: str | None = None, ellipsis: bool = False):
        self.plain = plain
        self.style = style
        self.justify = justify
        self.ellipsis = ellipsis

    def __rich__(self) -> Text:
        if self.ellipsis:
            return Text(self.plain, style=self.style, overflow="ellipsis", no_wrap=True)
        return Text(self.plain, style=self.style, justify=self.justify)

    def __str__(self) -> str:
        return self.plain


def drawable(cell: object, padding: int, width: int) -> bool:
    """Whether :func:`cell_lines` draws this cell (else DataTable does): a
    TextCell, or a one-line Text that fits, with no justification to do."""
    if padding < 1 or width - 2 * padding < 2:
        return False
    if type(cell) is TextCell:
        plain = cell.plain
        return bool(plain) and plain.isprintable() and cell.justify in (None, "right")
    if type(cell) is Text:
        plain = cell.plain
        return (bool(plain) and plain.isprintable() and cell.justify in (None, "default", "left")
                and cell_len(plain) <= width - 2 * padding and not cell.end.strip("\n"))
    return False


def _text_cell(cell: TextCell, console, inner: int) -> list[tuple[str, Style | None]]:
    plain = cell.plain
    if cell.justify == "right":
        plain = plain.rstrip()
    length = cell_len(plain)
    if length > inner:
        plain = set_cell_size(plain, inner - 1) + "…" if cell.ellipsis else set_cell_size(plain, inner)
        length = cell_len(plain)
    if cell.justify == "right" and length < inner:
        plain = " " * (inner - length) + plain
    return [(plain, console.get_style(cell.style) if cell.style else None)]


def _rich_text(text: Text, console) -> list[tuple[str, Style | None]]:
    # As Text.__rich_console__ does for one line that fits: joined (its
    # style becomes a span), then rendered.
    return [(seg.text, seg.style) for seg in Text("\n").join([text]).render(console)]


def cell_lines(cell: TextCell | Text, console, width: int, padding: int, pre: Style,
               post: Style) -> list[list[Segment]]:
    """What ``console.render_lines(Styled(Padding(text, (0, padding)), pre, post))``
    gives for the cell's Text at ``width`` on one line (DataTable's call)."""
    inner = width - 2 * padding
    content = _text_cell(cell, console, inner) if type(cell) is TextCell else _rich_text(cell, console)
    length = sum(cell_len(text) for text, _style in content)
    side = " " * padding
    parts = [(side, NULL), *content]
    if length < inner:
        parts.append((" " * (inner - length), NULL))
    parts.append((side, NULL))
    line = []
    for text, style in parts:
        if pre:
            style = pre + style
        if post:
            style = style + post if style else post
        line.append(Segment(text, style))
    return [line]


BAR_WIDTH = 6


def progress_bar(done: int, total: int, width: int = BAR_WIDTH, colour: str = "green",
                 percent: int | None = None) -> Text:
    """Answered of total as a bar; the share of the word targets reached after it."""
    filled = round(width * done / total) if total else 0
    text = Text("█" * filled, style=colour)
    text.append("░" * (width - filled), style="dim")
    text.append(f" {done}/{total}")
    if percent is not None:
        text.append(f" {min(percent, 100)}%", style="dim")
    return text


class ProgressCell:
    """:func:`progress_bar` for a row, made when the table draws it."""

    __slots__ = ("colour", "done", "total")

    def __init__(self, done: int, total: int, colour: str):
        self.done, self.total, self.colour = done, total, colour

    def __rich__(self) -> Text:
        return progress_bar(self.done, self.total, colour=self.colour)

    def __str__(self) -> str:
        filled = round(BAR_WIDTH * self.done / self.total) if self.total else 0
        return "█" * filled + "░" * (BAR_WIDTH - filled) + f" {self.done}/{self.total}"
