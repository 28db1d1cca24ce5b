"""Theme files as data: parsed, validated, found. No app runs here; colours
are checked with the parser the app passes (Textual's own)."""

from __future__ import annotations

import tomllib

import pytest

from reviewdesk.config import locations
from reviewdesk.config.theme_files import (
    SHIPPED,
    USER,
    ThemeFileError,
    discover,
    parse_theme,
    read_theme_file,
)
from reviewdesk.tui.theming import parse_colour



def shipped_theme_paths():
    return sorted(locations.shipped_themes_dir().glob("*.toml"))

GOOD = """\
name = "my-desk"
dark = true
primary = "#88aaff"
background = "#101010"
foreground = "#eeeeee"

[variables]
footer-key-foreground = "#88aaff"
"""


def problems_of(path):
    with pytest.raises(ThemeFileError) as info:
        read_theme_file(path, colour=parse_colour)
    return [(p.field, p.message) for p in info.value.problems]


def test_at_least_five_shipped_themes_dark_and_light_all_our_own():
    paths = shipped_theme_paths()
    assert len(paths) >= 5
    themes = [read_theme_file(p, SHIPPED) for p in paths]
    names = [t.name for t in themes]
    assert all(n.startswith("desk-") for n in names)
    assert len(set(names)) == len(names)
    darks = {t.fields.get("dark", True) for t in themes}
    assert darks == {True, False}
    for t in themes:
        assert t.path.stem == t.name, "file named after its theme"
        assert t.description
        for field in ("foreground", "background", "surface", "panel", "primary", "secondary",
                      "accent", "warning", "error", "success"):
            assert field in t.fields, f"{t.name} names its {field}"


def test_shipped_themes_are_not_copies_of_textual_builtins():
    from textual.theme import BUILTIN_THEMES

    builtin = {(t.primary.lower(), (t.background or "").lower()) for t in BUILTIN_THEMES.values()}
    for path in shipped_theme_paths():
        t = read_theme_file(path).fields
        assert t["name"] not in BUILTIN_THEMES
        assert (t["primary"].lower(), t["background"].lower()) not in builtin


def test_a_good_file_gives_the_theme_fields(user_themes):
    path = user_themes / "mine.toml"
    path.write_text(GOOD)
    theme = read_theme_file(path)
    assert theme.name == "my-desk" and theme.source == USER and theme.path == path
    assert theme.fields == {**tomllib.loads(GOOD)}


def test_bad_toml_names_the_file_and_the_place(user_themes):
    path = user_themes / "broken.toml"
    path.write_text('name = "x"\nprimary = #fff\n')
    with pytest.raises(ThemeFileError) as info:
        read_theme_file(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (2, 11)
    assert str(problem).startswith("broken.toml: line 2, column 11: not valid TOML")


@pytest.mark.parametrize("text, field, words", [
    ('name = "x"\nprimary = "#fff"\ncolour = "#000"\n', "colour", "unknown field"),
    ('name = "x"\nprimary = "#ggg"\n', "primary", "not a colour"),
    ('name = "x"\nprimary = "#fff"\nbackground = 12\n', "background", "colour in quotes"),
    ('name = "x"\nprimary = "#fff"\nsurface = "blurple"\n', "surface", "not a colour"),
    ('primary = "#fff"\n', "name", "missing"),
    ('name = "x"\n', "primary", "missing"),
    ('name = "two words"\nprimary = "#fff"\n', "name", "letters, digits"),
    ('name = "x"\nprimary = "#fff"\ndark = "yes"\n', "dark", "true or false"),
    ('name = "x"\nprimary = "#fff"\ntext_alpha = 2\n', "text_alpha", "0 to 1"),
    ('name = "x"\nprimary = "#fff"\nvariables = "no"\n', "variables", "table"),
    ('name = "x"\nprimary = "#fff"\n[variables]\nBad_Name = "#fff"\n', "variables.Bad_Name", "lower-case"),
    ('name = "x"\nprimary = "#fff"\n[variables]\nborder = 3\n', "variables.border", "in quotes"),
])
def test_each_wrong_field_is_named(user_themes, text, field, words):
    path = user_themes / "t.toml"
    path.write_text(text)
    found = problems_of(path)
    assert [f for f, _ in found] == [field]
    assert words in found[0][1]


def test_every_problem_in_a_file_is_reported_at_once(user_themes):
    path = user_themes / "t.toml"
    path.write_text('name = "x"\nprimary = "nope"\naccent = "nah"\nshade = 1\n')
    assert sorted(f for f, _ in problems_of(path)) == ["accent", "primary", "shade"]


def test_discover_reads_shipped_then_user_and_reports_duplicates(user_themes):
    (user_themes / "a-mine.toml").write_text(GOOD)
    (user_themes / "b-again.toml").write_text(GOOD)  # same name as a-mine
    (user_themes / "c-ink.toml").write_text('name = "desk-ink"\nprimary = "#fff"\n')
    (user_themes / "d-nord.toml").write_text('name = "nord"\nprimary = "#fff"\n')
    (user_themes / "e-bad.toml").write_text("name = \n")
    (user_themes / "notes.txt").write_text("not a theme")
    themes, problems = discover(reserved=["nord"], colour=parse_colour)
    names = [t.name for t in themes]
    assert names[: len(shipped_theme_paths())] == [p.stem for p in shipped_theme_paths()]
    assert names[-1] == "my-desk"
    assert names.count("my-desk") == 1
    assert {t.source for t in themes if t.name == "my-desk"} == {USER}
    by_file = {p.path.name: p for p in problems}
    assert set(by_file) == {"b-again.toml", "c-ink.toml", "d-nord.toml", "e-bad.toml"}
    assert "a-mine.toml" in by_file["b-again.toml"].message
    assert "desk-ink.toml (shipped)" in by_file["c-ink.toml"].message
    assert "built-in" in by_file["d-nord.toml"].message
    assert by_file["c-ink.toml"].field == "name"


def test_no_user_folder_is_no_problem():
    themes, problems = discover()
    assert problems == []
    assert not locations.user_themes_dir().exists()


def test_parse_theme_takes_a_document():
    fields = parse_theme({"name": "n", "primary": "rgb(10, 20, 30)", "dark": False}, path=None, colour=parse_colour)
    assert fields == {"name": "n", "primary": "rgb(10, 20, 30)", "dark": False}


def test_colours_are_checked_by_the_parser_the_caller_gives():
    seen = []

    def colour(value):
        seen.append(value)
        if value == "blurple":
            raise ValueError("no such colour")

    with pytest.raises(ThemeFileError, match="blurple"):
        parse_theme({"name": "n", "primary": "#fff", "accent": "blurple"}, path=None, colour=colour)
    assert seen == ["#fff", "blurple"]


def test_importing_theme_files_does_not_import_textual():
    import subprocess
    import sys

    code = "import sys, reviewdesk.config.theme_files; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
