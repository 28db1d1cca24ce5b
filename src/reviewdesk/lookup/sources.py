"""The sources, which one a template uses, and a lookup session.

:class:`Lookup` is what the command line and the app drive: ``search(query)``
lists candidates, ``fetch(id)`` finds the entry a draft's ``[lookup]`` names
again, ``entry(candidate)`` reads a candidate's values. It opens one HTTP
client per service, shares the on-disk cache, and stops waiting when its
:class:`~reviewdesk.lookup.http.Cancel` is set.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from reviewdesk.errors import LookupFailed
from reviewdesk.lookup.base import Candidate, Context, Entry
from reviewdesk.lookup.cache import Cache
from reviewdesk.lookup.http import Cancel, Client, Service

if TYPE_CHECKING:
    from reviewdesk.config.settings import LookupDefaults
    from reviewdesk.review.model import Review
    from reviewdesk.review.template import Template

NAMES = ("jikan", "anilist", "tmdb", "openlibrary", "igdb")
LABELS = {"jikan": "Jikan (MyAnimeList)", "anilist": "AniList", "tmdb": "TMDB", "openlibrary": "Open Library",
          "igdb": "IGDB"}
BY_TEMPLATE = {"anime-season": "jikan", "film": "tmdb", "book": "openlibrary", "game": "igdb"}
# A writer's own template: the source its info fields point to, first match wins.
_BY_FIELD = (("japanese_title", "jikan"), ("episodes", "jikan"), ("animation_studios", "jikan"),
             ("director", "tmdb"), ("author", "openlibrary"), ("platforms", "igdb"), ("developer", "igdb"))


def module(name: str) -> ModuleType:
    if name not in NAMES:
        raise LookupFailed(f"unknown source {name!r}; use {', '.join(NAMES)}")
    return importlib.import_module(f"reviewdesk.lookup.{name}")


def source_for(review: Review, template: Template, chosen: str | None = None) -> str:
    """The source to ask: the one chosen, else the one the draft was filled
    from, else the template's."""
    if chosen:
        module(chosen)  # an unknown name is refused here
        return chosen
    stored = review.lookup.get("source")
    if isinstance(stored, str) and stored in NAMES:
        return stored
    return default_source(template)


def default_source(template: Template) -> str:
    """The template's source: anime-season Jikan, film TMDB, book Open Library, game IGDB."""
    if template.id in BY_TEMPLATE:
        return BY_TEMPLATE[template.id]
    ids = {f.id for f in template.info}
    for field_id, name in _BY_FIELD:
        if field_id in ids:
            return name
    raise LookupFailed(f"template {template.id!r} has no source of its own: choose one with --source "
                       f"({', '.join(NAMES)})")


def _settings() -> LookupDefaults:
    from reviewdesk.config import settings

    return settings.load()[0].lookup


class Lookup:
    """One source's lookups; close it (or use ``with``) when done."""

    def __init__(self, source: str, *, settings: LookupDefaults | None = None, cancel: Cancel | None = None,
                 cache: Cache | None = None, notice: Callable[[str], None] | None = None,
                 sleep: Callable[[float], None] | None = None):
        self.name = source
        self.source = module(source)
        self.label = self.source.SERVICE.label
        self.cancel = cancel or Cancel()
        self.cache = cache if cache is not None else Cache()
        self._notice = notice
        self._sleep = sleep
        self._clients: list[Client] = []
        self.context = Context(settings=settings if settings is not None else _settings(),
                               open_client=self._open)
        auth = self.source.auth(self.context) if hasattr(self.source, "auth") else None
        hint = self.source.key_hint() if hasattr(self.source, "key_hint") else ""
        self.context.client = self._open(self.source.SERVICE, self.context.address(self.source.SERVICE),
                                         auth=auth, key_hint=hint)

    def _open(self, service: Service, base: str, **options) -> Client:
        client = Client(service, base, cache=self.cache, cancel=self.cancel, notice=self._notice,
                        sleep=self._sleep, **options)
        self._clients.append(client)
        return client

    def __enter__(self) -> Lookup:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for client in self._clients:
            client.close()
        self._clients.clear()

    def search(self, query: str) -> list[Candidate]:
        query = " ".join(query.split())
        if not query:
            raise LookupFailed("give a title to search for")
        return self.source.search(self.context, query)

    def fetch(self, entry_id: int | str) -> Candidate:
        """The entry a draft's [lookup] table names."""
        return self.source.fetch(self.context, entry_id)

    def candidates(self, review: Review, query: str | None = None) -> tuple[list[Candidate], str]:
        """(candidates, what was asked): the entry the draft's [lookup] names
        when no query is given and it names this source; else a search for
        ``query`` or the review's title without "(Season One)"-style suffixes."""
        stored = review.lookup
        if not (query or "").strip() and stored.get("source") == self.name and stored.get("id") not in (None, ""):
            return [self.fetch(stored["id"])], f"{self.label} {stored['id']} (stored in the draft)"
        from reviewdesk.lookup.fill import default_query

        asked = " ".join((query or "").split()) or default_query(review.title)
        return self.search(asked), asked

    def entry(self, candidate: Candidate) -> Entry:
        if candidate.source != self.name:
            raise LookupFailed(f"that entry is from {LABELS.get(candidate.source, candidate.source)}, "
                               f"not {self.label}")
        return self.source.entry(self.context, candidate)
