"""The draft changed on disk, and some parts both here and there: show those
parts side by side, and let the writer choose (or decide later)."""

from __future__ import annotations

import difflib

from rich.markup import escape
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from reviewdesk.review.merge import Key, describe, listing, parts_of
from reviewdesk.review.model import Image, Review, format_info_value
from reviewdesk.review.template import Template
from reviewdesk.tui.screens.dialog import Dialog


def _shown(value) -> str:
    if isinstance(value, list) and all(isinstance(v, Image) for v in value):
        return "\n".join(f"{im.src}  ({im.caption})" if im.caption else im.src for im in value) or "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "\n".join(f"{k} = {v!r}" for k, v in value.items()) or "(none)"
    if value is None:
        return "(none)"
    return format_info_value(value) if isinstance(value, list | int | float) else str(value)


def difference(conflicts: list[Key], mine: Review, theirs: Review, template: Template | None) -> str:
    """A unified diff of each part in conflict: the file's text against the writer's."""
    blocks = []
    for key in conflicts:
        on_disk = _shown(parts_of(theirs, key).get(key, ""))
        yours = _shown(parts_of(mine, key).get(key, ""))
        lines = difflib.unified_diff(on_disk.splitlines(), yours.splitlines(), fromfile="on disk",
                                     tofile="yours", lineterm="", n=1)
        blocks.append(f"## {describe(key, template)}\n" + "\n".join(lines))
    return "\n\n".join(blocks)


def coloured(diff: str) -> Content:
    """The difference in the theme's own colours (which every theme keeps
    readable on its surface): removed lines as errors, added as successes."""
    styles = (("## ", "bold"), ("---", "$text-error"), ("+++", "$text-success"), ("@@", "$text-muted"),
              ("-", "$text-error"), ("+", "$text-success"))
    lines = []
    for line in diff.splitlines():
        style = next((style for start, style in styles if line.startswith(start)), "")
        lines.append(Content.styled(line, style) if style else Content(line))
    return Content("\n").join(lines)


class ConflictScreen(Dialog[str | None]):
    """Dismisses with "mine", "theirs" or "copy"; None (Escape) decides nothing."""

    DEFAULT_CSS = """
    ConflictScreen { align: center middle; }
    ConflictScreen > Vertical { width: 90%; max-width: 110; height: 80%; min-height: 22; max-height: 100%;
                                border: thick $warning; background: $surface; padding: 1 2; }
    ConflictScreen #diff { height: 1fr; min-height: 4; border: round $border-blurred; margin: 1 0; }
    ConflictScreen #keys { color: $text-muted; }
    ConflictScreen Horizontal { height: auto; align: right middle; }
    ConflictScreen Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "later", "Decide later", id="conflict.later")]

    def __init__(self, slug: str, conflicts: list[Key], mine: Review, theirs: Review | None,
                 template: Template | None, unreadable: str | None = None) -> None:
        super().__init__()
        self.slug, self.conflicts, self.mine, self.theirs = slug, conflicts, mine, theirs
        self.template, self.unreadable = template, unreadable

    def compose(self):
        with Vertical():
            if self.theirs is None:
                yield Static(f"[b]{escape(self.slug)}.toml changed on disk[/b] and no longer reads as a draft "
                             f"({escape(self.unreadable or 'unreadable')}). Keep yours to write your text over it "
                             "(the broken file goes to history, F5), or save yours as a copy.")
            else:
                yield Static(f"[b]{escape(self.slug)}.toml changed on disk[/b] while you were writing (another "
                             "window, a sync tool or a script). Changes to other parts were combined already; "
                             f"these changed on both sides: [b]{escape(listing(self.conflicts, self.template))}"
                             "[/b]. Nothing is overwritten until you choose, and the text you do not keep goes "
                             "to history (F5). The difference (- on disk, + yours):")
                with VerticalScroll(id="diff"):
                    yield Static(coloured(difference(self.conflicts, self.mine, self.theirs, self.template)))
            yield Static("Escape decides later: your text stays here, unsaved but in the crash journal, "
                         "and ctrl+s asks again.", id="keys")
            with Horizontal():
                yield Button("Save mine as a copy", id="copy")
                yield Button("Take the file's", id="theirs", variant="warning", disabled=self.theirs is None)
                yield Button("Keep mine", id="mine", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#mine", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_later(self) -> None:
        self.dismiss(None)
