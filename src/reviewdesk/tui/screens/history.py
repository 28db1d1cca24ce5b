"""Earlier versions of a draft: pick one to bring back (undoable)."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reviewdesk.review import history
from reviewdesk.review.library import Library


class HistoryScreen(ModalScreen[str | None]):
    """Dismisses with the id of the version to restore, or None."""

    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Vertical { width: 76; max-width: 95%; height: auto; max-height: 90%;
                               border: thick $primary; background: $surface; padding: 1 2; }
    HistoryScreen OptionList { height: auto; max-height: 16; margin-top: 1; }
    HistoryScreen #none { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Close", id="history.close")]

    def __init__(self, library: Library, slug: str) -> None:
        super().__init__()
        self.library, self.slug = library, slug
        self.versions = history.versions(library.root, slug)

    def compose(self):
        with Vertical():
            yield Static("[b]Earlier versions[/b] of this draft, newest first. Restoring one keeps the "
                         "current text as a version too, so a restore can be undone.")
            if self.versions:
                yield OptionList(*[self._option(v) for v in self.versions])
            else:
                yield Static("No earlier versions yet: one is kept each time the draft is saved.", id="none")

    @staticmethod
    def _option(v: history.Version) -> Option:
        when = v.replaced.astimezone().strftime("%d %b %Y, %H:%M:%S")
        words = v.words()
        size = "cannot be read" if words is None else f"{words:,} words"
        aside = "  ·  set aside (a conflict or a crash)" if v.kept else ""
        return Option(f"{v.number:>3}.  {when}  ·  {size}{aside}", id=v.id, disabled=words is None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
