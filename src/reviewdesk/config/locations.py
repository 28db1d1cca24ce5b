"""Every path Review Desk uses, in one place.

The library folder comes from, in order: an explicit ``--library`` value, the
``REVIEWDESK_LIBRARY`` environment variable, the platform's user data folder.
The config folder (settings, a writer's own themes and templates) comes from
``REVIEWDESK_CONFIG_DIR`` or the platform's user config folder; the cache
(answers from the web, kept for a day) from ``REVIEWDESK_CACHE_DIR`` or the
platform's user cache folder. Tests set all three variables so a developer's
own files never leak into a run.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reviewdesk"
LIBRARY_ENV = "REVIEWDESK_LIBRARY"
CONFIG_ENV = "REVIEWDESK_CONFIG_DIR"
CACHE_ENV = "REVIEWDESK_CACHE_DIR"


def library_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the drafts (not created here)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "library"


def exports_dir(library: Path) -> Path:
    """Exported posts, unless the writer's settings name another folder."""
    return library / "exports"


def trash_dir(library: Path) -> Path:
    """Deleted drafts go here, inside the library, so undo is a rename."""
    return library / ".trash"


def history_dir(library: Path) -> Path:
    """Earlier versions of each draft, ``.history/<slug>/``, inside the library."""
    return library / ".history"


def journal_dir(library: Path) -> Path:
    """Edits not yet saved, one append-only ``<slug>.jsonl`` per open draft."""
    return library / ".journal"


def locks_dir(library: Path) -> Path:
    """``<slug>.lock``: which process has a draft open."""
    return library / ".locks"


def config_dir() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Files that can be made again (the web's answers): safe to delete."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def accounts_file() -> Path:
    """The blog accounts (service, site, user; never their secrets)."""
    return config_dir() / "accounts.toml"


def secrets_file() -> Path:
    """Secrets, 0600, only where the system has no keyring (config.secrets)."""
    return config_dir() / "secrets.toml"


def uploads_file() -> Path:
    """Which images each account's blog already has, by content hash."""
    return config_dir() / "uploads.json"


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def user_templates_dir() -> Path:
    return config_dir() / "templates"


def builtin_templates_dir() -> Path:
    return Path(__file__).parents[1] / "review" / "templates"


def shipped_themes_dir() -> Path:
    """The shipped themes: packaged into the wheel, or the repo's themes/."""
    packaged = Path(__file__).parents[1] / "_themes"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "themes"
