"""File names from titles: ASCII, short, safe on every platform."""

from __future__ import annotations

import re
import unicodedata

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
