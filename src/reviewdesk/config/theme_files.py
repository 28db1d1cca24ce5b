"""Colour themes as TOML files: read, validate, and find them.

A theme file holds the fields of a Textual ``Theme``::

    name = "desk-ink"
    description = "Blue-black ink, warm paper-white text"   # optional
    dark = true
    primary = "#7fb4e8"
    secondary = "#c7a4e0"
    accent = "#f0b46c"
    foreground = "#e6e1d6"
    background = "#14161c"
    surface = "#1c1f27"
    panel = "#262a35"
    warning = "#e8c35a"
    error = "#f0727a"
    success = "#7fcf95"

    [variables]               # optional Textual theme variables
    footer-key-foreground = "#f0b46c"

Every problem is reported with the file and the field, and a file with any
problem is not used. The shipped themes are read first, then the writer's own
(``themes/`` in the config folder); a name may be used once.

Colours are checked by the parser the caller passes (the app passes
Textual's own, which is what will read them); this module never imports
Textual.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewdesk.config import locations
from reviewdesk.config.problems import FileProblem, toml_position, toml_reason

COLOUR_FIELDS = (
    "primary", "secondary", "accent", "foreground", "background", "surface", "panel", "boost",
    "warning", "error", "success",
)
REQUIRED_FIELDS = ("name", "primary")
FRACTION_FIELDS = ("luminosity_spread", "text_alpha")
META_FIELDS = ("description", "author")
KNOWN_FIELDS = ("name", "dark", "variables", *COLOUR_FIELDS, *FRACTION_FIELDS, *META_FIELDS)

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_VARIABLE = re.compile(r"^[a-z][a-z0-9-]*$")

SHIPPED = "shipped"
USER = "user"


def theme_problem(path: Path | None, field: str | None, message: str, line: int | None = None,
                  column: int | None = None) -> FileProblem:
    """A problem with a theme file, which is named among the others by its file name."""
    return FileProblem(path, field, message, line, column, label=path.name if path else "?")


class ThemeFileError(Exception):
    """A theme file with problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[FileProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class ThemeFile:
    """A valid theme file: ``fields`` are keyword arguments for Textual's Theme."""

    name: str
    fields: dict[str, Any]
    path: Path
    source: str  # SHIPPED or USER
    description: str = ""


# Checks one colour value: raises ValueError (with the reason) if it is not one.
ColourCheck = Callable[[str], object]


def parse_theme(data: dict[str, Any], path: Path | None, colour: ColourCheck | None = None) -> dict[str, Any]:
    """Validate a parsed TOML document; the fields for a Textual Theme.

    Each colour field is checked with ``colour`` (without it, only that it
    is text). Raises ThemeFileError naming every field that is wrong.
    """
    problems: list[FileProblem] = []

    def bad(field: str | None, message: str) -> None:
        problems.append(theme_problem(path, field, message))

    for key in data:
        if key not in KNOWN_FIELDS:
            bad(key, f"unknown field (fields: {', '.join(KNOWN_FIELDS)})")
    for key in REQUIRED_FIELDS:
        if key not in data:
            bad(key, "missing; every theme needs a name and a primary colour")

    fields: dict[str, Any] = {}
    name = data.get("name")
    if name is not None:
        if not isinstance(name, str) or not _NAME.match(name):
            bad("name", "must be letters, digits, '-' or '_' in quotes, e.g. \"my-theme\"")
        else:
            fields["name"] = name
    for key in COLOUR_FIELDS:
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, str):
            bad(key, "must be a colour in quotes, e.g. \"#1e2430\"")
            continue
        try:
            if colour is not None:
                colour(value)
        except ValueError as exc:
            bad(key, f"{value!r} is not a colour: {exc}")
            continue
        fields[key] = value
    if "dark" in data:
        if not isinstance(data["dark"], bool):
            bad("dark", "must be true or false")
        else:
            fields["dark"] = data["dark"]
    for key in FRACTION_FIELDS:
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                bad(key, "must be a number from 0 to 1")
            else:
                fields[key] = float(value)
    for key in META_FIELDS:
        if key in data and not isinstance(data[key], str):
            bad(key, "must be text in quotes")
    if "variables" in data:
        variables = data["variables"]
        if not isinstance(variables, dict):
            bad("variables", "must be a table ([variables])")
        else:
            good = {}
            for var, value in variables.items():
                if not _VARIABLE.match(var):
                    bad(f"variables.{var}", "a variable name is lower-case words joined by '-'")
                elif not isinstance(value, str):
                    bad(f"variables.{var}", "must be a value in quotes")
                else:
                    good[var] = value
            fields["variables"] = good
    if problems:
        raise ThemeFileError(problems)
    return fields


def read_theme_file(path: Path, source: str = USER, colour: ColourCheck | None = None) -> ThemeFile:
    """One theme file, validated; ThemeFileError lists what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ThemeFileError([theme_problem(path, None, f"cannot read: {exc.strerror or exc}")]) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ThemeFileError([theme_problem(path, None, "not UTF-8 text")]) from None
    except tomllib.TOMLDecodeError as exc:
        line, column = toml_position(exc)
        raise ThemeFileError([theme_problem(path, None, f"not valid TOML: {toml_reason(exc)}", line, column)]) from None
    fields = parse_theme(data, path, colour)
    return ThemeFile(fields["name"], fields, path, source, data.get("description", ""))


def theme_paths(folder: Path) -> list[Path]:
    """The ``*.toml`` files in a folder, sorted; none when it does not exist."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith("."))
    except OSError:
        return []


def discover(
    reserved: Iterable[str] = (),
    folders: Iterable[tuple[Path, str]] | None = None,
    colour: ColourCheck | None = None,
) -> tuple[list[ThemeFile], list[FileProblem]]:
    """Every valid theme, shipped then the writer's own, and every problem.

    ``reserved`` are names already taken (Textual's built-in themes); a file
    reusing one of them, or a name an earlier file took, is reported and left out.
    """
    if folders is None:
        folders = ((locations.shipped_themes_dir(), SHIPPED), (locations.user_themes_dir(), USER))
    taken: dict[str, str] = {name: "a built-in theme" for name in reserved}
    themes: list[ThemeFile] = []
    problems: list[FileProblem] = []
    for folder, source in folders:
        for path in theme_paths(folder):
            try:
                theme = read_theme_file(path, source, colour)
            except ThemeFileError as exc:
                problems.extend(exc.problems)
                continue
            if theme.name in taken:
                problems.append(theme_problem(
                    path, "name", f"{theme.name!r} is already taken by {taken[theme.name]}; "
                    "give this theme another name"))
                continue
            taken[theme.name] = f"{path.name} ({source})" if source == SHIPPED else str(path)
            themes.append(theme)
    return themes, problems
