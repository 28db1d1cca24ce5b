"""Series Information and the review's details, as a small form."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select, Static, TextArea

from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.model import STATUSES, Review
from reviewdesk.review.text import check_line
from reviewdesk.review.urls import check_page_url
from reviewdesk.review.template import Template
from reviewdesk.tui.examples import example


def _score_text(score) -> str:
    if score is None:
        return ""
    return f"{score:g}" if isinstance(score, float) else str(score)


class InfoForm(VerticalScroll):
    """Edits title, season, tagline, status, URL and every info field.

    Each edit posts :class:`InfoForm.Edited` with what changed; the screen
    applies it to the review through the core and saves.
    """

    # Labels sit left of their fields where the form is wide enough for a
    # field of FIELD_MIN columns beside them, and above them where it is not
    # (the "-stacked" class): a value is seen whole either way.
    DEFAULT_CSS = """
    InfoForm { padding: 0 1; scrollbar-gutter: stable; }
    InfoForm .form-heading { text-style: bold; color: $accent; margin: 1 0 0 0; }
    InfoForm .row { height: auto; margin-bottom: 1; }
    InfoForm .row > Label { width: 18; padding: 0 1 0 0; text-align: right; color: $text-muted; }
    InfoForm .row > Input, InfoForm .row > Select { width: 1fr; }
    InfoForm #tagline { height: 4; width: 1fr; }
    InfoForm .problem { color: $error; height: auto; padding-left: 19; display: none; margin-bottom: 1; }
    InfoForm .problem.-shown { display: block; }
    InfoForm.-stacked .row { layout: vertical; }
    InfoForm.-stacked .row > Label { width: 1fr; padding: 0; text-align: left; }
    InfoForm.-stacked .problem { padding-left: 0; }
    """
    LABEL_WIDTH = 18
    FIELD_MIN = 44  # columns a field needs beside its label (a long title, a list of genres)
    GUTTER = 4  # the form's padding and its scroll bar's gutter

    class Edited(Message):
        def __init__(self, kind: str, key: str, value: str) -> None:
            super().__init__()
            self.kind = kind  # "field" (title, season...) or "info"
            self.key = key
            self.value = value

    def __init__(self, review: Review, template: Template, **kwargs) -> None:
        super().__init__(**kwargs)
        self.review = review
        self.template = template

    def compose(self):
        r = self.review
        yield Static(Text(getattr(self.template, "info_heading", "Series Information")), classes="form-heading")
        for f in self.template.info:
            with Horizontal(classes="row"):
                yield Label(Text(f.label))
                yield Input(
                    r.info_text(f),
                    id=f"info-{f.id}",
                    type="integer" if f.kind == "number" else "text",
                    placeholder=f.hint or ("comma-separated" if f.kind == "list" else ""),
                    compact=True,
                )
            yield Static("", id=f"problem-{f.id}", classes="problem")
        yield Static("About this review", classes="form-heading")
        with Horizontal(classes="row"):
            yield Label("Title")
            yield Input(r.title, id="field-title", placeholder=example("Metallic Rouge (Season One)"), compact=True)
        with Horizontal(classes="row"):
            yield Label("Season")
            yield Input(r.season, id="field-season", placeholder=example("Winter 2024"), compact=True)
        with Horizontal(classes="row"):
            yield Label("Tagline")
            yield TextArea(r.tagline, id="tagline", soft_wrap=True, tab_behavior="focus", compact=True,
                           placeholder="The one-paragraph synopsis readers see first")
        with Horizontal(classes="row"):
            yield Label("Status")
            yield Select([(s.capitalize(), s) for s in STATUSES], value=r.status, allow_blank=False,
                         id="field-status", compact=True)
        with Horizontal(classes="row"):
            yield Label("Published URL")
            yield Input(r.url, id="field-url", placeholder=example("https://your.blog/…"), compact=True)
        yield Static("", id="problem-url", classes="problem")
        verdict = getattr(self.template, "verdict", None)
        if verdict is not None:
            yield Static(Text(verdict.label or "Verdict"), classes="form-heading")
            if verdict.scale:
                with Horizontal(classes="row"):
                    yield Label(f"Score (of {verdict.scale})")
                    yield Input(_score_text(r.score), id="verdict-score", compact=True,
                                placeholder=f"e.g. 8 or 7.5, out of {verdict.scale}")
                yield Static("", id="problem-score", classes="problem")
            with Horizontal(classes="row"):
                yield Label("In one line")
                yield Input(r.verdict, id="verdict-verdict", compact=True,
                            placeholder=example("A gorgeous mess worth watching for the fights."))

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        wid = event.input.id or ""
        kind, _, key = wid.partition("-")
        if wid == "field-url":
            # Only a web address reaches the review; until the text is one,
            # the field says why and the review keeps its last good URL.
            try:
                check_page_url(check_line(event.value, "the URL"))
            except ReviewDeskError as exc:
                self.show_problem("url", str(exc))
                return
            self.show_problem("url", "")
        if kind in ("field", "info", "verdict"):
            self.post_message(self.Edited(kind, key, event.value))

    @on(TextArea.Changed, "#tagline")
    def _tagline_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if event.text_area.text != self.review.tagline:
            self.post_message(self.Edited("field", "tagline", event.text_area.text))

    @on(Select.Changed, "#field-status")
    def _status_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value != self.review.status and isinstance(event.value, str):
            self.post_message(self.Edited("field", "status", event.value))

    def fit_width(self, width: int) -> None:
        """Labels beside the fields, or above them if ``width`` (the form's)
        leaves a field fewer than FIELD_MIN columns beside its label."""
        if width > 0:
            self.set_class(width < self.LABEL_WIDTH + self.FIELD_MIN + self.GUTTER, "-stacked")

    def on_resize(self, event: events.Resize) -> None:
        self.fit_width(event.size.width)

    def show_problem(self, field_id: str, message: str) -> None:
        for problem in self.query(f"#problem-{field_id}").results(Static):
            problem.update(Text(message))
            problem.set_class(bool(message), "-shown")

    def first_input(self) -> Input:
        return self.query(Input).first()

    @property
    def made(self) -> bool:
        """True once the fields exist (the form has composed)."""
        return bool(self.query(Input))
