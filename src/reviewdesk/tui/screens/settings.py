"""Settings: every setting on one screen; a change applies at once and is saved.

``setup(app)`` is the app's one call at start: it reads the settings file,
registers the themes, applies both, shows every problem in one notification,
and from then on remembers a theme chosen anywhere (the command palette too).
"""

from __future__ import annotations

import dataclasses
import os

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.validation import Number
from textual.widgets import Input, Label, Select, Static, Switch

from reviewdesk import locations
from reviewdesk import settings as settings_file
from reviewdesk.settings import DEFAULT_THEME, EXPORT_TARGETS, Settings, SettingsError
from reviewdesk.tui.theming import install_themes, problems_message, refresh_editors

TARGET_LABELS = {
    "markdown": "Plain Markdown",
    "hugo": "Hugo (TOML front matter +++)",
    "yaml": "YAML front matter (---)",
    "html": "HTML",
}
assert set(TARGET_LABELS) == set(EXPORT_TARGETS)


# The app side ---------------------------------------------------------------

def setup(app: App) -> list[str]:
    """Load settings and themes into ``app``; call once from ``on_mount``.

    Never raises for a broken file: problems are shown in one notification
    (and returned), the app runs on the defaults, and nothing is written.
    """
    loaded, found = settings_file.load()
    problems = [str(p) for p in found]
    problems += install_themes(app)
    theme = loaded.theme
    if theme not in app.available_themes:
        problems.append(f"{locations.settings_file()}: theme: no theme named {theme!r}; "
                        f"using {DEFAULT_THEME}")
        theme = DEFAULT_THEME if DEFAULT_THEME in app.available_themes else "textual-dark"
    app.settings = loaded
    apply_settings(app, loaded)
    app.theme = theme
    # From here on a theme chosen anywhere (palette, settings screen) is kept.
    app.watch(app, "theme", lambda name: remember_theme(app, name), init=False)
    app.theme_changed_signal.subscribe(app, lambda theme: refresh_editors(app, theme))
    if problems:
        app.notify(problems_message(problems), title="Some settings or themes were not used",
                   severity="warning", timeout=20, markup=False)
    return problems


def apply_settings(app: App, current: Settings) -> None:
    """Hand the settings to the parts of the app that use them."""
    app.autosave_delay = current.autosave_delay
    app.preview_open = current.preview_open
    options = getattr(app, "export_options", None)
    if options is not None and dataclasses.is_dataclass(options):
        app.export_options = dataclasses.replace(
            options, heading_level=current.export.heading_level,
            include_title=current.export.include_title)
    app.export_target = current.export.target
    for screen in app.screen_stack:  # an open review takes the new delay at once
        if hasattr(screen, "autosave_delay"):
            screen.autosave_delay = current.autosave_delay


def remember_theme(app: App, name: str) -> None:
    current: Settings | None = getattr(app, "settings", None)
    if current is None or current.theme == name:
        return
    current.theme = name
    persist(app, "theme")


def persist(app: App, field: str) -> bool:
    """Save one field; say so when it cannot be saved (the change still applies)."""
    try:
        settings_file.save(app.settings, fields=[field])
    except SettingsError as exc:
        app.notify(f"{exc}. The change applies until you quit.", title="Setting not saved",
                   severity="error", timeout=10, markup=False)
        return False
    return True


# The screen -----------------------------------------------------------------

class SettingsScreen(ModalScreen[None]):
    """Edit every setting. Each change applies and is saved as it is made."""

    DEFAULT_CSS = """
    SettingsScreen { align: center middle; }
    SettingsScreen > Vertical {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SettingsScreen #title { text-style: bold; padding: 0 0 1 0; }
    SettingsScreen Grid { grid-size: 2; grid-columns: 24 1fr; grid-rows: auto; grid-gutter: 0 1; height: auto; }
    SettingsScreen Grid > Label { padding: 1 0 0 0; width: 100%; }
    SettingsScreen Switch { width: auto; }
    SettingsScreen #status { color: $text-muted; padding: 1 0 0 0; }
    SettingsScreen #status.-error { color: $text-error; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="settings.close")]

    def compose(self) -> ComposeResult:
        current: Settings = self.app.settings
        themes = sorted(self.app.available_themes, key=lambda n: (not n.startswith("desk-"), n))
        with Vertical():
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
                yield Label("Autosave after (seconds)")
                yield Input(f"{current.autosave_delay:g}", id="autosave_delay", type="number",
                            validators=[Number(minimum=settings_file.AUTOSAVE_MIN,
                                               maximum=settings_file.AUTOSAVE_MAX)])
                yield Label("Preview starts open")
                yield Switch(current.preview_open, id="preview_open")
                yield Label("Library folder")
                yield Input(current.library or "", id="library",
                            placeholder=str(locations.library_dir(None) if not os.environ.get(
                                locations.LIBRARY_ENV) else "(set by $REVIEWDESK_LIBRARY)"))
            yield Static(self._where(), id="status")

    def _where(self) -> str:
        note = f"Saved as you go in {locations.settings_file()}."
        if os.environ.get(locations.LIBRARY_ENV):
            note += f" ${locations.LIBRARY_ENV} is set and wins over the library folder."
        return note + " A new library folder is used from the next start."

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
        current: Settings = self.app.settings
        if field.startswith("export."):
            name = field.split(".", 1)[1]
            if getattr(current.export, name) == value:
                return
            setattr(current.export, name, value)
        else:
            if getattr(current, field) == value:
                return
            setattr(current, field, value)
        apply_settings(self.app, current)
        self._saved(field, label)

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if event.value != Select.BLANK and event.value != self.app.theme:
            self.app.theme = str(event.value)  # remember_theme saves it
            self.query_one("#status", Static).update(f"Theme {event.value}: saved. {self._where()}")

    @on(Select.Changed, "#heading_level")
    def _heading(self, event: Select.Changed) -> None:
        self._change("export.heading_level", event.value, "Question headings")

    @on(Select.Changed, "#target")
    def _target(self, event: Select.Changed) -> None:
        self._change("export.target", event.value, "Export as")

    @on(Switch.Changed, "#include_title")
    def _title(self, event: Switch.Changed) -> None:
        self._change("export.include_title", event.value, "Title line")

    @on(Switch.Changed, "#preview_open")
    def _preview(self, event: Switch.Changed) -> None:
        self._change("preview_open", event.value, "Preview")

    @on(Input.Submitted, "#autosave_delay")
    @on(Input.Blurred, "#autosave_delay")
    def _autosave(self) -> None:
        if self.is_current:  # a blur while the screen closes was committed already
            self._commit_autosave()

    @on(Input.Submitted, "#library")
    @on(Input.Blurred, "#library")
    def _library(self) -> None:
        if self.is_current:
            self._commit_library()

    def _commit_autosave(self) -> None:
        raw = self.query_one("#autosave_delay", Input).value
        try:
            seconds = float(raw)
        except ValueError:
            seconds = -1.0
        if not settings_file.AUTOSAVE_MIN <= seconds <= settings_file.AUTOSAVE_MAX:
            status = self.query_one("#status", Static)
            status.add_class("-error")
            status.update(f"Autosave: a number of seconds from {settings_file.AUTOSAVE_MIN:g} "
                          f"to {settings_file.AUTOSAVE_MAX:g}; kept {self.app.settings.autosave_delay:g}.")
            return
        self._change("autosave_delay", seconds, "Autosave")

    def _commit_library(self) -> None:
        self._change("library", self.query_one("#library", Input).value.strip() or None, "Library folder")

    def action_close(self) -> None:
        """Typed-in values count even when the writer leaves without Enter."""
        self._commit_autosave()
        self._commit_library()
        self.dismiss(None)
