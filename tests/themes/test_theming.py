"""Themes in a Textual app: registered, checked for contrast, followed by the editor."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import TextArea

from reviewdesk.config import locations
from reviewdesk.config.theme_files import read_theme_file
from reviewdesk.tui import theming
from drawn import colour_of
from reviewdesk.tui.theming import (
    MIN_CONTRAST,
    build_theme,
    contrast_problems,
    contrast_ratio,
    contrast_report,
    editor_theme,
    follow_app_theme,
    install_themes,
)

SHIPPED = sorted(locations.shipped_themes_dir().glob("*.toml"))


class Bare(App):
    """Only a Markdown TextArea: enough to see themes register and apply."""

    def compose(self) -> ComposeResult:
        yield TextArea("# Heading\n\n[ref]: https://example.com\n", language="markdown")

    def on_mount(self) -> None:
        self.problems = install_themes(self)
        follow_app_theme(self.query_one(TextArea))


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(Color(0, 0, 0), Color(255, 255, 255)) == contrast_ratio("#fff", "#000")
    # a translucent colour is measured as it is painted, over the background
    assert contrast_ratio("#ffffff00", "#123456") == pytest.approx(1.0)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_shipped_theme_passes_the_full_check(path):
    """The app's start trusts the shipped themes to build (it checks only the
    writer's own): this is the check it skips."""
    from reviewdesk.tui.theming import _check_built

    assert _check_built(build_theme(read_theme_file(path)), path) == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_shipped_theme_reads_at_4_5_to_1(path):
    theme = build_theme(read_theme_file(path))
    assert contrast_problems(theme) == []
    report = contrast_report(theme)
    assert set(report) == {"body", "heading", "link", "code", "quote", "escape"}
    assert min(report.values()) >= MIN_CONTRAST


def test_the_check_catches_a_faint_theme():
    faint = Theme(name="faint", primary="#777777", background="#6a6a6a", foreground="#ffffff")
    problems = contrast_problems(faint)
    assert any(p.lower().startswith("heading #777777 on background #6a6a6a") for p in problems)
    assert not any(p.startswith("body") for p in problems)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_editor_colours_are_the_themes_own(path):
    theme = build_theme(read_theme_file(path))
    styles = editor_theme(theme).syntax_styles
    assert Color.from_rich_color(styles["heading"].color) == Color.parse(theme.primary)
    assert styles["heading"].bold
    assert Color.from_rich_color(styles["link.uri"].color) == Color.parse(theme.accent)
    assert Color.from_rich_color(styles["text.literal"].color) == Color.parse(theme.secondary)
    assert Color.from_rich_color(styles["italic"].color) == Color.parse(theme.foreground)
    assert styles["italic"].italic and styles["bold"].bold


def test_a_theme_can_name_its_own_syntax_colours():
    theme = Theme(name="t", primary="#88aaff", background="#101010", foreground="#eeeeee",
                  variables={"syntax-heading": "#ffcc00"})
    heading = editor_theme(theme).syntax_styles["heading"].color
    assert Color.from_rich_color(heading) == Color.parse("#ffcc00")


def test_faint_colours_are_lifted_in_the_editor_of_unchecked_themes():
    """Built-in and writers' themes are not all checked: the editor nudges a
    colour until it reads, rather than painting unreadable headings."""
    theme = Theme(name="t", primary="#303040", background="#101010", surface="#181818",
                  foreground="#eeeeee", dark=True)
    heading = Color.from_rich_color(editor_theme(theme).syntax_styles["heading"].color)
    assert contrast_ratio(heading, "#101010") >= MIN_CONTRAST
    assert contrast_ratio(heading, "#181818") >= MIN_CONTRAST


@pytest.mark.parametrize("name", sorted(BUILTIN_THEMES))
def test_every_textual_theme_gets_an_editor_theme(name):
    assert editor_theme(BUILTIN_THEMES[name]).syntax_styles["heading"].bold


async def test_install_registers_every_shipped_theme_and_the_editor_follows():
    app = Bare()
    async with app.run_test() as pilot:
        assert app.problems == []
        for path in SHIPPED:
            assert path.stem in app.available_themes
        assert "nord" in app.available_themes, "Textual's themes stay available"
        text_area = app.query_one(TextArea)
        for path in SHIPPED:
            app.theme = path.stem
            await pilot.pause()
            heading = colour_of(text_area, "Heading")
            assert Color.from_rich_color(heading) == Color.parse(app.current_theme.primary), path.stem
        app.theme = "nord"
        await pilot.pause()
        heading = Color.from_rich_color(colour_of(text_area, "Heading"))
        assert contrast_ratio(heading, BUILTIN_THEMES["nord"].surface) >= MIN_CONTRAST


async def test_broken_user_themes_are_reported_and_left_out(private_folders):
    folder = private_folders / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "bad-toml.toml": 'name = "x"\nprimary = \n',
        "unknown-field.toml": 'name = "u"\nprimary = "#fff"\nshade = "#000"\n',
        "bad-colour.toml": 'name = "c"\nprimary = "#ff00zz"\n',
        "duplicate.toml": 'name = "desk-ink"\nprimary = "#fff"\n',
        "bad-variable.toml": 'name = "v"\nprimary = "#fff"\n[variables]\nborder = "wobbly"\n',
        "good.toml": 'name = "writer-own"\nprimary = "#88aaff"\n',
    }
    for name, text in files.items():
        (folder / name).write_text(text)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    app = Bare()
    async with app.run_test():
        text = "\n".join(app.problems)
        assert len(app.problems) == 5
        assert "bad-toml.toml: line 2, column 11: not valid TOML" in text
        assert "unknown-field.toml: shade: unknown field" in text
        assert "bad-colour.toml: primary: '#ff00zz' is not a colour" in text
        assert "duplicate.toml: name: 'desk-ink' is already taken by desk-ink.toml (shipped)" in text
        assert "bad-variable.toml: variables.border: 'wobbly' is not a colour" in text
        assert "writer-own" in app.available_themes
        for name in ("x", "u", "c", "v"):
            assert name not in app.available_themes
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_problems_message_is_one_notification_with_a_limit():
    lines = [f"f{n}.toml: primary: bad" for n in range(12)]
    message = theming.problems_message(lines, limit=8)
    assert message.count("\n") == 8
    assert message.endswith("… and 4 more (reviewdesk themes --check FILE)")


async def test_a_theme_change_recolours_markdown_text_areas_only():
    class Two(App):
        def compose(self) -> ComposeResult:
            yield TextArea("# Markdown", language="markdown", id="md")
            yield TextArea("plain", id="plain")

        def on_mount(self) -> None:
            install_themes(self)
            self.theme_changed_signal.subscribe(self, lambda theme: theming.refresh_editors(self, theme))

    app = Two()
    async with app.run_test() as pilot:
        app.theme = "desk-moss"
        await pilot.pause()
        assert app.query_one("#md", TextArea).theme == theming.EDITOR_THEME
        assert app.query_one("#plain", TextArea).theme == "css"
