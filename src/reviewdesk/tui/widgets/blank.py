"""Containers that draw nothing of their own: Textual's ``BLANK`` widgets.

A container on the review screen only shows its background between its
children. Drawn the usual way, each of its rows is a ``Strip`` kept in its
styles cache, and every frame's cuts (where a child's edge is) leave more
strips in that strip's own caches: the screen and its three containers held
more than half the strips a review screen kept, and each question switch
drew them all again. A ``BLANK`` widget gives one blank strip for all its
rows, drawn the same (its background and padding are blank cells in its
style); Textual documents ``BLANK`` for containers without a border or
content of their own. Give one a border and it must not be blank.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher


class BlankHorizontal(Horizontal):
    BLANK = True


class BlankVertical(Vertical):
    BLANK = True


class BlankSwitcher(ContentSwitcher):
    BLANK = True
