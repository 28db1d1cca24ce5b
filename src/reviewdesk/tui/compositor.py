"""A compositor that keeps the full map it has just worked out.

Textual's ``Compositor.reflow`` arranges every widget on the screen (the
full map), but leaves the map marked stale if anything had marked it so
before: a refresh of a hidden widget does, and a question switch always
refreshes the editor it hides. The frame that follows then arranges the
whole screen a second time to find each widget's region. On a review of
50,000 words (a preview of ~400 widgets) that second pass was a fifth of a
switch. The map ``reflow`` returns is the current one, so it is kept.
"""

from __future__ import annotations

from textual._compositor import Compositor, ReflowResult
from textual.geometry import Size
from textual.widget import Widget


class ReflowingCompositor(Compositor):
    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        result = super().reflow(parent, size)
        self._full_map_invalidated = False  # reflow has just made the full map
        return result
