"""Export: the final Markdown, what to check first, copy and save."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from reviewdesk.atomic import atomic_write
from reviewdesk.checks import check
from reviewdesk.model import Review
from reviewdesk.template import Template


class ExportScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 95%; height: 95%; border: thick $primary; background: $surface; padding: 0 1; }
    ExportScreen #top { height: 1fr; }
    ExportScreen #markdown { width: 2fr; height: 1fr; }
    ExportScreen #warnings { width: 1fr; height: 1fr; padding: 0 1; border: round $warning; overflow-y: auto; }
    ExportScreen #warnings.-clean { border: round $success; }
    ExportScreen .row { height: 1; margin-top: 1; }
    ExportScreen .row > Label { padding: 0 1 0 0; }
    ExportScreen #filename { width: 1fr; }
    ExportScreen #buttons { height: 1; margin: 1 0 0 0; align: right middle; }
    ExportScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="export.close"),
        Binding("ctrl+l", "copy", "Copy", id="export.copy"),
        Binding("ctrl+s", "save", "Save file", id="export.save"),
    ]

    def __init__(self, review: Review, template: Template, markdown: str, folder: Path) -> None:
        super().__init__()
        self.review, self.template, self.markdown = review, template, markdown
        self.folder = folder

    def compose(self):
        with Vertical():
            yield Static(f"[b]Export[/b] · {self.review.title} · {len(self.markdown.split()):,} words of Markdown")
            with Horizontal(id="top"):
                yield TextArea(self.markdown, language="markdown", read_only=True, soft_wrap=True, id="markdown")
                yield Static(id="warnings")
            with Horizontal(classes="row"):
                yield Label("Save as")
                yield Input(str(self.folder / f"{self.review.slug}.md"), id="filename", compact=True)
            with Horizontal(id="buttons"):
                yield Button("Save file (ctrl+s)", id="save", compact=True)
                yield Button("Copy to clipboard (ctrl+l)", id="copy", variant="primary", compact=True)
                yield Button("Close (esc)", id="close", compact=True)

    def on_mount(self) -> None:
        findings = check(self.review, self.template)
        box = self.query_one("#warnings", Static)
        if findings:
            box.border_title = f"Before you publish ({len(findings)})"
            box.update("\n".join(f"• {f.message}" for f in findings))
        else:
            box.border_title = "Ready"
            box.update("Every question is answered and Series Information is complete.")
            box.add_class("-clean")
        self.query_one("#copy", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        {"copy": self.action_copy, "save": self.action_save, "close": self.action_close}[event.button.id]()

    @on(Input.Submitted, "#filename")
    def _submitted(self) -> None:
        self.action_save()

    def action_copy(self) -> None:
        self.app.copy_text(self.markdown, what=f"{self.review.title}")

    def action_save(self) -> None:
        raw = self.query_one("#filename", Input).value.strip()
        if not raw:
            self.notify("Give the file a name.", severity="warning")
            return
        path = Path(raw).expanduser()
        if path.suffix.lower() not in (".md", ".markdown", ".txt", ".html"):
            path = path.with_name(path.name + ".md")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, self.markdown.encode("utf-8"))
        except OSError as exc:
            self.notify(f"Could not save {path}: {exc.strerror or exc}", severity="error", timeout=8)
            return
        self.notify(f"Saved {path}", title="Exported", timeout=5)

    def action_close(self) -> None:
        self.dismiss(None)
