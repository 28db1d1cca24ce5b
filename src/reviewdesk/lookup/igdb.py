"""IGDB v4, for games (needs a Twitch application's client id and secret).

IGDB signs in through Twitch: the id and secret buy an app access token
(``POST /oauth2/token`` on id.twitch.tv, sent as a form so the secret is in
no address), kept in memory until it expires and never written to disk.
Search and entries are ``POST /games`` with an Apicalypse body asking for
the same fields; developers and publishers come from the companies' own
flags (a company without them is not guessed at). 4 requests a second.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode

from reviewdesk.config import locations
from reviewdesk.errors import LookupFailed, MissingKey
from reviewdesk.lookup.base import (Candidate, Context, Entry, broken, long_date, names, optional, present,
                                    required, text, unique)
from reviewdesk.lookup.http import Service

SERVICE = Service("igdb", "IGDB", "https://api.igdb.com/v4", ((1.0, 4),))
TWITCH = Service("twitch", "Twitch (IGDB's sign-in)", "https://id.twitch.tv", ((1.0, 4),))
IMAGES = Service("igdb_images", "IGDB images", "https://images.igdb.com/igdb/image/upload")
KIND = "game"
LABEL = SERVICE.label
LIMIT = 10
FIELDS = ("name,slug,first_release_date,platforms.name,genres.name,involved_companies.company.name,"
          "involved_companies.developer,involved_companies.publisher,cover.image_id,cover.url")

# (token address, client id) -> (token, expiry on time.monotonic()); this process only.
_tokens: dict[tuple[str, str], tuple[str, float]] = {}
_tokens_lock = threading.Lock()


def _where() -> str:
    return ("set igdb_client_id and igdb_client_secret under [lookup] in "
            f"{locations.settings_file()}, or the REVIEWDESK_IGDB_CLIENT_ID and REVIEWDESK_IGDB_CLIENT_SECRET "
            "variables")


def missing_key() -> MissingKey:
    return MissingKey("IGDB needs a Twitch application's client id and secret: register one (free) at "
                      f"https://dev.twitch.tv/console/apps, then {_where()}")


def key_hint() -> str:
    return f"the Twitch app access token was refused; check the client id and secret ({_where()})"


def _token(ctx: Context, client_id: str, secret: str) -> str:
    base = ctx.address(TWITCH)
    with _tokens_lock:
        held = _tokens.get((base, client_id))
    if held and held[1] > time.monotonic():
        return held[0]
    body = urlencode({"client_id": client_id, "client_secret": secret, "grant_type": "client_credentials"})
    twitch = ctx.open_client(TWITCH, base)
    try:
        answer = twitch.post("/oauth2/token", body=body.encode("ascii"),
                             content_type="application/x-www-form-urlencoded", cached=False)
    except MissingKey:
        raise
    except LookupFailed as exc:
        raise LookupFailed(f"{exc}; check the client id and secret ({_where()})") from None
    token = text(answer.get("access_token")) if isinstance(answer, dict) else None
    if not token:
        raise broken(TWITCH.label, "an access token")
    lifetime = answer.get("expires_in")
    lifetime = lifetime if isinstance(lifetime, int) and not isinstance(lifetime, bool) else 3600
    with _tokens_lock:
        _tokens[(base, client_id)] = (token, time.monotonic() + max(0, lifetime - 60))
    return token


def forget_tokens() -> None:
    with _tokens_lock:
        _tokens.clear()


def auth(ctx: Context) -> Callable[[], dict[str, str]]:
    def headers() -> dict[str, str]:
        client_id, secret = ctx.key("igdb_client_id"), ctx.key("igdb_client_secret")
        if not client_id or not secret:
            raise missing_key()
        return {"Client-ID": client_id, "Authorization": f"Bearer {_token(ctx, client_id, secret)}"}

    return headers


def _quoted(query: str) -> str:
    return '"' + " ".join(query.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _games(ctx: Context, body: str) -> list:
    answer = ctx.client.post("/games", body=body.encode("utf-8"), content_type="text/plain")
    if not isinstance(answer, list):
        raise broken(LABEL, "its list of games")
    return answer


def search(ctx: Context, query: str) -> list[Candidate]:
    return [candidate(game) for game in _games(ctx, f"search {_quoted(query)}; fields {FIELDS}; limit {LIMIT};")]


def fetch(ctx: Context, entry_id: int | str) -> Candidate:
    text_id = str(entry_id).strip()
    if not text_id.isdecimal():
        raise broken(LABEL, f"an IGDB game id (the draft's [lookup] id is {entry_id!r})")
    games = _games(ctx, f"fields {FIELDS}; where id = {int(text_id)};")
    if not games:
        raise LookupFailed(f"{LABEL} has no game {text_id} any more; search again with a QUERY")
    return candidate(games[0])


def _released(game: dict) -> tuple[int | None, str | None]:
    stamp = game.get("first_release_date")
    if isinstance(stamp, bool) or not isinstance(stamp, int):
        return None, None
    try:
        day = datetime.fromtimestamp(stamp, timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None, None
    return day.year, long_date(day.year, day.month, day.day)


def candidate(game: Any) -> Candidate:
    game_id = required(game, "id", int, LABEL)
    title = text(required(game, "name", str, LABEL))
    platforms = names(optional(game, "platforms", list, LABEL), LABEL, where="platforms")
    return Candidate("igdb", game_id, title, _released(game)[0], "game", ", ".join(platforms[:3]), game)


def _companies(game: dict, role: str) -> list[str]:
    found = []
    for involved in optional(game, "involved_companies", list, LABEL) or []:
        if isinstance(involved, dict) and involved.get(role) is True:
            company = involved.get("company")
            name = text(company.get("name")) if isinstance(company, dict) else None
            if name:
                found.append(name)
    return unique(found)


def _cover(ctx: Context, game: dict) -> str:
    cover = game.get("cover") if isinstance(game.get("cover"), dict) else {}
    image_id = text(cover.get("image_id"))
    if not image_id and text(cover.get("url")):  # "//images.igdb.com/.../t_thumb/co1qda.jpg"
        image_id = cover["url"].rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return f"{ctx.address(IMAGES)}/t_cover_big/{image_id}.jpg" if image_id else ""


def entry(ctx: Context, found: Candidate) -> Entry:
    game = found.raw
    publishers = _companies(game, "publisher")
    values: dict = {
        "title": found.title,
        "released": _released(game)[1],
        "developer": _companies(game, "developer"),
        "publisher": publishers,
        "platforms": names(optional(game, "platforms", list, LABEL), LABEL, where="platforms"),
        "genres": names(optional(game, "genres", list, LABEL), LABEL, where="genres"),
    }
    slug = text(game.get("slug"))
    return Entry("igdb", found.id, found.title, present(values), _cover(ctx, game),
                 f"https://www.igdb.com/games/{slug}" if slug else "")
