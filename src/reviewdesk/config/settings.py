"""The writer's settings: one TOML file in the user config folder.

```toml
theme = "desk-ink"
library = "~/Reviews"        # optional; the flag and $REVIEWDESK_LIBRARY win
autosave_delay = 1.0         # seconds after the last keystroke
preview_open = true

[export]
heading_level = 2
include_title = true
target = "markdown"          # markdown, hugo, yaml or html
folder = "~/blog/exports"    # optional; where posts are saved (default: the library's exports/)

[history]                    # earlier versions of each draft (reviewdesk.review.history)
keep = 20                    # the newest versions, all kept
days = 7                     # older ones kept this long, one per 10 minutes

[lookup]                     # Series Information from the web (reviewdesk.lookup)
japanese_title = "native"    # "native" (日本語) or "romaji"
tmdb_token = "..."           # TMDB's API read access token (films)
igdb_client_id = "..."       # a Twitch application's client id and secret (games)
igdb_client_secret = "..."
jikan_url = "https://api.jikan.moe/v4"   # each source's address, for a mirror
```

The ``[lookup]`` table is read, never written: the writer puts keys and
addresses there by hand (the ``REVIEWDESK_*`` variables win over it).

A missing file means defaults. A file that does not parse, or a value that is
wrong, is reported (file, field, what is wrong) and the defaults stand in for
what could not be read; nothing is written back at load. ``save`` rewrites
only the fields it is asked to, keeps every key it does not know, and refuses
to replace a file it cannot parse: whatever we cannot read, we keep.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewdesk.config import locations
from reviewdesk.config.problems import FileProblem, toml_position, toml_reason
from reviewdesk.errors import ReviewDeskError

DEFAULT_THEME = "desk-ink"
EXPORT_TARGETS = ("markdown", "hugo", "yaml", "html")
HEADING_LEVELS = range(1, 7)
AUTOSAVE_MIN = 0.2
AUTOSAVE_MAX = 30.0


class SettingsError(ReviewDeskError):
    """The settings file cannot be written (it is broken, or the disk said no)."""


@dataclass
class ExportDefaults:
    heading_level: int = 2
    include_title: bool = True
    target: str = "markdown"
    folder: str | None = None  # None: the library's exports/

    def folder_path(self) -> Path | None:
        return Path(self.folder).expanduser() if self.folder else None


@dataclass
class HistoryDefaults:
    keep: int = 20
    days: float = 7


# The addresses a lookup can be pointed at: ``<name>_url`` in [lookup].
LOOKUP_URLS = ("jikan", "anilist", "tmdb", "tmdb_images", "openlibrary", "openlibrary_covers",
               "igdb", "igdb_images", "twitch")
LOOKUP_KEYS = ("tmdb_token", "igdb_client_id", "igdb_client_secret")
JAPANESE_TITLES = ("native", "romaji")


@dataclass
class LookupDefaults:
    """[lookup]: how Series Information is looked up. Empty means the
    built-in address, or no key."""

    japanese_title: str = "native"
    tmdb_token: str = ""
    igdb_client_id: str = ""
    igdb_client_secret: str = ""
    jikan_url: str = ""
    anilist_url: str = ""
    tmdb_url: str = ""
    tmdb_images_url: str = ""
    openlibrary_url: str = ""
    openlibrary_covers_url: str = ""
    igdb_url: str = ""
    igdb_images_url: str = ""
    twitch_url: str = ""


@dataclass
class Settings:
    theme: str = DEFAULT_THEME
    library: str | None = None
    autosave_delay: float = 1.0
    preview_open: bool = True
    export: ExportDefaults = field(default_factory=ExportDefaults)
    history: HistoryDefaults = field(default_factory=HistoryDefaults)
    lookup: LookupDefaults = field(default_factory=LookupDefaults)

    def library_path(self) -> Path | None:
        return Path(self.library).expanduser() if self.library else None


# Field names as they are written: "theme", "export.heading_level", ...
TOP_FIELDS = ("theme", "library", "autosave_delay", "preview_open")
EXPORT_FIELDS = ("heading_level", "include_title", "target", "folder")
HISTORY_FIELDS = ("keep", "days")
LOOKUP_FIELDS = ("japanese_title",) + LOOKUP_KEYS + tuple(f"{name}_url" for name in LOOKUP_URLS)
TABLES = {"export": EXPORT_FIELDS, "history": HISTORY_FIELDS, "lookup": LOOKUP_FIELDS}
# What ``save`` may write: [lookup] is the writer's own, read and never written.
ALL_FIELDS = (TOP_FIELDS + tuple(f"export.{name}" for name in EXPORT_FIELDS)
              + tuple(f"history.{name}" for name in HISTORY_FIELDS))


# Reading ------------------------------------------------------------------

def _check(name: str, value: Any) -> tuple[Any, str | None]:
    """(value to use, problem) for one field read from the file."""
    if name == "theme":
        if not isinstance(value, str) or not value.strip():
            return None, "must be a theme name in quotes"
        return value.strip(), None
    if name in ("library", "export.folder"):
        if not isinstance(value, str):
            return None, "must be a folder path in quotes"
        return (value.strip() or None), None
    if name == "autosave_delay":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None, "must be a number of seconds"
        if not AUTOSAVE_MIN <= value <= AUTOSAVE_MAX:
            return None, f"must be between {AUTOSAVE_MIN:g} and {AUTOSAVE_MAX:g} seconds"
        return float(value), None
    if name in ("preview_open", "export.include_title"):
        if not isinstance(value, bool):
            return None, "must be true or false"
        return value, None
    if name == "export.heading_level":
        if isinstance(value, bool) or not isinstance(value, int) or value not in HEADING_LEVELS:
            return None, "must be a whole number from 1 to 6"
        return value, None
    if name == "history.keep":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
            return None, "must be a whole number of versions from 1 to 10000"
        return value, None
    if name == "history.days":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 3650:
            return None, "must be a number of days from 0 to 3650"
        return value, None
    if name == "export.target":
        if value not in EXPORT_TARGETS:
            return None, f"must be one of {', '.join(EXPORT_TARGETS)}"
        return value, None
    if name == "lookup.japanese_title":
        if value not in JAPANESE_TITLES:
            return None, f"must be one of {', '.join(JAPANESE_TITLES)}"
        return value, None
    if name.startswith("lookup.") and name.endswith("_url"):
        if not isinstance(value, str) or not value.strip().startswith(("http://", "https://")):
            return None, "must be a web address in quotes, starting with https:// (or http://)"
        return value.strip().rstrip("/"), None
    if name.startswith("lookup."):
        if not isinstance(value, str) or not value.strip():
            return None, "must be the key in quotes"
        return value.strip(), None
    raise AssertionError(name)


def parse(data: dict[str, Any], path: Path) -> tuple[Settings, list[FileProblem]]:
    """Settings from a parsed TOML document; wrong values fall back to defaults."""
    settings = Settings()
    problems: list[FileProblem] = []
    for key, value in data.items():
        if key in TABLES:
            if not isinstance(value, dict):
                problems.append(FileProblem(path, key, f"must be a table ([{key}])"))
                continue
            for sub, sub_value in value.items():
                name = f"{key}.{sub}"
                if sub not in TABLES[key]:
                    problems.append(FileProblem(path, name, "unknown setting (kept, not used)"))
                    continue
                good, problem = _check(name, sub_value)
                if problem:
                    problems.append(FileProblem(path, name, problem))
                else:
                    setattr(getattr(settings, key), sub, good)
        elif key in TOP_FIELDS:
            good, problem = _check(key, value)
            if problem:
                problems.append(FileProblem(path, key, problem))
            else:
                setattr(settings, key, good)
        else:
            problems.append(FileProblem(path, key, "unknown setting (kept, not used)"))
    return settings, problems


def load(path: Path | None = None) -> tuple[Settings, list[FileProblem]]:
    """The settings and what was wrong with the file; never raises, never writes."""
    path = path or locations.settings_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        return Settings(), [FileProblem(path, None, f"cannot read: {exc.strerror or exc}")]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Settings(), [FileProblem(path, None, "not UTF-8 text; using the defaults")]
    except tomllib.TOMLDecodeError as exc:
        line, column = toml_position(exc)
        return Settings(), [FileProblem(path, None, f"{toml_reason(exc)}; using the defaults", line, column)]
    return parse(data, path)


# Writing ------------------------------------------------------------------

def _get(settings: Settings, name: str) -> Any:
    if "." in name:
        table, sub = name.split(".", 1)
        return getattr(getattr(settings, table), sub)
    return getattr(settings, name)


def validate(settings: Settings) -> list[str]:
    """Problems with values about to be saved (the app's form checks with this)."""
    problems = []
    for name in ALL_FIELDS:
        value = _get(settings, name)
        if name in ("library", "export.folder") and value is None:
            continue
        _, problem = _check(name, value)
        if problem:
            problems.append(f"{name}: {problem}")
    return problems


def save(settings: Settings, path: Path | None = None, fields: Iterable[str] | None = None) -> Path:
    """Write ``fields`` (default: all) into the settings file, atomically.

    Keys this version does not know are kept, and so are fields not named in
    ``fields``, even when their value is wrong: the writer may be editing the
    file by hand. A file that does not parse as TOML is never replaced.
    """
    import tomli_w

    from reviewdesk.review.atomic import atomic_write

    path = path or locations.settings_file()
    names = ALL_FIELDS if fields is None else tuple(fields)
    unknown = [n for n in names if n not in ALL_FIELDS]
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(unknown)}")
    problems = [p for p in validate(settings) if p.split(":")[0] in names]
    if problems:
        raise SettingsError(f"not saved: {'; '.join(problems)}")

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raw = None
    except OSError as exc:
        raise SettingsError(f"cannot read {path}: {exc.strerror or exc}") from None
    document: dict[str, Any] = {}
    if raw is not None:
        try:
            document = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            raise SettingsError(
                f"{path} does not parse, so it was left as it is; fix or remove it to save settings"
            ) from None

    for name in names:
        value = _get(settings, name)
        if "." in name:
            table_name, sub = name.split(".", 1)
            table = document.get(table_name)
            if not isinstance(table, dict):
                table = document[table_name] = {}
            if value is None:
                table.pop(sub, None)
            else:
                table[sub] = value
        elif value is None:
            document.pop(name, None)
        else:
            document[name] = value
    # Top-level keys first, the [export] table last: tomli-w writes tables after
    # plain keys anyway, this keeps our own order stable for people reading.
    ordered = {k: v for k, v in document.items() if not isinstance(v, dict)}
    ordered.update({k: v for k, v in document.items() if isinstance(v, dict)})
    data = tomli_w.dumps(ordered).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data, verify=lambda b: tomllib.loads(b.decode("utf-8")))
    except OSError as exc:
        raise SettingsError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def update(settings: Settings, **changes: Any) -> Settings:
    """A copy of ``settings`` with ``changes`` (``export_heading_level=3`` etc.)."""
    export = dataclasses.replace(
        settings.export,
        **{k.removeprefix("export_"): v for k, v in changes.items() if k.startswith("export_")},
    )
    top = {k: v for k, v in changes.items() if not k.startswith("export_")}
    return dataclasses.replace(settings, export=export, **top)


LIBRARY_SOURCES = ("flag", "environment", "settings", "default", "given")


@dataclass(frozen=True)
class LibraryChoice:
    """The library folder in use and where that choice came from."""

    path: Path
    source: str  # one of LIBRARY_SOURCES; "given": by the program that started the app

    def describe(self) -> str:
        """Where the folder comes from, for the writer: "the --library flag"."""
        return {
            "flag": "the --library flag",
            "environment": f"the {locations.LIBRARY_ENV} environment variable",
            "settings": f"the library setting in {locations.settings_file()}",
            "default": "the default: your user data folder",
            "given": "the program that started Review Desk",
        }[self.source]


def choose_library(flag: str | os.PathLike[str] | None = None) -> LibraryChoice:
    """The library folder and why: --library, then $REVIEWDESK_LIBRARY, then
    the setting, then the platform's user data folder."""
    if flag:
        return LibraryChoice(locations.library_dir(flag), "flag")
    if os.environ.get(locations.LIBRARY_ENV):
        return LibraryChoice(locations.library_dir(None), "environment")
    settings, _ = load()
    chosen = settings.library_path()
    if chosen is not None:
        return LibraryChoice(locations.library_dir(chosen), "settings")
    return LibraryChoice(locations.library_dir(None), "default")


def library_folder(flag: str | os.PathLike[str] | None = None) -> Path:
    """The library folder: --library, then $REVIEWDESK_LIBRARY, then the
    setting, then the platform's user data folder."""
    return choose_library(flag).path


def library_origin(root: Path) -> LibraryChoice:
    """Where a library folder in use most likely comes from, when the program
    that opened it did not say: the variable, the setting or the default if
    it is theirs, else "given" (a --library flag, or a caller's choice)."""
    found = choose_library(None)
    same = found.path.expanduser().resolve() == Path(root).expanduser().resolve()
    return LibraryChoice(Path(root), found.source if same else "given")


def export_folder(settings: Settings, library_root: Path) -> Path:
    """Where exported posts are saved: the setting, else the library's exports/."""
    return settings.export.folder_path() or locations.exports_dir(Path(library_root))
