"""Images and captions for one question: add, edit, remove (and put back)."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.model import Image, Review, make_image
from reviewdesk.review.template import Question
from reviewdesk.tui.examples import caption_example, example
from reviewdesk.tui.screens.dialog import Dialog


class ImagesScreen(Dialog[bool]):
    """Dismisses with True when the images changed.

    The list's highlighted image is the one Remove and Delete act on; the
    first is highlighted when the dialog opens, and the list has the focus
    then (the source field, when there is no image yet). ctrl+z puts back
    the images removed since the dialog opened, the last one first."""

    # Compact fields and buttons: the whole dialog, buttons included, fits a
    # 80x24 terminal with eight images listed and the footer below it.
    DEFAULT_CSS = """
    ImagesScreen { align: center middle; }
    ImagesScreen > Vertical { width: 90%; max-width: 100; height: auto; max-height: 100%; border: thick $primary; background: $surface; padding: 0 2; }
    ImagesScreen #images { height: auto; max-height: 8; margin: 1 0; }
    ImagesScreen .row { height: 1; margin-bottom: 1; }
    ImagesScreen .row > Label { width: 10; padding: 0 1 0 0; text-align: right; }
    ImagesScreen .row > Input { width: 1fr; }
    ImagesScreen #buttons { height: 1; align: right middle; }
    ImagesScreen Button { margin-left: 2; }
    ImagesScreen #empty { color: $text-muted; margin: 1 0; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="images.close"),
        Binding("delete", "remove", "Remove image", id="images.remove"),
        Binding("ctrl+z", "undo_remove", "Undo remove", id="images.undo_remove"),
    ]

    def __init__(self, review: Review, question: Question, number: int) -> None:
        super().__init__()
        self.review, self.question, self.number = review, question, number
        self.changed = False
        self.editing: int | None = None
        self.removed: list[tuple[int, Image]] = []  # (where it was, the image), the newest last

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
                yield Input(id="src", placeholder=example("images/episode-4.png or https://…"), compact=True)
            with Horizontal(classes="row"):
                yield Label("Caption")
                yield Input(id="caption", compact=True, placeholder=caption_example(
                    self.review.title, self.question.heading, first=self.number == 1))
            with Horizontal(id="buttons"):
                # Never disabled (a disabled button fades below 4.5:1): with no image, it says why.
                yield Button("Remove", id="remove", variant="error", compact=True, action="screen.remove")
                yield Button("Add image", id="save", variant="primary", compact=True, action="screen.save")
                yield Button("Close", id="close", compact=True, action="screen.close")

    def on_mount(self) -> None:
        self._refresh()
        if self.images:
            self.query_one("#images", OptionList).focus()
        else:
            self.query_one("#src", Input).focus()

    def _refresh(self, highlight: int = 0) -> None:
        options = self.query_one("#images", OptionList)
        options.clear_options()
        for n, im in enumerate(self.images):
            options.add_option(Option(Text(f"{n + 1}. {im.caption or '(no caption)'}  —  {im.src}")))
        options.display = bool(self.images)
        if self.images:
            options.highlighted = min(highlight, len(self.images) - 1)
        self.query_one("#empty").display = not self.images

    def highlighted(self) -> int | None:
        """The image Remove and Delete act on: the one being edited, or the highlighted one."""
        if self.editing is not None:
            return self.editing
        index = self.query_one("#images", OptionList).highlighted
        return index if index is not None and index < len(self.images) else None

    @on(OptionList.OptionSelected, "#images")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        self.editing = event.option_index
        im = self.images[self.editing]
        self.query_one("#src", Input).value = im.src
        self.query_one("#caption", Input).value = im.caption
        self.query_one("#save", Button).label = "Update image"
        self.query_one("#caption", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "src":
            self.query_one("#caption", Input).focus()
        else:
            self.action_save()

    def action_remove(self) -> None:
        index = self.highlighted()
        if index is None:
            self.notify("No image to remove: this answer has none yet.", timeout=4)
            return
        image = self.images.pop(index)
        self.removed.append((index, image))
        self.changed = True
        self._reset(highlight=index)
        self.notify(f"Removed image {index + 1} ({image.caption or image.src}). ctrl+z puts it back.",
                    title="Image removed", timeout=6, markup=False)

    def action_undo_remove(self) -> None:
        if not self.removed:
            self.notify("Nothing to put back: no image was removed since this dialog opened.", timeout=4)
            return
        index, image = self.removed.pop()
        index = min(index, len(self.images))
        self.images.insert(index, image)
        self._reset(highlight=index)
        self.notify(f"Image {index + 1} is back ({image.caption or image.src}).", timeout=4, markup=False)

    def action_save(self) -> None:
        src = self.query_one("#src", Input).value
        caption = self.query_one("#caption", Input).value
        if self.editing is None:
            try:
                self.review.add_image(self.question.id, src, caption)
            except ReviewDeskError as exc:
                self.notify(str(exc), severity="warning")
                return
            highlight = len(self.images) - 1
        else:
            try:
                self.images[self.editing] = make_image(src, caption)
            except ReviewDeskError as exc:
                self.notify(str(exc), severity="warning")
                return
            highlight = self.editing
        self.changed = True
        self._reset(highlight=highlight, focus_source=True)

    def _reset(self, highlight: int = 0, focus_source: bool = False) -> None:
        """Back to adding an image: empty fields, the list shown again."""
        self.editing = None
        self.query_one("#src", Input).value = ""
        self.query_one("#caption", Input).value = ""
        self.query_one("#save", Button).label = "Add image"
        self._refresh(highlight)
        if self.images and not focus_source:
            self.query_one("#images", OptionList).focus()
        else:
            self.query_one("#src", Input).focus()

    def action_close(self) -> None:
        self.dismiss(self.changed)
