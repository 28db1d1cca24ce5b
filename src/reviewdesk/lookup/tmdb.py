"""TMDB v3, for films (needs the writer's API read access token).

Search is ``GET /search/movie``, whose results carry genre ids only, so a
picked film is read from ``GET /movie/{id}`` (title, original title, release
date, runtime, genres, production companies) and ``GET /movie/{id}/credits``
(the director). The token goes in the ``Authorization`` header, never in an
address. The poster is ``poster_path`` on TMDB's image server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reviewdesk.config import locations
from reviewdesk.errors import MissingKey
from reviewdesk.lookup.base import (Candidate, Context, Entry, broken, iso_date, long_date, names, optional,
                                    present, required, text, whole)
from reviewdesk.lookup.http import Service

SERVICE = Service("tmdb", "TMDB", "https://api.themoviedb.org/3", ((1.0, 40),))
IMAGES = Service("tmdb_images", "TMDB images", "https://image.tmdb.org/t/p")
KIND = "film"
LABEL = SERVICE.label
POSTER_SIZE = "w780"


def missing_key() -> MissingKey:
    return MissingKey(
        "TMDB needs your API read access token: get one (free) at https://www.themoviedb.org/settings/api, "
        f"then put it in {locations.settings_file()} as tmdb_token = \"...\" under [lookup], "
        "or in the REVIEWDESK_TMDB_TOKEN variable")


def key_hint() -> str:
    return ("check the API read access token (tmdb_token under [lookup] in the settings, or "
            "REVIEWDESK_TMDB_TOKEN) at https://www.themoviedb.org/settings/api")


def auth(ctx: Context) -> Callable[[], dict[str, str]]:
    def headers() -> dict[str, str]:
        token = ctx.key("tmdb_token")
        if not token:
            raise missing_key()
        return {"Authorization": f"Bearer {token}"}

    return headers


def search(ctx: Context, query: str) -> list[Candidate]:
    answer = ctx.client.get("/search/movie", {"query": query, "include_adult": "false"})
    items = answer.get("results") if isinstance(answer, dict) else None
    if not isinstance(items, list):
        raise broken(LABEL, "its list of results ('results')")
    return [candidate(item) for item in items]


def fetch(ctx: Context, entry_id: int | str) -> Candidate:
    return candidate(_details(ctx, entry_id))


def _id(entry_id: int | str) -> int:
    text_id = str(entry_id).strip()
    if not text_id.isdecimal():
        raise broken(LABEL, f"a TMDB film id (the draft's [lookup] id is {entry_id!r})")
    return int(text_id)


def _details(ctx: Context, entry_id: int | str) -> dict:
    record = ctx.client.get(f"/movie/{_id(entry_id)}")
    if not isinstance(record, dict):
        raise broken(LABEL, "the film's details")
    return record


def candidate(record: Any) -> Candidate:
    film_id = required(record, "id", int, LABEL)
    title = text(required(record, "title", str, LABEL))
    original = text(record.get("original_title"))
    detail = original if original and original != title else ""
    return Candidate("tmdb", film_id, title, iso_date(record.get("release_date"))[0], "film", detail, record)


def entry(ctx: Context, found: Candidate) -> Entry:
    # A search result lacks the details; a fetched film has them (runtime is one).
    record = found.raw if isinstance(found.raw, dict) and "runtime" in found.raw else _details(ctx, found.id)
    credits = ctx.client.get(f"/movie/{_id(found.id)}/credits")
    if not isinstance(credits, dict):
        raise broken(LABEL, "the film's credits")
    crew = optional(credits, "crew", list, LABEL) or []
    title = text(required(record, "title", str, LABEL))
    original = text(optional(record, "original_title", str, LABEL))
    year, month, day = iso_date(record.get("release_date"))
    runtime = whole(record.get("runtime"))
    values: dict = {
        "title": title,
        # Only when it differs: "Original Title: Fight Club" under "Title: Fight Club" says nothing.
        "original_title": original if original != title else None,
        "released": long_date(year, month, day),
        "year": year,
        "runtime": f"{runtime} min" if runtime else None,
        "genres": names(optional(record, "genres", list, LABEL), LABEL, where="genres"),
        "studios": names(optional(record, "production_companies", list, LABEL), LABEL,
                         where="production_companies"),
        "director": names([person for person in crew if isinstance(person, dict)
                           and person.get("job") == "Director"], LABEL, where="crew"),
    }
    poster = text(record.get("poster_path"))
    cover = f"{ctx.address(IMAGES)}/{POSTER_SIZE}/{poster.lstrip('/')}" if poster else ""
    return Entry("tmdb", found.id, title, present(values), cover, f"https://www.themoviedb.org/movie/{found.id}")
