"""Earlier versions of a draft: pick one to bring back (undoable)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reviewdesk.review import history
from reviewdesk.review.changes import Change, version_changes
from reviewdesk.review.library import Library
from reviewdesk.review.model import Review
from reviewdesk.tui.screens.dialog import Dialog


class HistoryScreen(Dialog[str | None]):
    """Dismisses with the id of the version to restore, or None.

    Each version says what changed after it (against the next version, or
    the current file for the newest), so versions of the same length can be
    told apart."""

    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Vertical { width: 84; max-width: 95%; height: auto; max-height: 90%;
                               border: thick $primary; background: $surface; padding: 1 2; }
    HistoryScreen OptionList { height: auto; max-height: 18; margin-top: 1; }
    HistoryScreen #none { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Close", id="history.close"),
                # Before the list's own Enter, so the footer names what it does here.
                Binding("enter", "restore", "Restore", id="history.restore", priority=True)]

    def __init__(self, library: Library, slug: str) -> None:
        super().__init__()
        self.library, self.slug = library, slug
        self.versions = version_changes(library.root, slug, history.versions(library.root, slug))

    def compose(self):
        with Vertical():
            yield Static("[b]Earlier versions[/b] of this draft, newest first, each with what changed after "
                         "it. Restoring one keeps the current text as a version too, so a restore can be undone.")
            if self.versions:
                yield OptionList(*[self._option(*row) for row in self.versions])
            else:
                yield Static("No earlier versions yet: one is kept each time the draft is saved.", id="none")

    @staticmethod
    def _option(v: history.Version, review: Review | None, change: Change | None) -> Option:
        when = v.replaced.astimezone().strftime("%d %b %Y, %H:%M:%S")
        size = "cannot be read" if review is None else f"{review.words():,} words"
        text = Text(f"{v.number:>3}.  {when}  ·  {size}")
        if change is not None:
            text.append(f"\n      then {change.summary()}")
            if change.line():
                text.append(f"\n      {change.line(66)}")
        return Option(text, id=v.id, disabled=review is None)

    def on_mount(self) -> None:
        if self.versions:
            self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_restore(self) -> None:
        found = self.query(OptionList)
        index = found.first().highlighted if found else None
        if index is None:
            self.notify("No version to restore: none is kept yet, or none can be read.", timeout=4)
            return
        self.dismiss(found.first().get_option_at_index(index).id)

    def action_cancel(self) -> None:
        self.dismiss(None)
