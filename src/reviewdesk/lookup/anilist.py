"""AniList's GraphQL API (no key; 30 requests a minute at present).

Search asks for a ``Page`` of ``media(search:, type: ANIME)``; an entry is
``Media(id:)``; both ask for the same fields, so a search result fills the
review without a second request. Mapped as Jikan is: Medium "Anime" for
``TV``, Released "Spring 2009" from ``season`` and ``seasonYear`` (the start
date when there is none), the Japanese title from ``title.native`` (romaji
with ``[lookup] japanese_title = "romaji"``). Studios are the ``isMain``
ones: AniList lists producers and broadcasters among a show's studios.
AniList has no demographic, so that field is left as it is. Tags are not
asked for: many are plot spoilers (``isMediaSpoiler``), and a review's
information table is read before the review.
"""

from __future__ import annotations

import json
from typing import Any

from reviewdesk.errors import LookupFailed
from reviewdesk.lookup.base import (Candidate, Context, Entry, anime_medium, broken, long_date, optional,
                                    present, required, season_text, text, whole)
from reviewdesk.lookup.http import Service

SERVICE = Service("anilist", "AniList", "https://graphql.anilist.co", ((60.0, 30),))
KIND = "anime"
LIMIT = 10
LABEL = SERVICE.label

FIELDS = """
    id
    title { romaji english native }
    format
    season
    seasonYear
    episodes
    startDate { year month day }
    studios { edges { isMain node { id name } } }
    genres
    coverImage { extraLarge large }
"""
SEARCH = ("query ($search: String, $perPage: Int) { Page(perPage: $perPage) { "
          "media(search: $search, type: ANIME) {" + FIELDS + "} } }")
MEDIA = "query ($id: Int) { Media(id: $id, type: ANIME) {" + FIELDS + "} }"


def _ask(ctx: Context, query: str, variables: dict) -> dict:
    body = json.dumps({"query": query, "variables": variables}, sort_keys=True).encode("utf-8")
    answer = ctx.client.post("", body=body, content_type="application/json")
    if not isinstance(answer, dict):
        raise broken(LABEL, "its 'data'")
    data = answer.get("data")
    errors = answer.get("errors")
    if isinstance(errors, list) and errors and not data:
        said = errors[0].get("message") if isinstance(errors[0], dict) else None
        raise LookupFailed(f"{LABEL} refused the question: {text(said) or 'no reason given'}")
    if not isinstance(data, dict):
        raise broken(LABEL, "its 'data'")
    return data


def search(ctx: Context, query: str) -> list[Candidate]:
    data = _ask(ctx, SEARCH, {"search": query, "perPage": LIMIT})
    page = data.get("Page")
    items = page.get("media") if isinstance(page, dict) else None
    if not isinstance(items, list):
        raise broken(LABEL, "its list of results ('Page.media')")
    return [candidate(item) for item in items]


def fetch(ctx: Context, entry_id: int | str) -> Candidate:
    text_id = str(entry_id).strip()
    if not text_id.isdecimal():
        raise broken(LABEL, f"an AniList id (the draft's [lookup] id is {entry_id!r})")
    record = _ask(ctx, MEDIA, {"id": int(text_id)}).get("Media")
    if not isinstance(record, dict):
        raise LookupFailed(f"{LABEL} has no entry {text_id}")
    return candidate(record)


def _titles(record: Any) -> dict:
    titles = required(record, "title", dict, LABEL)
    out = {key: text(titles.get(key)) for key in ("romaji", "english", "native")}
    if not (out["romaji"] or out["english"]):
        raise broken(LABEL, "a title")
    return out


def candidate(record: Any) -> Candidate:
    media_id = required(record, "id", int, LABEL)
    titles = _titles(record)
    start = record.get("startDate") if isinstance(record.get("startDate"), dict) else {}
    year = whole(record.get("seasonYear")) or whole(start.get("year"))
    episodes = whole(record.get("episodes"))
    detail = f"{episodes} episode{'s' if episodes != 1 else ''}" if episodes else ""
    return Candidate("anilist", media_id, titles["english"] or titles["romaji"], year,
                     text(record.get("format")) or "", detail, record)


def _studios(record: dict) -> list[str]:
    studios = optional(record, "studios", dict, LABEL)
    edges = (studios or {}).get("edges")
    if edges is None:
        return []
    if not isinstance(edges, list):
        raise broken(LABEL, "a proper 'studios' list")
    out: list[str] = []
    for edge in edges:
        if not isinstance(edge, dict) or edge.get("isMain") is not True:
            continue  # a producer, a broadcaster: not the animation studio
        node = edge.get("node")
        name = text(node.get("name")) if isinstance(node, dict) else None
        if name and name not in out:
            out.append(name)
    return out


def entry(ctx: Context, found: Candidate) -> Entry:
    record = found.raw
    titles = _titles(record)
    start = record.get("startDate") if isinstance(record.get("startDate"), dict) else {}
    genres = optional(record, "genres", list, LABEL) or []
    values: dict = {
        "english_title": titles["english"] or titles["romaji"],
        "japanese_title": titles["romaji"] if ctx.settings.japanese_title == "romaji" else titles["native"],
        "medium": anime_medium(optional(record, "format", str, LABEL)),
        "released": season_text(record.get("season"), record.get("seasonYear"))
        or long_date(start.get("year"), start.get("month"), start.get("day")),
        "episodes": whole(record.get("episodes")),
        "animation_studios": _studios(record),
        "genres": [g for g in (text(g) for g in genres) if g],
    }
    covers = record.get("coverImage") if isinstance(record.get("coverImage"), dict) else {}
    cover = text(covers.get("extraLarge")) or text(covers.get("large")) or ""
    return Entry("anilist", found.id, found.title, present(values), cover, f"https://anilist.co/anime/{found.id}")
