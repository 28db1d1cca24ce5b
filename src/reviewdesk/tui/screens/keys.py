"""F1: every key of the screen the writer is on, read from its bindings.

The list is made from the screen's active bindings when F1 is pressed (the
focused widget's, the screen's, the app's), so it names what each key does
there and then, and never goes stale: a key added to a screen is listed by
that alone. Keys off there (a check that says no) are left out; keys shown
but unable to act now are marked so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.markup import escape
from textual.app import App
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from reviewdesk.tui.screens.dialog import Dialog

KEY_COLUMN = 16  # cells for the keys of one line


@dataclass
class KeyLine:
    keys: list[str]
    description: str
    enabled: bool = True


@dataclass
class KeyGroup:
    title: str
    lines: list[KeyLine] = field(default_factory=list)


HERE, FOCUSED, EVERYWHERE = "On this screen", "Where the cursor is", "Everywhere"


def group_title(node: DOMNode, screen: Screen, app: App) -> str:
    if node is app:
        return EVERYWHERE
    return HERE if node is screen else FOCUSED


def screen_keys(screen: Screen) -> list[KeyGroup]:
    """The keys that work on ``screen`` now, by where they come from: the
    focused widget (and what holds it), the screen, the app. One line per
    action, with every key bound to it."""
    app = screen.app
    groups: dict[str, KeyGroup] = {}
    lines: dict[tuple[str, str, str], KeyLine] = {}
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        description = binding.description or binding.tooltip
        if not description or binding.system:
            continue
        title = group_title(node, screen, app)
        group = groups.setdefault(title, KeyGroup(title))
        key = (title, binding.action, description)
        line = lines.get(key)
        shown = app.get_key_display(binding)
        if line is None:
            line = lines[key] = KeyLine([shown], description, enabled)
            group.lines.append(line)
        elif shown not in line.keys:
            line.keys.append(shown)
    # The screen's own keys first, then those where the cursor is, then the app's.
    return [groups[title] for title in (HERE, FOCUSED, EVERYWHERE) if title in groups]


def keys_text(groups: list[KeyGroup]) -> Content:
    parts: list[Content] = []
    for group in groups:
        if parts:
            parts.append(Content(""))
        parts.append(Content.styled(group.title, "bold $accent"))
        for line in group.lines:
            keys = " ".join(line.keys)
            note = "" if line.enabled else "  (not here)"
            parts.append(Content.assemble((f"  {keys:<{KEY_COLUMN}}", "bold"), line.description,
                                          (note, "$text-muted")))
    return Content("\n").join(parts)


class KeysScreen(Dialog[None]):
    """The keys of the screen it was opened over."""

    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > Vertical { width: 76; max-width: 95%; height: auto; max-height: 90%;
                            border: thick $primary; background: $surface; padding: 1 2; }
    KeysScreen #keys-list { height: auto; max-height: 100%; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,f1", "close", "Close", id="keys.close")]

    def __init__(self, screen: Screen, title: str) -> None:
        super().__init__()
        self.groups = screen_keys(screen)
        self.title_text = title

    def compose(self):
        with Vertical():
            yield Static(f"[b]Keys: {escape(self.title_text)}[/b]. Every action is also in the command "
                         "palette (ctrl+p), by name.")
            with VerticalScroll(id="keys-list"):
                yield Static(keys_text(self.groups), id="keys-text")

    def on_mount(self) -> None:
        self.query_one("#keys-list").focus()

    def action_close(self) -> None:
        self.dismiss(None)
