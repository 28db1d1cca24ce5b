"""The footer: the keys that work here, drawn as one line by one widget.

Textual's Footer is a container with a widget per key. Each key is styled,
laid out and drawn on its own, and all of them are rebuilt whenever the
focus moves: at start-up that was about a tenth of the time to the first
screen, and on the review screen every question switch moves the focus.
This footer looks the same (the keys in the theme's footer colours, the
command palette key on the right) and does the same (a click presses the
key, a disabled key is dimmed and rings the bell), but it is a single line
of text, redrawn only when the keys it shows change.

When the keys do not all fit, the least important are left out first, whole:
the way out (``^q Quit``, ``esc``) always stays, then the keys in the order
of importance the screen gives (:class:`RanksKeys`), then the others in
their order; the keys kept are drawn in their usual order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget


@dataclass(frozen=True)
class FooterEntry:
    """One key as the footer shows it."""

    key: str  # what a click presses
    display: str  # how the key is written ("^s", "f4")
    description: str
    enabled: bool = True
    tooltip: str = ""


ALWAYS_SHOWN = ("quit", "app.quit")  # actions that stay in the footer whatever its width
ALWAYS_SHOWN_KEYS = ("escape",)  # a screen's way back (to the library, out of a dialog)


@runtime_checkable
class RanksKeys(Protocol):
    """A screen that says which of its keys matter most, for a narrow footer."""

    def key_importance(self) -> Sequence[str]:
        """Action names, the most important first; keys not named come after
        them, in their order, and are left out first."""
        ...


def fitting(entries: Sequence[FooterEntry], actions: Sequence[str], widths: Sequence[int], room: int,
            ranking: Sequence[str]) -> list[int]:
    """Which entries (their indexes, in order) fit in ``room`` cells: the
    way out first, then by ``ranking`` (action names), then in order."""

    def rank(index: int) -> tuple[int, int]:
        entry, action = entries[index], actions[index]
        if action in ALWAYS_SHOWN or entry.key in ALWAYS_SHOWN_KEYS:
            return (0, index)
        if action in ranking:
            return (1 + ranking.index(action), index)
        return (1 + len(ranking), index)

    kept: list[int] = []
    used = 0
    for index in sorted(range(len(entries)), key=rank):
        if used + widths[index] > room:
            break  # the rest are less important: left out, even one small enough for the gap
        kept.append(index)
        used += widths[index]
    return sorted(kept)


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--separator",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .key-footer--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: tuple[FooterEntry, ...] = ()
        self._actions: tuple[str, ...] = ()  # each entry's action, for the screen's ranking
        self._ranking: tuple[str, ...] = ()
        self._palette: FooterEntry | None = None
        self._spans: list[tuple[int, int, FooterEntry]] = []  # where each drawn key is, in cells
        self._hover: FooterEntry | None = None

    # What is shown ---------------------------------------------------------

    @property
    def entries(self) -> list[FooterEntry]:
        """The keys on the left, in order (the command palette key apart)."""
        return list(self._entries)

    @property
    def palette(self) -> FooterEntry | None:
        return self._palette

    def _collect(self) -> tuple[tuple[FooterEntry, ...], tuple[str, ...], FooterEntry | None]:
        """The keys the screen's bindings ask for: one per action, the first
        binding that names it (as Textual's Footer shows them)."""
        app = self.app
        active = self.screen.active_bindings
        entries: dict[str, FooterEntry] = {}
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in entries:
                continue
            entries[binding.action] = FooterEntry(binding.key, app.get_key_display(binding),
                                                  binding.description, enabled, tooltip or "")
        palette = None
        if app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                palette = FooterEntry(binding.key, app.get_key_display(binding), binding.description,
                                      enabled, binding.tooltip or binding.description)
        return tuple(entries.values()), tuple(entries), palette

    def update_keys(self) -> bool:
        """Read the keys again; redraw (and say so) only if they changed."""
        if not self.is_attached:
            return False
        entries, actions, palette = self._collect()
        screen = self.screen
        ranking = tuple(screen.key_importance()) if isinstance(screen, RanksKeys) else ()
        if (entries, actions, ranking, palette) == (self._entries, self._actions, self._ranking, self._palette):
            return False
        self._entries, self._actions, self._ranking, self._palette = entries, actions, ranking, palette
        if self._hover not in entries and self._hover != palette:
            self._hover = None
        self.refresh()
        return True

    def on_mount(self) -> None:
        # The keys are read when the screen says its bindings are in place
        # (after its first refresh): a screen's check_action may look for
        # widgets that are not mounted before then.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if screen is self.screen:
            self.update_keys()

    # Drawing ---------------------------------------------------------------

    def _piece(self, entry: FooterEntry, key_style: Style, description_style: Style,
               hover_style: Style) -> Text:
        piece = Text(end="")
        piece.append(f" {entry.display} ", style=key_style)
        if entry.description:
            piece.append(f"{entry.description} ", style=description_style)
        if entry == self._hover:  # by value: reading the keys again makes new, equal entries
            piece.stylize(hover_style)
        if not entry.enabled:
            piece.stylize(Style(dim=True))
        return piece

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        description_style = self.get_component_rich_style("key-footer--description", partial=True)
        hover_style = self.get_component_rich_style("key-footer--hover", partial=True)
        width = self.size.width
        right = Text(end="")
        if self._palette is not None:
            right.append("▏", style=self.get_component_rich_style("key-footer--separator"))
            right.append_text(self._piece(self._palette, key_style, description_style, hover_style))
        line = Text(end="")
        spans: list[tuple[int, int, FooterEntry]] = []
        pieces = [self._piece(entry, key_style, description_style, hover_style) for entry in self._entries]
        widths = [piece.cell_len for piece in pieces]
        way_out = sum(w for index, w in enumerate(widths) if self._always_shown(index))
        if way_out + right.cell_len > width:
            right = Text(end="")  # the palette's key gives way to the way out
        # Keys are left out whole, never cut: the least important first.
        for index in fitting(self._entries, self._actions, widths, width - right.cell_len, self._ranking):
            entry, piece = self._entries[index], pieces[index]
            spans.append((line.cell_len, line.cell_len + piece.cell_len, entry))
            line.append_text(piece)
        if right.cell_len and right.cell_len <= width:
            start = max(line.cell_len, width - right.cell_len)
            line.append(" " * (start - line.cell_len))
            spans.append((start + 1, start + right.cell_len, self._palette))
            line.append_text(right)
        self._spans = spans
        return line

    def _always_shown(self, index: int) -> bool:
        """True for a key that is a way out (never left out for want of room)."""
        return self._actions[index] in ALWAYS_SHOWN or self._entries[index].key in ALWAYS_SHOWN_KEYS

    # The mouse -------------------------------------------------------------

    def entry_at(self, x: int) -> FooterEntry | None:
        return next((entry for start, end, entry in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self.entry_at(event.x)
        if entry != self._hover:
            self._hover = entry
            self.tooltip = (entry.tooltip or None) if entry else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self.entry_at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
