"""Jikan v4, the MyAnimeList API (no key; 3 requests a second, 60 a minute).

Search is ``GET /anime?q=...``; an entry is ``GET /anime/{mal_id}``; both
answer with full records, so filling from a search result needs no second
request. Mapped in the seed post's style: Medium "Anime" for a TV series,
Released "Spring 1998" from ``season`` and ``year`` (the aired date when
there is no season), studios and genres as lists, the Japanese title in
Japanese script (``title_japanese``) or, with ``[lookup] japanese_title =
"romaji"``, MyAnimeList's main romaji title. ``demographics`` is often
empty (an original anime): the field is then left as it is.
"""

from __future__ import annotations

from typing import Any

from reviewdesk.lookup.base import (Candidate, Context, Entry, anime_medium, broken, iso_date, long_date,
                                    names, optional, present, required, season_text, text, whole)
from reviewdesk.lookup.http import Service

SERVICE = Service("jikan", "Jikan (MyAnimeList)", "https://api.jikan.moe/v4", ((1.0, 3), (60.0, 60)))
KIND = "anime"
LIMIT = 10
LABEL = SERVICE.label


def search(ctx: Context, query: str) -> list[Candidate]:
    answer = ctx.client.get("/anime", {"q": query, "limit": LIMIT})
    items = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(items, list):
        raise broken(LABEL, "its list of results ('data')")
    return [candidate(item) for item in items]


def fetch(ctx: Context, entry_id: int | str) -> Candidate:
    """The entry with this MyAnimeList id."""
    answer = ctx.client.get(f"/anime/{_id(entry_id)}")
    record = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(record, dict):
        raise broken(LABEL, "its record ('data')")
    return candidate(record)


def _id(entry_id: int | str) -> int:
    text_id = str(entry_id).strip()
    if not text_id.isdecimal():
        raise broken(LABEL, f"a MyAnimeList id (the draft's [lookup] id is {entry_id!r})")
    return int(text_id)


def candidate(record: Any) -> Candidate:
    mal_id = required(record, "mal_id", int, LABEL)
    main = text(required(record, "title", str, LABEL))
    title = text(optional(record, "title_english", str, LABEL)) or main
    year = whole(record.get("year")) or iso_date(_aired(record).get("from"))[0]
    episodes = whole(record.get("episodes"))
    detail = f"{episodes} episode{'s' if episodes != 1 else ''}" if episodes else ""
    return Candidate("jikan", mal_id, title, year, text(record.get("type")) or "", detail, record)


def _aired(record: dict) -> dict:
    aired = record.get("aired")
    return aired if isinstance(aired, dict) else {}


def _released(record: dict) -> str | None:
    by_season = season_text(record.get("season"), record.get("year"))
    if by_season:
        return by_season
    aired = _aired(record)
    start = (aired.get("prop") or {}).get("from") if isinstance(aired.get("prop"), dict) else None
    if isinstance(start, dict) and start.get("year"):
        return long_date(start.get("year"), start.get("month"), start.get("day"))
    return long_date(*iso_date(aired.get("from")))


def _titles(record: dict, kind: str) -> str | None:
    for item in record.get("titles") or []:
        if isinstance(item, dict) and item.get("type") == kind and text(item.get("title")):
            return text(item["title"])
    return None


def entry(ctx: Context, found: Candidate) -> Entry:
    record = found.raw
    romaji = text(required(record, "title", str, LABEL))
    english = text(optional(record, "title_english", str, LABEL)) or _titles(record, "English") or romaji
    if ctx.settings.japanese_title == "romaji":
        japanese = romaji
    else:
        japanese = text(optional(record, "title_japanese", str, LABEL)) or _titles(record, "Japanese")
    values: dict = {
        "english_title": english,
        "japanese_title": japanese,
        "medium": anime_medium(optional(record, "type", str, LABEL)),
        "released": _released(record),
        "episodes": whole(record.get("episodes")),
        "animation_studios": names(optional(record, "studios", list, LABEL), LABEL, where="studios"),
        "genres": names(optional(record, "genres", list, LABEL), LABEL, where="genres"),
        "demographic": ", ".join(names(optional(record, "demographics", list, LABEL), LABEL,
                                       where="demographics")),
    }
    images = record.get("images") if isinstance(record.get("images"), dict) else {}
    jpg = images.get("jpg") if isinstance(images.get("jpg"), dict) else {}
    cover = text(jpg.get("large_image_url")) or text(jpg.get("image_url")) or ""
    return Entry("jikan", found.id, found.title, present(values), cover, text(record.get("url")) or "")
