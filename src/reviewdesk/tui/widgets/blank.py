"""Widgets that draw nothing of their own but their background.

A container on the review screen only shows its background between its
children. Drawn the usual way, each of its rows is a ``Strip`` kept in its
styles cache, and every frame's cuts (where a child's edge is) leave more
strips in that strip's own caches: the screen and its three containers held
more than half the strips a review screen kept, and each question switch
drew them all again, and Python's full garbage collections walked them.
:class:`Background` draws every row as one blank strip of the widget's
background, the cells Textual draws for it (Textual's own ``BLANK`` does the
same with the text colour too, which changes nothing on screen but the
screenshots' grouping of cells). Only for widgets without a border, an
outline or content of their own.
"""

from __future__ import annotations

from rich.style import Style as RichStyle
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import ContentSwitcher


def background_rows(widget: Widget, crop: Region) -> list[Strip]:
    """``crop``'s rows of ``widget`` as blank cells of its background: one strip for all."""
    blank = Strip.blank(crop.width, RichStyle(bgcolor=widget.visual_style.background.rich_color))
    return [blank] * crop.height


class BlankHorizontal(Horizontal):
    def render_lines(self, crop: Region) -> list[Strip]:
        return background_rows(self, crop)


class BlankVertical(Vertical):
    def render_lines(self, crop: Region) -> list[Strip]:
        return background_rows(self, crop)


class BlankSwitcher(ContentSwitcher):
    def render_lines(self, crop: Region) -> list[Strip]:
        return background_rows(self, crop)
