"""Export: the final Markdown, what to check first, copy and save."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from rich.markup import escape
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from reviewdesk.atomic import atomic_write
from reviewdesk.checks import check
from reviewdesk.errors import ReviewDeskError
from reviewdesk.export import ExportOptions
from reviewdesk.model import Review
from reviewdesk.targets import TARGETS, render, resolve
from reviewdesk.template import Template


class ExportScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 95%; height: 95%; border: thick $primary; background: $surface; padding: 0 1; }
    ExportScreen #head { height: 1; margin-bottom: 1; }
    ExportScreen #what { width: 1fr; }
    ExportScreen #target { width: 46; }
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

    def __init__(self, review: Review, template: Template, mates: list[tuple[str, str]], folder: Path,
                 target: str = "markdown", options: ExportOptions | None = None) -> None:
        super().__init__()
        self.review, self.template, self.mates = review, template, mates
        self.folder = folder
        self.options = options or ExportOptions()
        try:
            self.target = resolve(target)
        except ReviewDeskError:
            self.target = "markdown"
        self.rendered = render(review, template, mates, self.target, self.options)

    @property
    def markdown(self) -> str:
        return self.rendered.text

    def compose(self):
        with Vertical():
            with Horizontal(id="head"):
                yield Static(f"[b]Export[/b] · {escape(self.review.title)}", id="what")
                yield Select([(label, key) for key, label in TARGETS.items()], value=self.target,
                             allow_blank=False, id="target", compact=True)
            with Horizontal(id="top"):
                yield TextArea(self.markdown, language="markdown", read_only=True, soft_wrap=True, id="markdown")
                yield Static(id="warnings")
            with Horizontal(classes="row"):
                yield Label("Save as")
                yield Input(str(self.folder / self.rendered.filename), id="filename", compact=True)
            with Horizontal(id="buttons"):
                yield Button("Save file (ctrl+s)", id="save", compact=True)
                yield Button("Copy to clipboard (ctrl+l)", id="copy", variant="primary", compact=True)
                yield Button("Close (esc)", id="close", compact=True)

    def on_mount(self) -> None:
        from reviewdesk.tui.theming import follow_app_theme

        follow_app_theme(self.query_one("#markdown", TextArea))
        self.show_findings()
        self.query_one("#copy", Button).focus()

    def show_findings(self) -> None:
        findings = [f.message for f in check(self.review, self.template)]
        notes = list(self.rendered.notes)
        box = self.query_one("#warnings", Static)
        lines = [f"• {escape(m)}" for m in findings] + [f"[i]ⓘ {escape(n)}[/i]" for n in notes]
        box.set_class(not findings, "-clean")
        if findings:
            box.border_title = f"Before you publish ({len(findings)})"
        else:
            box.border_title = "Ready to publish"
            lines.insert(0, "Every question is answered and Series Information is complete.")
        box.update("\n".join(lines))

    @on(Select.Changed, "#target")
    def _target_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str) or event.value == self.target:
            return
        self.target = event.value
        self.rendered = render(self.review, self.template, self.mates, self.target, self.options)
        area = self.query_one("#markdown", TextArea)
        # No HTML highlighter: tree-sitter 0.26 crashes in some grammars (STYLE.md).
        area.language = None if self.target == "html" else "markdown"
        area.load_text(self.markdown)
        self.query_one("#filename", Input).value = str(self.folder / self.rendered.filename)
        self.show_findings()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        {"copy": self.action_copy, "save": self.action_save, "close": self.action_close}[event.button.id]()

    @on(Input.Submitted, "#filename")
    def _submitted(self) -> None:
        self.action_save()

    def action_copy(self) -> None:
        self.app.copy_text(self.markdown, what=self.review.title)

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
