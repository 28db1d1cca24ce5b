"""File names from titles: ASCII, short, safe on every platform; and the
one check that a slug given from outside names a draft of the library."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePath

from reviewdesk.errors import NotFound

SUFFIX = ".toml"

MAX_LENGTH = 60
# Names Windows refuses for a file whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(title: str) -> str:
    """``"Metallic Rouge (Season One)"`` -> ``"metallic-rouge-season-one"``.

    Accents are folded (``Pokémon`` -> ``pokemon``); characters with no ASCII
    form (kana, kanji, emoji) are dropped; a title with nothing left becomes
    ``review``. Never empty, never ``.``/``..``, never a device name.
    """
    folded = unicodedata.normalize("NFKD", title)
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = ascii_text.replace("'", "").replace("&", " and ")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0] or slug[:MAX_LENGTH]
        slug = slug.strip("-")
    if not slug:
        slug = "review"
    if slug in _RESERVED:
        slug = f"{slug}-review"
    return slug


def is_slug(text: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)) and len(text) <= MAX_LENGTH + 8


def check(root: Path, slug: str) -> str:
    """``slug`` when it names a draft file right inside the library ``root``;
    :class:`NotFound` ("no draft ...") otherwise.

    The one check for every slug that comes from outside (a command's
    argument, a history, lock or journal name): a slug is a file name
    without ``.toml``, so it holds no path separator (``/``, nor ``\\``,
    which is one on Windows, where a synced library may be opened) and no
    NUL, does not start with a dot (the library's own folders and files
    do), and fits a file name. ``../x``, ``/abs/path`` and
    ``$CONFIG/settings`` are no drafts. Hand-named files (``My Review.toml``)
    are drafts too, so this is not :func:`is_slug`.
    """
    if not isinstance(slug, str) or not is_draft_name(root, slug):
        raise NotFound(f"no draft {slug!r} in {root}")
    return slug


def is_draft_name(root: Path, slug: str) -> bool:
    """Whether ``slug`` passes :func:`check`."""
    if not slug or slug.startswith(".") or "\x00" in slug or "/" in slug or "\\" in slug:
        return False
    if any(sep and sep in slug for sep in (os.sep, os.altsep)):
        return False
    name = f"{slug}{SUFFIX}"
    try:
        if len(os.fsencode(name)) > 255:
            return False
    except UnicodeError:
        return False
    path = Path(root) / name
    return PurePath(name).name == name and path.parent == Path(root)
