"""The app provides what its screens may ask of it (reviewdesk.tui.desk), with
the declared types, before and after the settings file is read; and screens
reach it through that interface, not by trying attributes."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from reviewdesk.config.settings import LibraryChoice, Settings
from reviewdesk.publish.export_options import ExportOptions
from reviewdesk.review.library import Library
from reviewdesk.tui import desk as desk_module
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.desk import Desk, OffersCommands, SettingsHost, desk

TYPES = {"library": Library, "settings": Settings, "autosave_delay": float, "preview_open": bool,
         "export_options": ExportOptions, "export_target": str, "export_folder": Path,
         "export_folder_setting": (Path, type(None)), "library_choice": LibraryChoice}


def check_state(app) -> None:
    for name, kind in TYPES.items():
        assert isinstance(getattr(app, name), kind), (name, getattr(app, name))


def test_the_app_is_a_desk_with_the_declared_types_from_the_start(library):
    app = ReviewDeskApp(library=library)
    assert isinstance(app, Desk) and isinstance(app, SettingsHost)
    check_state(app)
    declared = {name for cls in (Desk, SettingsHost) for name in cls.__annotations__}
    assert declared == set(TYPES)
    for name, member in inspect.getmembers(Desk, inspect.isfunction):
        if not name.startswith("_"):
            ours = inspect.signature(getattr(ReviewDeskApp, name))
            assert list(ours.parameters) == list(inspect.signature(member).parameters), name


async def test_the_state_keeps_its_types_once_settings_are_applied(library, config_dir):
    (config_dir / "settings.toml").write_text('autosave_delay = 2.5\npreview_open = false\n'
                                              '[export]\ntarget = "hugo"\nheading_level = 3\n')
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        check_state(app)
        assert desk(app.screen) is app
        assert (app.autosave_delay, app.preview_open, app.export_target) == (2.5, False, "hugo")
        assert isinstance(app.screen, OffersCommands)


def test_screens_do_not_try_attributes_on_the_app():
    tui = Path(desk_module.__file__).parent
    tries = re.compile(r"(getattr|hasattr)\((self\.)?app\b|getattr\(self, \"(export_target|settings)\"")
    found = [f"{path.relative_to(tui)}:{n}" for path in tui.rglob("*.py")
             for n, line in enumerate(path.read_text().splitlines(), 1) if tries.search(line)]
    assert found == []
