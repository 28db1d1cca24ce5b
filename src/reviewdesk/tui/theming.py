"""Colour themes in the app: register them, follow them in the editor, check them.

``install_themes(app)`` registers the shipped themes (``themes/*.toml``) and
the writer's own (config folder ``themes/``) next to Textual's built-ins and
returns every problem, so the app shows them in one notification.

The editor's Markdown highlighting is built from the app theme's own colours
(``editor_theme``): headings in ``primary``, links in ``accent``, code in
``secondary``, emphasis in the body colour. A theme may name its own with the
variables ``syntax-heading``, ``syntax-link``, ``syntax-code`` and
``syntax-quote``. ``follow_app_theme(text_area)`` keeps a TextArea in step
when the app theme changes; ``forget_theme_changes(widget)``, called as the
widget is unmounted, ends that (and any other theme subscription of it).

``contrast_ratio`` is WCAG's; ``contrast_problems`` is the check the tests run
on every shipped theme: body text and every highlight colour at least 4.5:1
against the background and the surface (the editor's own background).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.color import Color
from textual.theme import Theme

from reviewdesk.config import locations
from reviewdesk.config import settings as settings_file
from reviewdesk.config.settings import DEFAULT_THEME, Settings, SettingsError
from reviewdesk.config.problems import FileProblem
from reviewdesk.config.theme_files import (
    SHIPPED,
    USER,
    ThemeFile,
    ThemeFileError,
    discover,
    read_theme_file,
    theme_problem,
)

if TYPE_CHECKING:  # the editor's classes are imported when an editor is themed, not at start
    from textual.app import App
    from textual.widget import Widget
    from textual.widgets import TextArea
    from textual.widgets.text_area import TextAreaTheme

    from reviewdesk.tui.desk import SettingsHost

__all__ = [
    "DEFAULT_THEME", "MIN_CONTRAST", "SYNTAX_VARIABLES", "build_theme", "install_themes",
    "editor_theme", "apply_editor_theme", "follow_app_theme", "forget_theme_changes", "contrast_ratio",
    "highlight_colours", "contrast_report", "contrast_problems", "check_theme_file", "theme_catalogue",
    "setup", "apply_settings", "remember_theme", "persist",
]

MIN_CONTRAST = 4.5  # WCAG AA for body text
EDITOR_THEME = "reviewdesk"

# The editor's highlight roles and where their colour comes from.
SYNTAX_VARIABLES = {
    "heading": "syntax-heading",
    "link": "syntax-link",
    "code": "syntax-code",
    "quote": "syntax-quote",
}
_ROLE_FALLBACK = {"heading": "primary", "link": "accent", "code": "secondary", "quote": "secondary"}


# Building -----------------------------------------------------------------

def parse_colour(value: str) -> Color:
    """A theme file's colour as Textual reads it; ValueError with the reason if it is not one."""
    from textual.color import ColorParseError

    try:
        return Color.parse(value)
    except ColorParseError as exc:
        raise ValueError(str(exc).split("\n")[0]) from None


def build_theme(theme_file: ThemeFile) -> Theme:
    fields = {k: v for k, v in theme_file.fields.items()}
    return Theme(**fields)


def _variable_problems(theme: Theme, path: Path, known: Iterable[str]) -> list[FileProblem]:
    """Variables Textual would choke on: an unknown name, or a value that does
    not parse for its kind (a colour, or a text style). A bad value here would
    stop the app when the theme is applied, so it is caught first."""
    from textual.css.stylesheet import Stylesheet, StylesheetParseError

    known = set(known) | set(SYNTAX_VARIABLES.values())
    problems = []
    for name, value in theme.variables.items():
        if name not in known:
            problems.append(theme_problem(path, f"variables.{name}", "unknown variable"))
            continue
        rule = "text-style" if name.endswith("-style") else "color"
        if name in SYNTAX_VARIABLES.values():
            try:
                Color.parse(value)
            except Exception:
                problems.append(theme_problem(path, f"variables.{name}", f"{value!r} is not a colour"))
            continue
        sheet = Stylesheet()
        sheet.add_source(f"Widget {{ {rule}: {value}; }}", read_from=("theme", name))
        try:
            sheet.parse()
        except StylesheetParseError:
            kind = "text style (e.g. bold, italic, none)" if rule == "text-style" else "colour"
            problems.append(theme_problem(path, f"variables.{name}", f"{value!r} is not a {kind}"))
    return problems


def _check_built(theme: Theme, path: Path) -> list[FileProblem]:
    try:
        known = theme.to_color_system().generate().keys()
    except Exception as exc:  # a combination Textual cannot build: report, never crash
        return [theme_problem(path, None, f"Textual cannot build this theme: {exc}")]
    return _variable_problems(theme, path, known)


def load_theme_files(reserved: Iterable[str] = (), check_shipped: bool = True,
                     ) -> tuple[list[tuple[ThemeFile, Theme]], list[FileProblem]]:
    """Valid themes (file and Textual Theme) and the problems of the others.

    ``check_shipped=False`` trusts the shipped themes to build (the tests
    build each one, and ``reviewdesk themes`` checks them all): building a
    theme's colour system to check it is most of the start's theme work.
    """
    files, problems = discover(reserved, colour=parse_colour)
    good = []
    for theme_file in files:
        theme = build_theme(theme_file)
        trusted = theme_file.source == SHIPPED and not check_shipped
        found = [] if trusted else _check_built(theme, theme_file.path)
        if found:
            problems.extend(found)
        else:
            good.append((theme_file, theme))
    return good, problems


def install_themes(app: App) -> list[str]:
    """Register the shipped and the writer's themes; return the problems, one
    line each, naming the file and the field. Never raises for a bad file."""
    good, problems = load_theme_files(reserved=app.available_themes.keys(), check_shipped=False)
    for _, theme in good:
        app.register_theme(theme)
    return [str(p) for p in problems]


def problems_message(problems: list[str], limit: int = 8) -> str:
    """The one notification: every problem, one per line (the first ``limit``)."""
    lines = problems[:limit]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit} more (reviewdesk themes --check FILE)")
    return "\n".join(lines)


@dataclass(frozen=True)
class CatalogueEntry:
    name: str
    source: str  # "shipped", "user" or "textual"
    dark: bool
    path: Path | None = None


def theme_catalogue() -> tuple[list[CatalogueEntry], list[FileProblem]]:
    """Every theme the app offers, with where it comes from (``reviewdesk themes``)."""
    from textual.theme import BUILTIN_THEMES

    good, problems = load_theme_files(reserved=BUILTIN_THEMES.keys())
    entries = [CatalogueEntry(f.name, f.source, t.dark, f.path) for f, t in good]
    entries += [CatalogueEntry(name, "textual", t.dark) for name, t in BUILTIN_THEMES.items()]
    return entries, problems


def check_theme_file(path: Path) -> tuple[Theme | None, list[str], dict[str, float]]:
    """For a writer making a theme: (theme, problems, contrast ratios).

    Problems include names taken by the shipped or Textual themes and any
    colour below 4.5:1; the ratios are empty when the file does not load.
    """
    from textual.theme import BUILTIN_THEMES

    try:
        theme_file = read_theme_file(path, USER, parse_colour)
    except ThemeFileError as exc:
        return None, [str(p) for p in exc.problems], {}
    theme = build_theme(theme_file)
    problems = [str(p) for p in _check_built(theme, path)]
    if problems:
        return None, problems, {}
    shipped = {f.name: f.path for f, _ in load_theme_files(BUILTIN_THEMES.keys())[0] if f.source == SHIPPED}
    if theme.name in BUILTIN_THEMES:
        problems.append(f"{path.name}: name: {theme.name!r} is a Textual built-in theme; choose another name")
    elif theme.name in shipped and shipped[theme.name].resolve() != path.resolve():
        problems.append(f"{path.name}: name: {theme.name!r} is a shipped theme; choose another name")
    problems += [f"{path.name}: {p}" for p in contrast_problems(theme)]
    return theme, problems, contrast_report(theme)


# Contrast -----------------------------------------------------------------

def _colour(value: Color | str) -> Color:
    return value if isinstance(value, Color) else Color.parse(value)


def _luminance(colour: Color) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast_ratio(fg: Color | str, bg: Color | str) -> float:
    """WCAG 2 contrast ratio, 1.0 to 21.0; a translucent ``fg`` is laid on ``bg``."""
    back = _colour(bg)
    front = _colour(fg)
    if front.a < 1:
        front = back.blend(front.with_alpha(1), front.a)
    hi, lo = sorted((_luminance(front), _luminance(back)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Palette:
    """A theme's colours as the app paints them (Textual's defaults filled in)."""

    background: Color
    surface: Color
    foreground: Color
    primary: Color
    secondary: Color
    accent: Color
    warning: Color


def palette(theme: Theme) -> Palette:
    from textual.design import (
        DEFAULT_DARK_BACKGROUND,
        DEFAULT_DARK_SURFACE,
        DEFAULT_LIGHT_BACKGROUND,
        DEFAULT_LIGHT_SURFACE,
    )

    primary = Color.parse(theme.primary)
    secondary = Color.parse(theme.secondary) if theme.secondary else primary
    background = Color.parse(theme.background or (DEFAULT_DARK_BACKGROUND if theme.dark else DEFAULT_LIGHT_BACKGROUND))
    surface = Color.parse(theme.surface or (DEFAULT_DARK_SURFACE if theme.dark else DEFAULT_LIGHT_SURFACE))
    if surface.a < 1:
        surface = background.blend(surface.with_alpha(1), surface.a)
    return Palette(
        background=background,
        surface=surface,
        foreground=Color.parse(theme.foreground) if theme.foreground else background.inverse,
        primary=primary,
        secondary=secondary,
        accent=Color.parse(theme.accent) if theme.accent else primary,
        warning=Color.parse(theme.warning) if theme.warning else primary,
    )


def highlight_colours(theme: Theme) -> dict[str, Color]:
    """Body text and each highlight colour the editor uses, by role."""
    colours = palette(theme)
    roles = {"body": colours.foreground}
    for role, variable in SYNTAX_VARIABLES.items():
        value = theme.variables.get(variable)
        roles[role] = Color.parse(value) if value else getattr(colours, _ROLE_FALLBACK[role])
    roles["escape"] = colours.warning
    return roles


def contrast_report(theme: Theme) -> dict[str, float]:
    """Each role's worst contrast against the background and the surface."""
    colours = palette(theme)
    return {
        role: round(min(contrast_ratio(c, colours.background), contrast_ratio(c, colours.surface)), 2)
        for role, c in highlight_colours(theme).items()
    }


def contrast_problems(theme: Theme, minimum: float = MIN_CONTRAST) -> list[str]:
    if theme.ansi:
        return []  # the terminal's own colours: nothing to measure
    colours = palette(theme)
    problems = []
    for role, colour in highlight_colours(theme).items():
        for where, back in (("background", colours.background), ("surface", colours.surface)):
            ratio = contrast_ratio(colour, back)
            if ratio < minimum:
                problems.append(f"{role} {colour.hex} on {where} {back.hex} is {ratio:.2f}:1, "
                                f"below {minimum}:1")
    return problems


def _readable(colour: Color, backs: Iterable[Color], dark: bool) -> Color:
    """``colour``, moved towards white (dark themes) or black until it reads
    at 4.5:1 on every background: Textual's own and writers' themes are not
    all checked, and the editor should stay legible on every one of them."""
    backs = list(backs)
    target = Color(255, 255, 255) if dark else Color(0, 0, 0)
    step = colour
    for n in range(11):
        if all(contrast_ratio(step, b) >= MIN_CONTRAST for b in backs):
            return step
        step = colour.blend(target, (n + 1) / 10)
    return step


# The editor ---------------------------------------------------------------

def editor_theme(theme: Theme) -> TextAreaTheme:
    """A TextArea theme for Markdown in the colours of the app theme.

    The base, cursor and selection styles are left to the TextArea's CSS
    (which already follows the app theme); only the syntax colours are set.
    """
    from rich.style import Style
    from textual.widgets.text_area import TextAreaTheme

    if theme.ansi:
        roles = {"body": None, "heading": "ansi_bright_blue", "link": "ansi_cyan",
                 "code": "ansi_green", "quote": "ansi_magenta", "escape": "ansi_yellow"}
        colour = {k: (Color.parse(v).rich_color if v else None) for k, v in roles.items()}
    else:
        colours = palette(theme)
        backs = (colours.background, colours.surface)
        colour = {role: _readable(c, backs, theme.dark).rich_color
                  for role, c in highlight_colours(theme).items()}
    body, heading, link, code, quote = (colour[k] for k in ("body", "heading", "link", "code", "quote"))
    return TextAreaTheme(
        name=EDITOR_THEME,
        syntax_styles={
            "heading": Style(color=heading, bold=True),
            "heading.marker": Style(color=heading),
            "bold": Style(color=body, bold=True),
            "italic": Style(color=body, italic=True),
            "strikethrough": Style(color=body, strike=True),
            "link.label": Style(color=link),
            "link.uri": Style(color=link, underline=True),
            "inline_code": Style(color=code),
            "text.literal": Style(color=code),
            "punctuation.delimiter": Style(color=code),
            "list.marker": Style(color=heading),
            "punctuation.special": Style(color=quote),
            "string.escape": Style(color=colour["escape"]),
        },
    )


def apply_editor_theme(text_area: TextArea, theme: Theme | None = None) -> None:
    """Give ``text_area`` the app theme's Markdown colours."""
    text_area.register_theme(editor_theme(theme or text_area.app.current_theme))
    text_area.theme = EDITOR_THEME  # always_update: re-applies the new colours


def follow_app_theme(text_area: TextArea) -> None:
    """Apply the editor theme now and again whenever the app theme changes.

    Call from the TextArea's (or its screen's) ``on_mount``, and
    :func:`forget_theme_changes` as it is unmounted.
    """
    apply_editor_theme(text_area)
    text_area.app.theme_changed_signal.subscribe(
        text_area, lambda theme: apply_editor_theme(text_area, theme))


def forget_theme_changes(widget: Widget) -> None:
    """End ``widget``'s subscriptions to the app's theme changes; call from its
    (or its screen's) ``on_unmount``.

    Textual's signal keeps a subscriber until the first theme change after it
    is gone, and with it everything the subscriber reaches: its screen, every
    widget on it and their drawn lines. Without this, every review opened
    and closed stayed in memory until the theme changed, and Python's full
    garbage collections, which walk all of it, grew slower with each.
    """
    widget.app.theme_changed_signal.unsubscribe(widget)


def refresh_editors(app: App, theme: Theme | None = None) -> None:
    """Re-theme every Markdown TextArea on every screen (the export's too)."""
    from textual.widgets import TextArea

    for screen in app.screen_stack:
        for text_area in screen.query(TextArea):
            if text_area.language == "markdown":
                apply_editor_theme(text_area, theme)


# The app's start ------------------------------------------------------------

def choose_theme(app: App) -> list[str]:
    """Load settings and themes into ``app`` and set its theme; return the
    problems found. Never raises for a broken file, never notifies.

    It can run in the app's ``__init__``: with the theme set before the
    first screen, the app's CSS is parsed once with the right colours
    rather than once with Textual's and again with the writer's."""
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
    return problems


def setup(app: App, problems: list[str] | None = None) -> list[str]:
    """Settings and themes for ``app``; call once from ``on_mount``, with what
    :func:`choose_theme` returned if the app called it already.

    Never raises for a broken file: problems are shown in one notification
    (and returned), the app runs on the defaults, and nothing is written.
    """
    if problems is None:
        problems = choose_theme(app)
    # From here on a theme chosen anywhere (palette, settings screen) is kept.
    app.watch(app, "theme", lambda name: remember_theme(app, name), init=False)
    app.theme_changed_signal.subscribe(app, lambda theme: refresh_editors(app, theme))
    if problems:
        app.notify(problems_message(problems), title="Some settings or themes were not used",
                   severity="warning", timeout=20, markup=False)
    return problems


def apply_settings(app: SettingsHost, current: Settings) -> None:
    """Hand the settings to the parts of the app that use them."""
    import dataclasses

    app.autosave_delay = current.autosave_delay
    app.preview_open = current.preview_open
    app.export_options = dataclasses.replace(
        app.export_options, heading_level=current.export.heading_level,
        include_title=current.export.include_title)
    app.export_target = current.export.target  # an open review reads the delay at its next tick
    folder = settings_file.export_folder(current, app.library.root)
    if app.export_folder_setting != folder:  # a new export folder setting replaces the last folder used
        app.export_folder = app.export_folder_setting = folder


def remember_theme(app: App, name: str) -> None:
    current = app.settings
    if current.theme == name:
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
