"""The base of every dialog: a modal screen with its own footer.

A modal screen is drawn over the screen that opened it, and that screen's
footer would stay in view, showing keys that do something else here (the
review's ``^n Next`` and ``esc Library`` under the Images dialog). A dialog
mounts a footer of its own, which shows the keys this dialog answers to.
It is added when the dialog is mounted, whatever the dialog composes, so a
dialog only has to be a :class:`Dialog` to get it.
"""

from __future__ import annotations

from textual import events, on
from textual.screen import ModalScreen, ScreenResultType

from reviewdesk.tui.widgets.footer import KeyFooter


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen that shows its own keys in its own footer."""

    @on(events.Mount)
    def _add_footer(self) -> None:
        if not self.query(KeyFooter):
            self.mount(KeyFooter())
            self.refresh_bindings()  # the footer reads the keys when the screen next says they changed
