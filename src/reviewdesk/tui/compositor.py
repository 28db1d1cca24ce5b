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
is. Nor is a widget that is not displayed (itself or an ancestor has
``display: none``): it has no place to find, and the editor just hidden by a
question switch is refreshed as its blur arrives, often after the switch's
frame, which left the next switch to arrange the whole screen twice. (Layout
changes and scrolling still mark it stale, as before; showing a widget is a
layout change.)
"""

from __future__ import annotations

from textual._compositor import Compositor, CompositorMap, MapGeometry, ReflowResult
from textual.errors import NoWidget
from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.widget import Widget


def _displayed(widget: Widget) -> bool:
    """False when the widget or one of its ancestors has ``display: none``."""
    node = widget
    while node is not None:
        styles = getattr(node, "styles", None)
        if styles is None:
            break
        if styles.display == "none":
            return False
        node = node._parent
    return True


def _had_no_place(widget: Widget, reflowing_only: bool = False) -> bool:
    """True when the widget had no place in its screen's last arrangement
    (in neither the full map nor the visible one)."""
    try:
        compositor = widget.screen._compositor
    except Exception:  # not on a screen (yet)
        return False
    if reflowing_only and not isinstance(compositor, ReflowingCompositor):
        return False
    if widget in compositor._full_map:
        return False
    visible = compositor._visible_map
    return visible is None or widget not in visible


def unplaced(widget: Widget) -> bool:
    """True when the widget had no place in the screen's last arrangement: a
    pane just shown by a question switch, or a field in it, before the
    layout that places it. Asking Textual for its place then arranges the
    whole screen if the map is stale, and otherwise answers with no place
    at all (the top left corner)."""
    return _had_no_place(widget, reflowing_only=True)


def out_of_layout(widget: Widget) -> bool:
    """True for a widget that is not displayed and had no place in the last
    arrangement either: nothing on screen changes with its layout. (One in
    the full map, just hidden say, is in it: the layout takes it out.)"""
    return _had_no_place(widget) and not _displayed(widget)


class ShownWithoutArranging:
    """A mixin for a pane that a question switch shows (an answer editor,
    the Series Information form and its fields).

    Showing it refreshes it at once, and Textual asks for its size to mark
    its lines to redraw; the pane has no place yet, and the compositor, its
    map stale since the preview last scrolled, arranged the whole screen
    (some 20 ms with a long post) to answer, before the switch's own layout
    arranged it again. Nothing of it is drawn yet: everything is redrawn
    once the layout places it. The same goes for a few of its lines (the
    cursor's, as the pane takes the focus), and for the terminal's cursor:
    the pane taking the focus puts it where its own cursor is, which is
    known once the layout has placed the pane (and sized and scrolled it),
    before that layout's frame is drawn: the compositor sets it then."""

    @property
    def cursor_screen_offset(self):
        if unplaced(self):
            self.screen._compositor.place_cursor_after_layout(self)
            return self.app.cursor_position  # unchanged until then
        return super().cursor_screen_offset

    def _placed(self) -> None:
        """Called by the compositor once the layout has placed the widget,
        which took the focus before it had a place, just before that
        layout's frame is drawn."""
        self.app.cursor_position = self.cursor_screen_offset

    def refresh_lines(self, y_start: int, line_count: int = 1) -> None:
        if unplaced(self):
            self.refresh()
        else:
            super().refresh_lines(y_start, line_count)

    def _set_dirty(self, *regions) -> None:
        if regions or not unplaced(self):
            super()._set_dirty(*regions)
            return
        self._dirty_regions.clear()
        self._repaint_regions.clear()
        self._styles_cache.clear()
        outer = self.outer_size
        self._dirty_regions.add(outer.region)
        if outer:
            self._repaint_regions.add(outer.region)


class ReflowingCompositor(Compositor):
    # True while the full map is stale only because something scrolled since
    # it was made: it still lists every widget that has a place on screen.
    _only_scrolled = False
    # A widget that took the focus before it had a place: the terminal's
    # cursor goes where its cursor is once the layout has placed it.
    _cursor_widget: Widget | None = None

    def place_cursor_after_layout(self, widget: Widget) -> None:
        self._cursor_widget = widget

    def update_widgets(self, widgets: set[Widget]) -> None:
        stale = self._full_map_invalidated
        super().update_widgets(widgets)
        if not self._full_map_invalidated:
            return
        full_map = self._full_map
        if any(widget not in full_map and _displayed(widget) for widget in widgets):
            self._only_scrolled = False  # a new widget: the map must be made again
        elif not stale:
            self._full_map_invalidated = False  # nothing new: the map still holds

    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        # While the screen is arranged, a widget refreshed on the way (a
        # scrollbar that the arrangement sets up) is found in the map that
        # is being replaced, or nowhere if it is new: the arrangement paints
        # whatever moved. Left stale, each such refresh arranged the whole
        # screen a second time, inside the first.
        self._full_map_invalidated = False
        result = super().reflow(parent, size)
        self._full_map_invalidated = False  # reflow has just made the full map
        self._only_scrolled = False
        return result

    def render_update(self, *args, **kwargs):
        # The frame about to be drawn has the layout that placed a widget
        # which took the focus before it had a place (and the sizes and
        # scrolling that layout gave it): its cursor is known now.
        widget = self._cursor_widget
        if widget is not None:
            if not widget.has_focus:
                self._cursor_widget = None
            elif widget in self._full_map or (self._visible_map is not None and widget in self._visible_map):
                self._cursor_widget = None
                widget._placed()
        return super().render_update(*args, **kwargs)

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
        screen to place it; except the scrollbar of a pane just shown, which
        is refreshed as the pane takes the focus (its colours change): it
        has no place until the layout places the pane, and that layout
        paints it."""
        if self._full_map_invalidated and (self._visible_map is None or widget not in self._visible_map):
            found = self._full_map.get(widget)
            if found is not None and self._only_scrolled:
                return found
            if found is None and isinstance(widget, ScrollBar) and widget.parent is not None \
                    and unplaced(widget.parent):
                raise NoWidget("Widget is not in layout")
        return super().find_widget(widget)
