"""Images and captions for one question: add, edit, remove."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.model import Image, Review, make_image
from reviewdesk.review.template import Question


class ImagesScreen(ModalScreen[bool]):
    """Dismisses with True when the images changed."""

    DEFAULT_CSS = """
    ImagesScreen { align: center middle; }
    ImagesScreen > Vertical { width: 90%; max-width: 100; height: auto; max-height: 90%; border: thick $primary; background: $surface; padding: 1 2; }
    ImagesScreen #images { height: auto; max-height: 8; margin: 1 0; }
    ImagesScreen .row { height: auto; }
    ImagesScreen .row > Label { width: 10; padding: 1 1 0 0; text-align: right; }
    ImagesScreen .row > Input { width: 1fr; }
    ImagesScreen #buttons { height: auto; align: right middle; margin-top: 1; }
    ImagesScreen Button { margin-left: 1; }
    ImagesScreen #empty { color: $text-muted; margin: 1 0; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="images.close")]

    def __init__(self, review: Review, question: Question, number: int) -> None:
        super().__init__()
        self.review, self.question, self.number = review, question, number
        self.changed = False
        self.editing: int | None = None

    @property
    def images(self) -> list[Image]:
        return self.review.answer(self.question.id).images

    def compose(self):
        with Vertical():
            yield Static(f"[b]Images after question {self.number}[/b]: {escape(self.question.heading)}\n"
                         "An image belongs to the section it follows; its caption shows under it.")
            yield OptionList(id="images")
            yield Static("No images yet.", id="empty")
            with Horizontal(classes="row"):
                yield Label("Image")
                yield Input(id="src", placeholder="images/episode-4.png or https://…")
            with Horizontal(classes="row"):
                yield Label("Caption")
                yield Input(id="caption", placeholder="Metallic Rouge Episode 4 Rouge Redstar")
            with Horizontal(id="buttons"):
                yield Button("Remove", id="remove", variant="error", disabled=True)
                yield Button("Add image", id="save", variant="primary")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self._refresh()
        self.query_one("#src", Input).focus()

    def _refresh(self) -> None:
        options = self.query_one("#images", OptionList)
        options.clear_options()
        for n, im in enumerate(self.images):
            options.add_option(Option(Text(f"{n + 1}. {im.caption or '(no caption)'}  —  {im.src}")))
        options.display = bool(self.images)
        self.query_one("#empty").display = not self.images

    @on(OptionList.OptionSelected, "#images")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        self.editing = event.option_index
        im = self.images[self.editing]
        self.query_one("#src", Input).value = im.src
        self.query_one("#caption", Input).value = im.caption
        self.query_one("#save", Button).label = "Update image"
        self.query_one("#remove", Button).disabled = False
        self.query_one("#caption", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "src":
            self.query_one("#caption", Input).focus()
        else:
            self._save()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        elif event.button.id == "remove" and self.editing is not None:
            del self.images[self.editing]
            self.changed = True
            self._reset()
        elif event.button.id == "close":
            self.action_close()

    def _save(self) -> None:
        src = self.query_one("#src", Input).value
        caption = self.query_one("#caption", Input).value
        if self.editing is None:
            try:
                self.review.add_image(self.question.id, src, caption)
            except ReviewDeskError as exc:
                self.notify(str(exc), severity="warning")
                return
        else:
            try:
                self.images[self.editing] = make_image(src, caption)
            except ReviewDeskError as exc:
                self.notify(str(exc), severity="warning")
                return
        self.changed = True
        self._reset()

    def _reset(self) -> None:
        self.editing = None
        self.query_one("#src", Input).value = ""
        self.query_one("#caption", Input).value = ""
        self.query_one("#save", Button).label = "Add image"
        self.query_one("#remove", Button).disabled = True
        self._refresh()
        self.query_one("#src", Input).focus()

    def action_close(self) -> None:
        self.dismiss(self.changed)
