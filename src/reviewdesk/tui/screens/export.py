"""Export: the final Markdown, what to check first, copy and save; publish to a blog."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import events, on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from rich.markup import escape
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from reviewdesk.review.atomic import atomic_write
from reviewdesk.aids.checks import check
from reviewdesk.errors import ReviewDeskError
from reviewdesk.publish.export import ExportOptions, has_spoilers
from reviewdesk.publish.output_guard import ExportRefused, write as write_export
from reviewdesk.review.model import Review
from reviewdesk.publish.targets import TARGETS, render, resolve
from reviewdesk.review.template import Template
from reviewdesk.tui.desk import desk
from reviewdesk.tui.fit import fit
from reviewdesk.tui.widgets.footer import KeyFooter
from reviewdesk.tui.screens.dialog import Dialog
from reviewdesk.tui.widgets.publish_bar import PublishBar


class ExportScreen(Dialog[object]):
    """Dismisses with None, or with the finding the writer chose to go and fix."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 95%; height: 95%; border: thick $primary; background: $surface; padding: 0 1; }
    ExportScreen #head { height: 1; margin-bottom: 1; }
    ExportScreen #what { width: 1fr; }
    ExportScreen #target { width: 46; }
    ExportScreen #top { height: 1fr; }
    ExportScreen #markdown { width: 2fr; height: 1fr; }
    ExportScreen #warnings { width: 1fr; height: 1fr; padding: 0 1; border: round $warning; }
    ExportScreen #warnings.-clean { border: round $success; }
    ExportScreen .row { height: 1; margin-top: 1; }
    ExportScreen .row > Label { padding: 0 1 0 0; }
    ExportScreen #filename { width: 1fr; }
    ExportScreen #spoiler-warning { margin-left: 2; }
    ExportScreen #buttons { height: 1; margin: 1 0 0 0; align: right middle; }
    ExportScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="export.close"),
        Binding("ctrl+l", "copy", "Copy", id="export.copy"),
        Binding("ctrl+s", "save", "Save file", id="export.save"),
        Binding("a", "add_word", "Add word to my list", id="export.add_word", show=False),
        Binding("f6", "publish", "Publish", id="export.publish"),
    ]

    def __init__(self, review: Review, template: Template, mates: list[tuple[str, str]], folder: Path,
                 target: str = "markdown", options: ExportOptions | None = None,
                 publish_to: str | None = None, library_root: Path | None = None) -> None:
        super().__init__()
        self.publish_to = publish_to  # an account to publish to as soon as the dialog is up
        self.review, self.template, self.mates = review, template, mates
        self.folder = folder
        # Saving never writes over a draft nor into the library (but its exports/).
        self.library_root = library_root
        self.options = options or ExportOptions()
        try:
            self.target = resolve(target)
        except ReviewDeskError:
            self.target = "markdown"
        self.rendered = render(review, template, mates, self.target, self.options)
        self.findings = []
        self.markdown_view: TextArea | None = None  # the post's Markdown, once mounted

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
                yield OptionList(id="warnings")
            with Horizontal(classes="row"):
                yield Label("Save as")
                yield Input(str(self.folder / self.rendered.filename), id="filename", compact=True)
                if has_spoilers(self.review, self.template):
                    yield Checkbox("Spoiler warning at the top", self.options.spoiler_warning,
                                   id="spoiler-warning", compact=True)
            yield PublishBar(review=self.review, template=self.template, mates=self.mates,
                             root=desk(self).library.root, id="publish-bar")
            with Horizontal(id="buttons"):
                yield Button("Save file (ctrl+s)", id="save", compact=True)
                yield Button("Copy to clipboard (ctrl+l)", id="copy", variant="primary", compact=True)
                yield Button("Close (esc)", id="close", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        from reviewdesk.tui.theming import follow_app_theme

        self.markdown_view = self.query_one("#markdown", TextArea)
        follow_app_theme(self.markdown_view)
        self.show_findings()
        self.query_one("#copy", Button).focus()
        if self.publish_to:
            bar = self.query_one(PublishBar)
            if bar.choose(self.publish_to):
                bar.publish()

    def on_unmount(self) -> None:
        from reviewdesk.tui.theming import forget_theme_changes

        if self.markdown_view is not None:
            forget_theme_changes(self.markdown_view)

    def show_findings(self) -> None:
        """The checks' findings (a spelling one can be answered with "a": add the
        word to the writer's list), then the target's notes."""
        self.findings = check(self.review, self.template)
        box = self.query_one("#warnings", OptionList)
        box.clear_options()
        box.set_class(not self.findings, "-clean")
        if self.findings:
            self.box_titles = ((f"Before you publish ({len(self.findings)})", f"To check ({len(self.findings)})"),
                               "enter: go there · a: add word")
            for n, f in enumerate(self.findings):
                box.add_option(Option(f"• {escape(f.message)}", id=f"finding-{n}"))
        else:
            self.box_titles = (("Ready to publish", "Ready"), "")
            heading = getattr(self.template, "info_heading", "Series Information")
            box.add_option(Option(f"Every question is answered and {heading} is complete.", disabled=True))
        for note in self.rendered.notes:
            box.add_option(Option(f"[i]ⓘ {escape(note)}[/i]", disabled=True))

        self.fit_box_titles()
        self.call_after_refresh(self.fit_box_titles)  # once the box has its width

    def fit_box_titles(self) -> None:
        """The findings box's title (its short form where the long one does
        not fit) and subtitle, ended at a word if the box is narrower than
        they are (its border would cut them mid-word)."""
        box = self.query_one("#warnings", OptionList)
        # The corners, a line each side and a space each side of the text.
        room = box.outer_size.width - 6 if box.outer_size.width else 1000
        titles, subtitle = self.box_titles
        box.border_title = next((title for title in titles if len(title) <= room), fit(titles[-1], room))
        box.border_subtitle = fit(subtitle, room)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit_box_titles)

    @on(OptionList.OptionSelected, "#warnings")
    def _go_to_finding(self, event: OptionList.OptionSelected) -> None:
        """Enter on a warning: close the export and put the cursor where it is."""
        index = event.option_index
        if index < len(self.findings) and (self.findings[index].question or self.findings[index].where):
            self.dismiss(self.findings[index])

    def action_add_word(self) -> None:
        from reviewdesk.aids.words import add_word

        box = self.query_one("#warnings", OptionList)
        index = box.highlighted
        if not box.has_focus or index is None or index >= len(self.findings) or not self.findings[index].word:
            self.notify("a adds a word to your word list: highlight a spelling warning in the list first "
                        "(tab moves there).", timeout=4)
            return
        word = self.findings[index].word
        try:
            add_word(word)
        except ReviewDeskError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"“{word}” is in your word list: it will not be flagged again.", timeout=4)
        self.show_findings()

    @on(Select.Changed, "#target")
    def _target_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str) or event.value == self.target:
            return
        self.target = event.value
        self._rerender()

    @on(Checkbox.Changed, "#spoiler-warning")
    def _spoiler_warning_changed(self, event: Checkbox.Changed) -> None:
        """The warning line goes in or out; the choice holds for the session."""
        self.options = replace(self.options, spoiler_warning=event.value)
        host = desk(self)
        host.export_options = replace(host.export_options, spoiler_warning=event.value)
        self._rerender()

    def _rerender(self) -> None:
        self.rendered = render(self.review, self.template, self.mates, self.target, self.options)
        area = self.query_one("#markdown", TextArea)
        # No HTML highlighter: tree-sitter 0.26 crashes in some grammars (STYLE.md).
        area.language = None if self.target == "html" else "markdown"
        area.load_text(self.markdown)
        self.query_one("#filename", Input).value = str(self.folder / self.rendered.filename)
        self.show_findings()

    def action_publish(self) -> None:
        self.query_one(PublishBar).publish()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        {"copy": self.action_copy, "save": self.action_save, "close": self.action_close}[event.button.id]()

    @on(Input.Submitted, "#filename")
    def _submitted(self) -> None:
        self.action_save()

    def action_copy(self) -> None:
        desk(self).copy_text(self.markdown, what=self.review.title)

    def action_save(self) -> None:
        raw = self.query_one("#filename", Input).value.strip()
        if not raw:
            self.notify("Give the file a name.", severity="warning")
            return
        path = Path(raw).expanduser()
        if path.suffix.lower() not in (".md", ".markdown", ".txt", ".html"):
            path = path.with_name(path.name + ".md")
        try:
            if self.library_root is not None:
                write_export(self.library_root, path, self.markdown, make_folder=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(path, self.markdown.encode("utf-8"))
        except ExportRefused as exc:
            self.notify(f"{exc}.", title="Not saved", severity="error", timeout=10)
            return
        except OSError as exc:
            self.notify(f"Could not save {path}: {exc.strerror or exc}", severity="error", timeout=8)
            return
        self.notify(f"Saved {path}", title="Exported", timeout=5, markup=False)
        self.folder = path.parent  # the next proposal, here and in the next export: the last folder used
        desk(self).export_folder = path.parent

    def action_close(self) -> None:
        if self.query_one(PublishBar).busy:
            self.notify("Still publishing: the dialog can close once the blog has answered.", timeout=4)
            return
        self.dismiss(None)
