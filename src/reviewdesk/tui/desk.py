"""What screens may ask of the app: its state and the few things it does for
them, declared here, so a screen calls a known interface rather than trying
attributes on ``self.app`` (``ReviewDeskApp`` implements it; a test checks).

- :class:`SettingsHost`: the writer's settings, what they set, and the
  library they apply to. The settings screen and :mod:`reviewdesk.tui.theming`
  need only this.
- :class:`Desk`: that, and opening, exporting, copying and publishing
  reviews: what the library, review and export screens use.
- :class:`OffersCommands`: a screen that adds its own commands to the
  command palette.

Screens reach the app with :func:`desk` or :func:`settings_host`, which
check it once and give it its declared type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from reviewdesk.config.settings import LibraryChoice, Settings
    from reviewdesk.publish.export_options import ExportOptions
    from reviewdesk.review.library import Library
    from reviewdesk.review.model import Review
    from reviewdesk.review.template import Template


@runtime_checkable
class SettingsHost(Protocol):
    settings: Settings  # as read from the settings file, changed by the settings screen
    autosave_delay: float  # seconds of pause before an autosave
    preview_open: bool  # the review screen opens with its preview
    export_options: ExportOptions  # heading level, title line, spoiler warning
    export_target: str  # the target copy and export use by default
    library: Library
    library_choice: LibraryChoice  # the library folder in use and where that choice came from
    export_folder: Path  # where exports are proposed, and a failed copy is kept
    export_folder_setting: Path | None  # the export folder setting's folder, as last applied


@runtime_checkable
class Desk(SettingsHost, Protocol):

    def open_review(self, slug: str, start: int | None = None) -> None: ...

    def start_new_review(self) -> None: ...

    def start_import(self) -> None: ...

    def open_export(self, review: Review, template: Template | None, publish_to: str | None = None) -> None: ...

    def copy_post(self, review: Review, template: Template | None) -> None: ...

    def copy_text(self, text: str, what: str = "The post", filename: str = "review.md",
                  message: str | None = None) -> str | None: ...

    def record_published(self, review: Review, outcome) -> str | None:
        """Where a post went, into the draft (the open review's, or the file)."""
        ...


@runtime_checkable
class OffersCommands(Protocol):
    def palette_commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        """(title, help, callback) for each of the screen's palette commands."""
        ...


def _app_as(node: DOMNode, protocol: type, what: str):
    app = node.app
    if not isinstance(app, protocol):
        raise TypeError(f"{type(app).__name__} does not {what} (reviewdesk.tui.desk.{protocol.__name__})")
    return app


def desk(node: DOMNode) -> Desk:
    """The app a screen or widget runs in, as a :class:`Desk`."""
    return _app_as(node, Desk, "provide what Review Desk's screens need")


def settings_host(node: DOMNode) -> SettingsHost:
    """The app a screen runs in, as a :class:`SettingsHost`."""
    return _app_as(node, SettingsHost, "hold Review Desk's settings")
