"""The real app with themes and settings: broken files, the palette, F2, restarts.

Every test has its own config folder (REVIEWDESK_CONFIG_DIR in tmp_path), so
the developer's own settings and themes are never read or written.
"""

from __future__ import annotations

from textual.color import Color
from textual.widgets import TextArea

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.settings import SettingsScreen
from drawn import colour_of
from waiting import notes_of

BROKEN_THEMES = {
    "bad-toml.toml": 'name = "half"\nprimary = "#88aaff\n',
    "unknown-field.toml": 'name = "extra"\nprimary = "#88aaff"\nshadow = "#000000"\n',
    "bad-colour.toml": 'name = "off"\nprimary = "#88aaff"\nbackground = "darkish"\n',
    "duplicate-name.toml": 'name = "desk-paper"\nprimary = "#88aaff"\n',
}


def notifications(app) -> list[str]:
    """What the app has notified so far (see make_app)."""
    return app.notes


def make_app(library_dir, slug=None) -> ReviewDeskApp:
    app = ReviewDeskApp(library=Library(library_dir), open_slug=slug)
    app.notes = notes_of(app)
    return app


async def test_broken_themes_and_settings_one_notification_nothing_rewritten(library_dir, config_dir):
    themes = config_dir / "themes"
    themes.mkdir()
    for name, text in BROKEN_THEMES.items():
        (themes / name).write_text(text)
    (config_dir / "settings.toml").write_text('theme = "desk-moss"\nautosave_delay = \n')
    before = {p: p.read_bytes() for p in config_dir.rglob("*") if p.is_file()}

    app = make_app(library_dir)
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = notifications(app)
        assert len(shown) == 1, shown
        text = shown[0]
        assert "settings.toml: line 2, column 18" in text
        assert "bad-toml.toml: line 2" in text
        assert "unknown-field.toml: shadow: unknown field" in text
        assert "bad-colour.toml: background: 'darkish' is not a colour" in text
        assert "duplicate-name.toml: name: 'desk-paper' is already taken" in text
        assert app.theme == "desk-ink", "a broken settings file means the defaults"
        assert type(app.screen).__name__ == "LibraryScreen", "the app runs"
        for name in ("half", "extra", "off"):
            assert name not in app.available_themes

    after = {p: p.read_bytes() for p in config_dir.rglob("*") if p.is_file()}
    assert after == before


async def test_a_theme_chosen_in_the_command_palette_survives_a_restart(library_dir, config_dir):
    app = make_app(library_dir)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await pilot.pause()
        await pilot.press("enter")  # "Theme": change the current theme
        await pilot.pause()
        await pilot.press(*"desk-sepia")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "desk-sepia"
    assert 'theme = "desk-sepia"' in (config_dir / "settings.toml").read_text()

    again = make_app(library_dir)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == "desk-sepia"
        assert notifications(again) == []


async def test_f2_opens_settings_even_from_the_editor_and_the_editor_follows_the_theme(library_dir):
    library = Library(library_dir)
    review = library.create("Frieren", season="Fall 2023")
    app = make_app(library_dir, review.slug)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        editor = app.screen.focused
        assert isinstance(editor, TextArea)
        editor.text = "## A heading"
        await pilot.pause()
        heading = colour_of(editor, "A heading")
        assert Color.from_rich_color(heading) == Color.parse(app.current_theme.primary)

        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#theme").value = "desk-linen"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.theme == "desk-linen"
        heading = colour_of(editor, "A heading")
        assert Color.from_rich_color(heading) == Color.parse("#0b5a68")


async def test_settings_is_a_command_in_the_palette(library_dir):
    app = make_app(library_dir)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"settings")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
