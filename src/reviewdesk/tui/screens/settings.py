"""Settings: every setting on one screen; a change applies at once and is saved.

``setup(app)`` is the app's one call at start: it reads the settings file,
registers the themes, applies both, shows every problem in one notification,
and from then on remembers a theme chosen anywhere (the command palette too).
It lives in :mod:`reviewdesk.tui.theming` (so the start imports none of this
screen's widgets) and is importable from here as before.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.validation import Number
from textual.widgets import Input, Label, Select, Static, Switch

from reviewdesk.config import locations
from reviewdesk.config import settings as settings_file
from reviewdesk.config.settings import EXPORT_TARGETS, Settings
from reviewdesk.tui.desk import settings_host
from reviewdesk.tui.theming import apply_settings, persist, remember_theme, setup
from reviewdesk.tui.screens.dialog import Dialog

TARGET_LABELS = {
    "markdown": "Plain Markdown",
    "hugo": "Hugo (TOML front matter +++)",
    "yaml": "YAML front matter (---)",
    "html": "HTML",
}
assert set(TARGET_LABELS) == set(EXPORT_TARGETS)


# The app side: setup() runs at every start, so it lives with the themes
# (reviewdesk.tui.theming), imported above, and this screen's widgets are
# imported only when the screen is opened.

__all__ = ["TARGET_LABELS", "SettingsScreen", "apply_settings", "persist", "remember_theme", "setup"]


# The screen -----------------------------------------------------------------

class SettingsScreen(Dialog[None]):
    """Edit every setting. Each change applies and is saved as it is made."""

    DEFAULT_CSS = """
    SettingsScreen { align: center middle; }
    SettingsScreen > VerticalScroll {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SettingsScreen #title { text-style: bold; padding: 0 0 1 0; }
    SettingsScreen Grid { grid-size: 2; grid-columns: 24 1fr; grid-rows: auto; grid-gutter: 0 1; height: auto; }
    SettingsScreen Grid > Label { padding: 1 0 0 0; width: 100%; }
    SettingsScreen #library_in_use { padding: 0 1; height: auto; }
    SettingsScreen Switch { width: auto; }
    SettingsScreen #status { color: $text-muted; padding: 1 0 0 0; }
    SettingsScreen #status.-error { color: $text-error; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="settings.close")]

    def compose(self) -> ComposeResult:
        current: Settings = settings_host(self).settings
        themes = sorted(self.app.available_themes, key=lambda n: (not n.startswith("desk-"), n))
        with VerticalScroll():  # a short terminal scrolls to the last settings
            yield Static("Settings", id="title")
            with Grid():
                yield Label("Theme")
                yield Select([(n, n) for n in themes], value=self.app.theme, allow_blank=False, id="theme")
                yield Label("Question headings")
                yield Select([(f"{'#' * n} level {n}", n) for n in settings_file.HEADING_LEVELS],
                             value=current.export.heading_level, allow_blank=False, id="heading_level")
                yield Label("Title line in export")
                yield Switch(current.export.include_title, id="include_title")
                yield Label("Export as")
                yield Select([(TARGET_LABELS[t], t) for t in EXPORT_TARGETS], value=current.export.target,
                             allow_blank=False, id="target")
                yield Label("Export folder")
                yield Input(current.export.folder or "", id="export_folder",
                            placeholder=f"the library's exports/ ({self._default_exports()})")
                yield Label("Autosave after (seconds)")
                yield Input(f"{current.autosave_delay:g}", id="autosave_delay", type="number",
                            validators=[Number(minimum=settings_file.AUTOSAVE_MIN,
                                               maximum=settings_file.AUTOSAVE_MAX)])
                yield Label("Preview starts open")
                yield Switch(current.preview_open, id="preview_open")
                yield Label("Library in use")
                yield Static(self._library_in_use(), id="library_in_use")
                yield Label("Library folder")
                yield Input(current.library or "", id="library",
                            placeholder=f"the default ({locations.library_dir(None) if not os.environ.get(locations.LIBRARY_ENV) else 'your user data folder'})")
            yield Static(self._where(), id="status")

    def _default_exports(self) -> str:
        return str(locations.exports_dir(settings_host(self).library.root))

    def _library_in_use(self) -> Text:
        """The folder open now and where that choice comes from; the setting
        below is used only when neither the flag nor the variable is given."""
        choice = settings_host(self).library_choice
        text = Text()
        text.append(str(choice.path), style="bold")
        text.append(f"\nfrom {choice.describe()}")
        if choice.source in ("flag", "environment", "given"):
            text.append("; it wins over the library folder setting below")
        return text

    def _where(self) -> str:
        return (f"Saved as you go in {locations.settings_file()}. A new library folder is used from the "
                "next start, unless --library or $" + locations.LIBRARY_ENV + " names another.")

    def on_mount(self) -> None:
        self.query_one("#theme", Select).focus()

    def _saved(self, field: str, label: str) -> None:
        status = self.query_one("#status", Static)
        if persist(self.app, field):
            status.remove_class("-error")
            status.update(f"{label}: saved. {self._where()}")
        else:
            status.add_class("-error")
            status.update(f"{label}: applies now, but could not be saved (see the notification).")

    def _change(self, field: str, value, label: str) -> None:
        current: Settings = settings_host(self).settings
        if field.startswith("export."):
            name = field.split(".", 1)[1]
            if getattr(current.export, name) == value:
                return
            setattr(current.export, name, value)
        else:
            if getattr(current, field) == value:
                return
            setattr(current, field, value)
        apply_settings(settings_host(self), current)
        self._saved(field, label)

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if event.value != Select.BLANK and event.value != self.app.theme:
            self.app.theme = str(event.value)  # remember_theme saves it
            self.query_one("#status", Static).update(f"Theme {event.value}: saved. {self._where()}")

    # A choice's widget id -> the setting it changes and the name the status line gives it.
    CHOICES = {
        "heading_level": ("export.heading_level", "Question headings"),
        "target": ("export.target", "Export as"),
        "include_title": ("export.include_title", "Title line"),
        "preview_open": ("preview_open", "Preview"),
    }

    @on(Select.Changed)
    @on(Switch.Changed)
    def _choice(self, event: Select.Changed | Switch.Changed) -> None:
        if (chosen := self.CHOICES.get(event.control.id or "")) is not None:
            self._change(chosen[0], event.value, chosen[1])

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _typed(self, event: Input.Submitted | Input.Blurred) -> None:
        """A typed value counts on Enter or on leaving the field; a blur while
        the screen closes was committed by :meth:`action_close` already."""
        commit = {"autosave_delay": self._commit_autosave, "library": self._commit_library,
                  "export_folder": self._commit_export_folder}.get(event.input.id or "")
        if commit is not None and self.is_current:
            commit()

    def _refused(self, message: str) -> None:
        """A typed value that was not taken: the status line says why and what was kept."""
        status = self.query_one("#status", Static)
        status.add_class("-error")
        status.update(message)

    def _commit_autosave(self) -> None:
        raw = self.query_one("#autosave_delay", Input).value
        try:
            seconds = float(raw)
        except ValueError:
            seconds = -1.0
        if not settings_file.AUTOSAVE_MIN <= seconds <= settings_file.AUTOSAVE_MAX:
            self._refused(f"Autosave: a number of seconds from {settings_file.AUTOSAVE_MIN:g} to "
                          f"{settings_file.AUTOSAVE_MAX:g}; kept {settings_host(self).settings.autosave_delay:g}.")
            return
        self._change("autosave_delay", seconds, "Autosave")

    def _commit_library(self) -> None:
        self._change("library", self.query_one("#library", Input).value.strip() or None, "Library folder")

    def _commit_export_folder(self) -> None:
        from reviewdesk.publish.output_guard import ExportRefused, Guard

        raw = self.query_one("#export_folder", Input).value.strip() or None
        if raw is not None:
            try:  # an export may go outside the library, or into its exports/ only
                Guard(settings_host(self).library.root).check_folder(Path(raw).expanduser())
            except ExportRefused:
                self._refused(f"Export folder: {raw} is inside the library, where only exports/ may hold "
                              f"posts; kept {settings_host(self).settings.export.folder or 'the default'}.")
                return
        self._change("export.folder", raw, "Export folder")

    def action_close(self) -> None:
        """Typed-in values count even when the writer leaves without Enter."""
        self._commit_autosave()
        self._commit_library()
        self._commit_export_folder()
        self.dismiss(None)
