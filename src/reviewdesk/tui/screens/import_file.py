"""Import a review written elsewhere: a Markdown file becomes a draft."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from reviewdesk.review.template import Template
from reviewdesk.tui.examples import example
from reviewdesk.tui.screens.dialog import Dialog

GUESS = "__guess__"


@dataclass
class ImportRequest:
    path: Path
    template: str | None  # None: let the importer pick from the headings


class ImportScreen(Dialog[ImportRequest | None]):
    DEFAULT_CSS = """
    ImportScreen { align: center middle; }
    ImportScreen > Vertical { width: 84; max-width: 95%; height: auto; border: thick $primary;
                              background: $surface; padding: 1 2; }
    ImportScreen .row { height: auto; margin-top: 1; }
    ImportScreen .row > Label { width: 10; padding: 0 1 0 0; text-align: right; }
    ImportScreen .row > Input, ImportScreen .row > Select { width: 1fr; }
    ImportScreen #problem { color: $error; height: auto; }
    ImportScreen #buttons { height: auto; align: right middle; margin-top: 1; }
    ImportScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import.cancel")]

    def __init__(self, templates: list[Template], folder: Path) -> None:
        super().__init__()
        self.templates = templates
        self.folder = folder

    def compose(self):
        with Vertical():
            yield Static("[b]Import a review[/b]\nA Markdown file (a post you wrote before, or an export). "
                         "Its headings are matched to the questions; text under a heading that matches "
                         "none is kept as an extra section you can move. The file is only read.")
            with Horizontal(classes="row"):
                yield Label("File")
                yield Input(str(self.folder) + "/", id="path", compact=True,
                            placeholder=example("~/blog/posts/metallic-rouge.md"))
            with Horizontal(classes="row"):
                yield Label("Template")
                options = [("Guess from the headings", GUESS)] + [(t.name, t.id) for t in self.templates]
                yield Select(options, value=GUESS, allow_blank=False, id="template", compact=True)
            yield Static("", id="problem")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Import", id="import", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#import")
    def _import(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        path = Path(raw).expanduser()
        if not raw or not path.is_file():
            self.query_one("#problem", Static).update(f"No file at {raw or '(empty)'}.")
            return
        template = self.query_one("#template", Select).value
        self.dismiss(ImportRequest(path, None if template == GUESS else str(template)))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
