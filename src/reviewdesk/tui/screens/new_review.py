"""Start a review: title, season, template, tagline; then the first question."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from reviewdesk.review.template import DEFAULT_TEMPLATE, Template
from reviewdesk.tui.examples import example
from reviewdesk.tui.screens.dialog import Dialog


@dataclass
class NewReview:
    title: str
    season: str
    template: str
    tagline: str


class NewReviewScreen(Dialog[NewReview | None]):
    DEFAULT_CSS = """
    NewReviewScreen { align: center middle; }
    NewReviewScreen > Vertical { width: 80; max-width: 95%; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    NewReviewScreen .row { height: auto; }
    NewReviewScreen .row > Label { width: 10; padding: 1 1 0 0; text-align: right; }
    NewReviewScreen .row > Input, NewReviewScreen .row > Select { width: 1fr; }
    NewReviewScreen #buttons { height: auto; align: right middle; margin-top: 1; }
    NewReviewScreen Button { margin-left: 1; }
    NewReviewScreen #problem { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new.cancel")]

    def __init__(self, templates: list[Template], season: str = "") -> None:
        super().__init__()
        self.templates = templates
        self.season = season

    def compose(self):
        with Vertical():
            yield Static("[b]A new review[/b]\nWhat are you reviewing? You can change all of this later.")
            with Horizontal(classes="row"):
                yield Label("Title")
                yield Input(id="title", placeholder=example("Metallic Rouge (Season One)"))
            with Horizontal(classes="row"):
                yield Label("Season")
                yield Input(self.season, id="season", placeholder=example("Winter 2024"))
            with Horizontal(classes="row"):
                yield Label("Template")
                options = [(f"{t.name} ({len(t.questions)} questions)", t.id) for t in self.templates]
                ids = [t.id for t in self.templates]
                yield Select(options, value=DEFAULT_TEMPLATE if DEFAULT_TEMPLATE in ids else ids[0],
                             allow_blank=False, id="template")
            with Horizontal(classes="row"):
                yield Label("Tagline")
                yield Input(id="tagline", placeholder="One paragraph readers see first (optional)")
            yield Static("", id="problem")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", action="screen.cancel")
                yield Button("Start writing", id="start", variant="primary", action="screen.start")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        following = {"title": "season", "season": "tagline"}
        if event.input.id == "title" and not event.value.strip():
            self._needs_title()  # at once, not after the other fields
        elif event.input.id in following:
            self.query_one(f"#{following[event.input.id]}", Input).focus()
        else:
            self.action_start()

    def action_start(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        if not title:
            self._needs_title()
            return
        self.dismiss(NewReview(
            title=title,
            season=self.query_one("#season", Input).value.strip(),
            template=str(self.query_one("#template", Select).value),
            tagline=self.query_one("#tagline", Input).value,
        ))

    def _needs_title(self) -> None:
        self.query_one("#problem", Static).update("A review needs a title: type what you are reviewing.")
        self.query_one("#title", Input).focus()

    @on(Input.Changed, "#title")
    def _title_typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.query_one("#problem", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
