"""Screens that style and lay themselves out once as they are first shown.

Textual does both again just after showing a new screen, though nothing on
it changed:

- its first ScreenResume styles every widget again, each of which was
  styled as it was mounted, moments before (:class:`QuietStart` skips that
  one; later resumes restyle, as the theme may have changed meanwhile);
- it sends three Resize events (the app's first resize, its first idle
  moment, the screen's own first layout), all of the size the screen already
  has, and each one arranges and draws it all again. A :class:`SteadyScreen`
  takes a Resize of the size it was last laid out at as the no-op it is.
  Anything that does need a new layout (a widget grown, rows added) has
  asked for one already, and gets it from the screen's next update as usual
  (a Resize's layout did not even count as that one: the update laid the
  screen out again after it).
"""

from __future__ import annotations

from textual import events, on
from textual.screen import Screen


class QuietStart(Screen):
    _resumed = False

    @on(events.ScreenResume)
    def _first_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False


class SteadyScreen(QuietStart):
    async def _on_resize(self, event: events.Resize) -> None:
        if self.is_attached and event.size == self._compositor.size:
            event.stop()
            event.prevent_default()  # Screen's own handler would lay it all out again
