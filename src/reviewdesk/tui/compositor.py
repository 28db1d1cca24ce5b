"""A compositor that keeps the full map while it is right.

Textual's ``Compositor.reflow`` arranges every widget on the screen (the
full map), but leaves the map marked stale if anything had marked it so
before: a refresh of a hidden widget does, and a question switch always
refreshes the editor it hides. The frame that follows then arranges the
whole screen a second time to find each widget's region. On a review of
50,000 words (a preview of ~400 widgets) that second pass was a fifth of a
switch. The map ``reflow`` returns is the current one, so it is kept.

The same flag is set whenever a widget that is not on screen is refreshed
(a hidden editor as it loses the focus, a part of the preview scrolled out
of view), to take in widgets that are new; and then the next refresh of any
widget at all, which asks for its size, arranges the whole screen again. A
widget already in the full map is not new: its refresh leaves the map as it
is. (Layout changes and scrolling still mark it stale, as before.)
"""

from __future__ import annotations

from textual._compositor import Compositor, CompositorMap, MapGeometry, ReflowResult
from textual.geometry import Size
from textual.widget import Widget


class ReflowingCompositor(Compositor):
    # True while the full map is stale only because something scrolled since
    # it was made: it still lists every widget that has a place on screen.
    _only_scrolled = False

    def update_widgets(self, widgets: set[Widget]) -> None:
        stale = self._full_map_invalidated
        super().update_widgets(widgets)
        if self._full_map_invalidated and not widgets <= self._full_map.keys():
            self._only_scrolled = False  # a new widget: the map must be made again
        elif not stale and self._full_map_invalidated:
            self._full_map_invalidated = False  # nothing new: the map still holds

    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        result = super().reflow(parent, size)
        self._full_map_invalidated = False  # reflow has just made the full map
        self._only_scrolled = False
        return result

    def reflow_visible(self, parent: Widget, size: Size) -> set[Widget]:
        only_scrolled = self._only_scrolled or not self._full_map_invalidated
        exposed = super().reflow_visible(parent, size)
        self._only_scrolled = only_scrolled
        return exposed

    @property
    def full_map(self) -> CompositorMap:
        self._only_scrolled = False
        return super().full_map

    def find_widget(self, widget: Widget) -> MapGeometry:
        """Where a widget off screen is, when only scrolling has happened
        since the last full map: without arranging the whole screen again.

        A widget in that map has the same place within its container (its
        virtual region, what scrolling to it uses); only its screen region
        may have moved with the scroll, and off screen that region is drawn
        nowhere. A question switch asks this of the preview's section for
        the question, just after the preview scrolled. A widget not in that
        map (one just shown, say) is left to Textual, which arranges the
        screen to place it."""
        if (self._only_scrolled and self._full_map_invalidated
                and (self._visible_map is None or widget not in self._visible_map)):
            found = self._full_map.get(widget)
            if found is not None:
                return found
        return super().find_widget(widget)
