"""What every source gives: candidates to pick from, and an entry's values.

A :class:`Candidate` is one search result as the writer sees it (title, year,
kind, episodes or author). An :class:`Entry` is the picked result turned into
values named for the templates' info fields (``english_title``, ``released``,
``animation_studios``...), each a text, a number or a list of texts, or left
out when the source has nothing for it. Reading an answer goes through the
helpers here, which raise :class:`~reviewdesk.errors.LookupFailed` when a field
the entry cannot do without is missing or of the wrong shape, so a broken
answer is refused whole and nothing is half-filled.
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from reviewdesk.errors import LookupFailed
from reviewdesk.lookup.http import Service, address

if TYPE_CHECKING:
    from reviewdesk.config.settings import LookupDefaults
    from reviewdesk.lookup.http import Client

InfoValue = str | int | list[str]


@dataclass(frozen=True)
class Candidate:
    source: str
    id: int | str
    title: str
    year: int | None = None
    kind: str = ""
    detail: str = ""  # "13 episodes", "by Garth Nix", "Nintendo 64, Wii"
    raw: Any = field(default=None, compare=False, repr=False)  # the source's record

    def line(self) -> str:
        """``Metallic Rouge (2024) · TV · 13 episodes``"""
        text = self.title + (f" ({self.year})" if self.year else "")
        return " · ".join(part for part in (text, self.kind, self.detail) if part)

    def as_json(self) -> dict:
        return {"source": self.source, "id": self.id, "title": self.title, "year": self.year,
                "kind": self.kind, "detail": self.detail}


@dataclass(frozen=True)
class Entry:
    source: str
    id: int | str
    title: str
    values: dict[str, InfoValue]
    cover_url: str = ""
    url: str = ""  # the entry's own page, for the writer to check


@dataclass
class Context:
    """What a source's functions work with: its service's client, the
    writer's [lookup] settings (the Japanese title's script, addresses, keys)
    and a way to open a client for another service (IGDB's sign-in)."""

    settings: LookupDefaults = field(default_factory=lambda: _defaults())
    client: Client | None = None
    open_client: Callable[..., Client] | None = None

    def address(self, service: Service) -> str:
        """A service's address (the source's images too): variable, setting or default."""
        return address(service, getattr(self.settings, f"{service.name}_url", ""))

    def key(self, name: str) -> str:
        """A key: its REVIEWDESK_ variable, then [lookup] in the settings; "" when neither."""
        return os.environ.get(f"REVIEWDESK_{name.upper()}", "").strip() or getattr(self.settings, name, "").strip()


def _defaults() -> LookupDefaults:
    from reviewdesk.config.settings import LookupDefaults

    return LookupDefaults()


# Reading answers ------------------------------------------------------------

def broken(label: str, what: str) -> LookupFailed:
    return LookupFailed(f"{label} sent an entry without {what}; nothing was changed (try again later, "
                        "or fill the fields by hand)")


def required(record: Any, key: str, kind: type | tuple[type, ...], label: str) -> Any:
    """``record[key]``, which must be there and be a ``kind``."""
    if not isinstance(record, dict) or key not in record or record[key] is None:
        raise broken(label, f"its {key!r}")
    value = record[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise broken(label, f"a proper {key!r}")
    if isinstance(value, str) and not value.strip():
        raise broken(label, f"its {key!r}")
    return value


def optional(record: dict, key: str, kind: type | tuple[type, ...], label: str) -> Any:
    """``record[key]`` or None when it is missing or null; the wrong shape is refused."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise broken(label, f"a proper {key!r}")
    return value


def text(value: Any) -> str | None:
    """A trimmed text, or None for nothing."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def names(items: Any, label: str, key: str = "name", where: str = "") -> list[str]:
    """The names in a list of records (``[{"name": "Bones"}, ...]``), in order, once each."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise broken(label, f"a proper {where or key!r} list")
    out: list[str] = []
    for item in items:
        name = text(item.get(key)) if isinstance(item, dict) else None
        if name and name.casefold() not in {n.casefold() for n in out}:
            out.append(name)
    return out


def unique(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        value = text(value) or ""
        if value and value.casefold() not in {v.casefold() for v in out}:
            out.append(value)
    return out


def whole(value: Any) -> int | None:
    """A positive whole number, or None."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    return value


def long_date(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """"23 October 2005", "October 2005" or "2005", as much as is known."""
    if not isinstance(year, int) or isinstance(year, bool) or not 1000 <= year <= 9999:
        return None
    if not isinstance(month, int) or not 1 <= month <= 12:
        return str(year)
    if isinstance(day, int) and 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{day} {calendar.month_name[month]} {year}"
    return f"{calendar.month_name[month]} {year}"


def iso_date(value: Any) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) from "1999-10-15" or "2005-10-23T00:00:00+00:00"; Nones when unreadable."""
    if not isinstance(value, str) or len(value) < 4:
        return None, None, None
    try:
        parsed = date.fromisoformat(value[:10])
    except ValueError:
        head = value[:4]
        return (int(head), None, None) if head.isdigit() else (None, None, None)
    return parsed.year, parsed.month, parsed.day


SEASONS = {"winter": "Winter", "spring": "Spring", "summer": "Summer", "fall": "Fall", "autumn": "Fall"}


def season_text(season: Any, year: Any) -> str | None:
    """"Spring 1998" from an anime season and its year."""
    name = SEASONS.get(season.strip().casefold()) if isinstance(season, str) else None
    if name is None or not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2999:
        return None
    return f"{name} {year}"


# The seed post says "Anime" for a TV series; the other formats in the same voice.
_MEDIUMS = {"tv": "Anime", "tv_short": "Anime (short episodes)", "movie": "Anime film", "ova": "OVA",
            "ona": "Web anime (ONA)", "special": "Anime special", "tv special": "Anime special",
            "tv_special": "Anime special", "music": "Music video", "cm": "Commercial", "pv": "Promotional video"}


def anime_medium(kind: Any) -> str | None:
    """"Anime" for Jikan's "TV" and AniList's "TV"; other formats in words."""
    kind = text(kind)
    if kind is None:
        return None
    return _MEDIUMS.get(kind.casefold(), kind)


def present(values: dict) -> dict:
    """The values the source has: None, "" and [] are left out (the field stays as it is)."""
    return {k: v for k, v in values.items() if v not in (None, "", [])}
