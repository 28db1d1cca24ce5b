"""Settings shows the library in use and where it comes from; exports go to one
folder (the export folder setting, the library's exports/ by default), then to
the folder of the last save, never to the folder the app was started in."""

from __future__ import annotations

import os
import tomllib

import pytest
from textual.widgets import Input, Static

from reviewdesk.config import locations
from reviewdesk.config.settings import choose_library, library_origin
from reviewdesk.errors import ClipboardError
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.export import ExportScreen
from reviewdesk.tui.screens.settings import SettingsScreen
from waiting import wait_for


def test_the_library_choice_names_its_source(tmp_path, library_dir, monkeypatch):
    assert choose_library(str(tmp_path / "flagged")).source == "flag"
    assert choose_library(None).source == "environment"  # the tests set REVIEWDESK_LIBRARY
    monkeypatch.delenv(locations.LIBRARY_ENV)
    assert choose_library(None).source == "default"
    locations.settings_file().write_text(f'library = "{tmp_path / "mine"}"\n')
    chosen = choose_library(None)
    assert (chosen.source, chosen.path) == ("settings", tmp_path / "mine")
    assert library_origin(tmp_path / "mine").source == "settings"
    assert library_origin(tmp_path / "elsewhere").source == "given"


async def open_settings(pilot) -> SettingsScreen:
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == "LibraryScreen", what="the library")
    await pilot.press("f2")
    await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen), what="Settings")
    return app.screen


async def test_settings_shows_the_library_the_flag_chose(tmp_path, library_dir):
    """Started with --library, Settings shows that folder and says the flag chose it."""
    elsewhere = tmp_path / "elsewhere"
    choice = choose_library(str(elsewhere))
    app = ReviewDeskApp(library=Library(choice.path), library_choice=choice)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        shown = str(screen.query_one("#library_in_use", Static).render())
        assert str(elsewhere) in shown and "--library flag" in shown
        assert str(library_dir) not in shown  # not the variable's folder, nor the default


async def test_settings_shows_the_library_the_variable_chose(library_dir):
    app = ReviewDeskApp(library=Library(library_dir))  # as a caller that does not say why
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        shown = str(screen.query_one("#library_in_use", Static).render())
        assert str(library_dir) in shown and "REVIEWDESK_LIBRARY" in shown


async def export_of(pilot, draft_slug) -> ExportScreen:
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review")
    await pilot.press("ctrl+g")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen), what="the export")
    return app.screen


async def test_save_as_proposes_the_librarys_exports_then_the_last_folder_used(draft, library_dir, tmp_path,
                                                                             monkeypatch):
    lib, slug = draft
    started_in = tmp_path / "started-here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        export = await export_of(pilot, slug)
        proposed = export.query_one("#filename", Input).value
        assert proposed == str(library_dir / "exports" / f"{slug}.md")
        assert str(started_in) not in proposed

        blog = tmp_path / "blog" / "posts"
        export.query_one("#filename", Input).value = str(blog / "rouge.md")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: (blog / "rouge.md").exists(), what="the saved post")
        await pilot.press("escape")
        export = await export_of(pilot, slug)
        assert export.query_one("#filename", Input).value == str(blog / f"{slug}.md")  # the last folder used


async def test_the_export_folder_setting_is_the_default_and_a_failed_copy_goes_there(
        draft, tmp_path, no_clipboard, monkeypatch):
    lib, slug = draft
    folder = tmp_path / "my exports"
    locations.settings_file().write_text(f'[export]\nfolder = "{folder}"\n')
    def no_terminal(text):
        raise ClipboardError("no terminal to send it to")

    monkeypatch.setattr("reviewdesk.publish.clipboard.osc52_sequence", no_terminal)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        export = await export_of(pilot, slug)
        assert export.query_one("#filename", Input).value == str(folder / f"{slug}.md")
        await pilot.press("ctrl+l")  # no clipboard of any kind: the post is kept in the export folder
        await wait_for(pilot, lambda: folder.is_dir() and any(folder.glob("*.md")), what="the kept post")


async def test_changing_the_export_folder_in_settings_changes_the_proposal(draft, review_app, tmp_path):
    lib, slug = draft
    async with review_app() as (app, pilot):
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review")
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen), what="Settings")
        app.screen.query_one("#export_folder", Input).value = str(tmp_path / "posts")
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review again")
        export = await export_of(pilot, slug)
        assert export.query_one("#filename", Input).value == str(tmp_path / "posts" / f"{slug}.md")
    saved = tomllib.loads(locations.settings_file().read_text())
    assert saved["export"]["folder"] == str(tmp_path / "posts")


@pytest.mark.parametrize("value", [3, ["a"]])
def test_a_wrong_export_folder_in_the_file_is_reported_and_the_default_used(value):
    from reviewdesk.config import settings

    path = locations.settings_file()
    path.write_text(f"[export]\nfolder = {value!r}\n".replace("'", '"'))
    loaded, problems = settings.load()
    assert loaded.export.folder is None
    assert [p.field for p in problems] == ["export.folder"]
    assert os.path.basename(str(settings.export_folder(loaded, locations.library_dir()))) == "exports"


async def test_an_export_folder_inside_the_library_is_refused_in_settings(draft, library_dir):
    """Only the library's exports/ may hold posts: the drafts' own folder is refused, and says so."""
    lib, slug = draft
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        box = screen.query_one("#export_folder", Input)
        box.focus()
        box.value = str(library_dir)
        await pilot.press("enter")
        await pilot.pause()
        status = str(screen.query_one("#status", Static).render())
        assert "inside the library" in status and "kept the default" in status
        assert app.settings.export.folder is None
        box.value = str(library_dir / "exports" / "posts")  # inside exports/: fine
        await pilot.press("enter")
        await pilot.pause()
        assert app.settings.export.folder == str(library_dir / "exports" / "posts")
