"""The settings screen and the app's start: apply at once, persist, survive a restart.

A small host app stands in for Review Desk here (the attributes the real app
reads); tests/themes/test_app_themes.py runs the real app.
"""

from __future__ import annotations

import tomllib

from textual.app import App, ComposeResult
from textual.widgets import Input, Select, Switch, TextArea

from reviewdesk.config import locations
from reviewdesk.config.settings import library_origin
from reviewdesk.publish.export import ExportOptions
from reviewdesk.review.library import Library
from reviewdesk.tui.screens.settings import SettingsScreen, setup


class Host(App):
    def __init__(self) -> None:
        super().__init__()
        self.autosave_delay = 1.0
        self.preview_open = True
        self.export_options = ExportOptions()
        self.library = Library(locations.library_dir())
        self.library_choice = library_origin(self.library.root)
        self.notes: list[str] = []

    def compose(self) -> ComposeResult:
        yield TextArea("# Hi", language="markdown")

    def on_mount(self) -> None:
        self.problems = setup(self)

    def notify(self, message, **kwargs):  # keep what the writer was told
        self.notes.append(str(message))
        return super().notify(message, **kwargs)


def saved() -> dict:
    return tomllib.loads(locations.settings_file().read_text())


async def test_defaults_without_a_file_and_nothing_written():
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.problems == [] and app.notes == []
        assert app.theme == "desk-ink"
        assert (app.autosave_delay, app.preview_open, app.export_target) == (1.0, True, "markdown")
    assert not locations.settings_file().exists()


async def test_settings_from_the_file_reach_the_app():
    path = locations.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "desk-sepia"\nautosave_delay = 2.5\npreview_open = false\n'
                    '[export]\nheading_level = 3\ninclude_title = false\ntarget = "hugo"\n')
    before = path.read_bytes()
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "desk-sepia"
        assert (app.autosave_delay, app.preview_open, app.export_target) == (2.5, False, "hugo")
        assert (app.export_options.heading_level, app.export_options.include_title) == (3, False)
    assert path.read_bytes() == before


async def test_every_setting_is_edited_applied_and_saved():
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(SettingsScreen())
        await pilot.pause()
        screen = app.screen
        screen.query_one("#theme", Select).value = "desk-linen"
        screen.query_one("#heading_level", Select).value = 4
        screen.query_one("#target", Select).value = "yaml"
        screen.query_one("#include_title", Switch).value = False
        screen.query_one("#preview_open", Switch).value = False
        await pilot.pause()
        assert app.theme == "desk-linen"
        assert app.export_options.heading_level == 4 and app.export_options.include_title is False
        assert app.export_target == "yaml" and app.preview_open is False
        delay = screen.query_one("#autosave_delay", Input)
        delay.focus()
        delay.value = "2"
        await pilot.press("enter")
        assert app.autosave_delay == 2.0
        library = screen.query_one("#library", Input)
        library.value = "~/Reviews"
        screen.query_one("#export_folder", Input).value = "~/blog/exports"
        await pilot.press("escape")  # leaving commits what was typed
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
    assert saved() == {
        "theme": "desk-linen", "autosave_delay": 2.0, "preview_open": False, "library": "~/Reviews",
        "export": {"heading_level": 4, "include_title": False, "target": "yaml", "folder": "~/blog/exports"},
    }


async def test_a_bad_autosave_delay_is_refused_and_says_why():
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(SettingsScreen())
        await pilot.pause()
        delay = app.screen.query_one("#autosave_delay", Input)
        delay.focus()
        delay.value = "0"
        await pilot.press("enter")
        status = str(app.screen.query_one("#status").render())
        assert "from 0.2 to 30" in status and "kept 1" in status
        assert app.autosave_delay == 1.0
    assert not locations.settings_file().exists()


async def test_a_broken_settings_file_is_reported_untouched_and_the_app_runs_on_defaults():
    path = locations.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "desk-paper"\n[export\nheading_level = 3\n')
    before = path.read_bytes()
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "desk-ink"
        assert len(app.notes) == 1
        assert f"{path}: line 2" in app.notes[0]
        app.theme = "desk-moss"  # a change cannot be saved: it says so, and the file stays
        await pilot.pause()
        assert any("Setting not saved" in n or "does not parse" in n for n in app.notes[1:])
    assert path.read_bytes() == before


async def test_an_unknown_theme_in_settings_falls_back_and_is_not_rewritten():
    path = locations.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "gone-theme"\n')
    before = path.read_bytes()
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "desk-ink"
        assert "theme: no theme named 'gone-theme'; using desk-ink" in app.notes[0]
    assert path.read_bytes() == before


async def test_a_chosen_theme_survives_a_restart():
    app = Host()
    async with app.run_test() as pilot:
        app.theme = "desk-dusk"  # as the command palette does
        await pilot.pause()
    assert saved()["theme"] == "desk-dusk"
    again = Host()
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == "desk-dusk"
