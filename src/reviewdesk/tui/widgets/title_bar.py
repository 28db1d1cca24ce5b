"""The line at the top: the command palette's icon and the screen's title.

It looks like Textual's Header (without its clock, which Review Desk never
shows) but is one widget rather than four: the header's parts were styled
and laid out on their own at every start, for a line of text.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

from reviewdesk.tui.fit import fit

ICON = "⭘"
ICON_WIDTH = 8  # the icon's cell, as Textual's header has it
RIGHT_SPACE = 10  # where the header's clock would be: keeps the title centred as before


class TitleBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"title-bar--icon-hover"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .title-bar--icon-hover { background: $foreground 10%; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._icon_hover = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._title_changed, init=False)
            self.watch(node, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    @property
    def title_content(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        icon = Content(f" {ICON}".ljust(ICON_WIDTH))
        if self._icon_hover:
            icon = icon.stylize(self.get_visual_style("title-bar--icon-hover", partial=True))
        room = max(0, width - ICON_WIDTH - RIGHT_SPACE)
        title = fit(self.title_content, room)  # ends at a word, never inside one
        left = (room - title.cell_length) // 2
        return Content.assemble(icon, " " * left, title, " " * (width - ICON_WIDTH - left - title.cell_length))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_icon_hover(event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE)

    def on_leave(self, event: events.Leave) -> None:
        self._set_icon_hover(False)

    def _set_icon_hover(self, hover: bool) -> None:
        if hover != self._icon_hover:
            self._icon_hover = hover
            self.tooltip = "Open the command palette" if hover else None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
