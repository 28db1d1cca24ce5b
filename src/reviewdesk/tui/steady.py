"""Screens that lay themselves out again only when their size changes.

Textual sends a screen three Resize events as it first shows it (the app's
first resize, its first idle moment, and the screen's own first layout), all
of the size it already has, and each one re-arranges and redraws the whole
screen. A screen here takes a Resize of the size it was last laid out at as
the no-op it is. Anything that does need a new layout (a widget grown, rows
added) has asked for one already, and gets it from the screen's next update
as usual (a Resize's layout did not even count as that one: the update laid
the screen out again after it).
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class SteadyScreen(Screen):
    async def _on_resize(self, event: events.Resize) -> None:
        if self.is_attached and event.size == self._compositor.size:
            event.stop()
            event.prevent_default()  # Screen's own handler would lay it all out again
