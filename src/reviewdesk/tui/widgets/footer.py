"""The footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all of its keys whenever the focus moves (the
active bindings are "updated" even when the same keys result), and each
rebuilt key leaves a watcher behind on the footer (``data_bind``), so the
old key widgets are never freed. On the review screen every question switch
moves the focus: a dozen widgets mounted, laid out and kept for good, and a
heap that grows until garbage collection takes hundreds of milliseconds.
This footer keeps its keys while they would come out the same, and drops the
watchers of keys it has removed.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    _shown: tuple | None = None

    def _keys(self) -> tuple:
        """What compose() would show, as a comparable value."""
        active = self.screen.active_bindings
        keys = tuple((b.key, b.action, b.description, b.key_display, b.group, b.tooltip, enabled, tooltip)
                     for (_, b, enabled, tooltip) in active.values() if b.show)
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, b, enabled, tooltip = found
                palette = (b.key, b.action, b.description, b.key_display, b.tooltip, enabled)
        return keys, palette

    def compose(self):
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()

    async def recompose(self) -> None:
        if self.is_attached and self._bindings_ready and self._shown is not None and self._keys() == self._shown:
            return
        await super().recompose()
        # Footer keys bind to the footer's ``compact``; forget the removed ones.
        watchers = getattr(self, "__watchers", {})
        for name, found in watchers.items():
            found[:] = [(node, callback) for node, callback in found if node is self or node.is_attached]
