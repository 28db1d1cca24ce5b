"""What the app draws, read through Textual's public API: a widget's text
(``render``), its lines (``render_line``), and the whole screen cell by cell
from its public screenshot.

``App.export_screenshot()`` is Rich's SVG of the composed screen (a dialog
and the screens under it included). Each drawn segment becomes a background
``<rect>`` and, unless it is blank, a ``<text>`` at the same place whose class
gives its colour (Rich has already blended dim text into its background).
This module reads them back into rows of cells, so a test can check the
text a writer sees and the colours it is drawn in.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from rich.cells import cell_len

CHAR_WIDTH = 20 * 0.61  # Rich's SVG: a 20 px font, cells 0.61 as wide as high
LINE_HEIGHT = 20 * 1.22
TEXT_BASELINE = 20  # the first row's text y; its background starts at 1.5

_CLASS = re.compile(r"\.([\w-]+-r\d+) \{ fill: (#[0-9a-fA-F]{6})([^}]*)\}")
_RECT = re.compile(r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
                   r'height="[\d.]+" shape-rendering="crispEdges"/>')
_TEXT = re.compile(r'<text class="([\w-]+-r\d+)" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>'
                   r"([^<]*)</text>")


@dataclass(frozen=True)
class Cell:
    char: str  # "" for the right half of a wide character
    fg: str  # "#rrggbb"
    bg: str
    italic: bool = False
    bold: bool = False


def cells(svg: str, width: int, height: int) -> list[list[Cell]]:
    """The screen as rows of cells; a cell no text was drawn in has char " "."""
    styles = {cls: (fill.lower(), "italic" in rest, "bold" in rest) for cls, fill, rest in _CLASS.findall(svg)}
    bg = [[""] * width for _ in range(height)]
    for fill, x, y, w in _RECT.findall(svg):
        row = round((float(y) - 1.5) / LINE_HEIGHT)
        start = round(float(x) / CHAR_WIDTH)
        for col in range(start, min(width, start + round(float(w) / CHAR_WIDTH))):
            if 0 <= row < height:
                bg[row][col] = fill.lower()
    grid = [[Cell(" ", "", bg[r][c]) for c in range(width)] for r in range(height)]
    for cls, x, y, _length, content in _TEXT.findall(svg):
        row = round((float(y) - TEXT_BASELINE) / LINE_HEIGHT)
        col = round(float(x) / CHAR_WIDTH)
        text = html.unescape(content).replace("\xa0", " ")
        fg, italic, bold = styles.get(cls, ("", False, False))
        for ch in text:
            if not 0 <= row < height or col >= width:
                break
            grid[row][col] = Cell(ch, fg, bg[row][col], italic, bold)
            col += 1
            if cell_len(ch) == 2:  # East Asian wide characters take two cells
                if col < width:
                    grid[row][col] = Cell("", fg, bg[row][col], italic, bold)
                col += 1
    return grid


def screen_cells(app) -> list[list[Cell]]:
    width, height = app.size
    return cells(app.export_screenshot(), width, height)


def find(grid: list[list[Cell]], text: str) -> list[Cell]:
    """The cells of the first place ``text`` is drawn (on one row); [] if nowhere."""
    for row in grid:
        line = "".join(c.char or "\0" for c in row)  # a wide character's right half holds its place
        at = line.find(text)
        if at >= 0:
            return row[at:at + len(text)]
    return []


def screen_lines(app) -> list[str]:
    """The screen's text, one string per row."""
    return ["".join(c.char for c in row) for row in screen_cells(app)]


def rendered_text(*widgets) -> str:
    """The text the widgets and their descendants draw (their ``render()``), in order."""
    parts = []
    for widget in widgets:
        parts.append(rendered_text(*widget.children) if widget.children else str(widget.render()))
    return "\n".join(p for p in parts if p)


def drawn_lines(widget) -> list:
    """Every line the widget draws (``render_line``), as strips of segments."""
    return [widget.render_line(y) for y in range(widget.size.height)]


def colour_of(widget, text: str):
    """The colour (a Rich colour) the widget draws ``text`` in; None if it
    does not draw it."""
    for strip in drawn_lines(widget):
        for segment in strip:
            if text in segment.text and segment.style is not None:
                return segment.style.color
    return None
