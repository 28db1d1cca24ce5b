"""How the review screen shares its width between the question list, the
editor and the preview; and focus mode. A mixin of ReviewScreen.

The editor always keeps at least :data:`EDITOR_MIN` columns. The preview is
shown when the writer wants it (ctrl+r, or the setting it opens with) and
there is room for it beside the question list and the editor. In a narrower
window it steps aside: the footer's ctrl+r then reads "Show preview", and a
window that shrinks under the writer says so once. ctrl+r there shows the
preview in the question list's place, as long as the window holds the editor
and a preview of :data:`PREVIEW_MIN` columns; the list comes back when the
window has room for all three, or the preview is hidden again.
"""

from __future__ import annotations

from textual import events

EDITOR_MIN = 50  # columns the editor keeps, whatever else is shown
MAIN_PADDING = 2  # the editor's column has one cell of padding each side (review.tcss)
PREVIEW_MIN = 28  # columns of the preview (its border included) worth showing it for: 80x24 can


def sidebar_width(width: int) -> int:
    """The question list's width in a window ``width`` columns wide (0: none)."""
    if width >= 120:
        return 34
    if width >= 80:
        return 26
    return 0


def arrangement(width: int, wanted: bool, insisted: bool) -> tuple[bool, bool]:
    """(question list shown, preview shown) for a window ``width`` wide.

    ``wanted``: the writer wants the preview; ``insisted``: the writer asked
    for it here (ctrl+r), so it may take the question list's place."""
    sidebar = sidebar_width(width)
    beside = width - sidebar - EDITOR_MIN - MAIN_PADDING  # the list's width holds its border
    if not wanted:
        return sidebar > 0, False
    if beside >= PREVIEW_MIN:
        return sidebar > 0, True
    if insisted and width - EDITOR_MIN - MAIN_PADDING >= PREVIEW_MIN:
        return False, True
    return sidebar > 0, False


def narrowest_for_preview() -> int:
    """The narrowest window that shows the preview beside the editor."""
    return EDITOR_MIN + MAIN_PADDING + PREVIEW_MIN


class LayoutMixin:
    preview_wanted: bool = True  # the writer's choice: ctrl+r, or the setting
    preview_insisted: bool = False  # asked for with ctrl+r: may take the question list's place
    preview_aside: bool = False  # wanted, but the window is too narrow for it
    arranged_width: int | None = None

    def arrange_columns(self, resized: bool = False) -> None:
        """Show the question list and the preview as the window's width allows."""
        width = self.app.size.width
        resized = resized and self.arranged_width not in (None, width)
        self.arranged_width = width
        focus = self.has_class("-focus")
        sidebar, preview = arrangement(width, self.preview_wanted and not focus, self.preview_insisted)
        was_aside = self.preview_aside
        self.preview_aside = self.preview_wanted and not focus and not preview
        self.query_one("#sidebar").styles.width = sidebar_width(width) or None
        self.set_class(not sidebar, "-no-sidebar")
        if self.preview_on != preview:
            self.preview_on = preview  # its watcher shows (and fills) or hides the preview
        if was_aside != self.preview_aside:
            self.refresh_bindings()  # ctrl+r's label in the footer
        if resized and self.preview_aside and not was_aside:
            self.notify(f"The window is too narrow for the preview beside the editor. ctrl+r shows it "
                        f"in place of the question list ({narrowest_for_preview()} columns or more).",
                        title="Preview hidden", timeout=6)

    def on_resize(self, event: events.Resize) -> None:
        self.arrange_columns(resized=True)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self.arrange_columns(resized=True)  # the window may have changed under a screen on top

    def action_toggle_preview(self) -> None:
        if self.preview_on:
            self.preview_wanted = self.preview_insisted = False
            self.arrange_columns()
            return
        self.action_show_preview()

    def action_show_preview(self) -> None:
        """The preview, shown (out of focus mode, in the question list's place if need be)."""
        self.preview_wanted = self.preview_insisted = True
        self.set_class(False, "-focus")
        self.arrange_columns()
        if not self.preview_on:
            self.notify(f"The window is too narrow to show the preview beside the editor: it needs "
                        f"{narrowest_for_preview()} columns, and has {self.app.size.width}. Widen it, or "
                        "read the post in Export (ctrl+g).", title="No room for the preview", timeout=6)

    def action_focus_mode(self) -> None:
        """Only the question and its editor, centred: nothing else on screen."""
        self.set_class(not self.has_class("-focus"), "-focus")
        self.arrange_columns()
        self.refresh_bindings()  # escape leaves focus mode while in it
        editor = self.current_editor()
        if editor is not None:
            editor.focus()

    def action_leave_focus_mode(self) -> None:
        if self.has_class("-focus"):
            self.action_focus_mode()
