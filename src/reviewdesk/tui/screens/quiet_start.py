"""A screen that is not styled a second time as it is first shown.

Textual styles every widget as it is mounted, and then, on the screen's
first ScreenResume, styles them all again, though nothing changed between
the two. :class:`QuietStart` skips that second pass (the event's public
``refresh_styles`` flag); later resumes restyle as usual, since the theme
may have changed while another screen was on top.
"""

from __future__ import annotations

from textual import events, on
from textual.screen import Screen


class QuietStart(Screen):
    resumed_before = False

    @on(events.ScreenResume)
    def first_resume_keeps_styles(self, event: events.ScreenResume) -> None:
        if not self.resumed_before:
            self.resumed_before = True
            event.refresh_styles = False
