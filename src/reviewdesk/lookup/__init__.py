"""Series Information from the web: Jikan (MyAnimeList) and AniList for
anime, TMDB for films, Open Library for books, IGDB for games.

``sources`` holds the registry and :class:`~reviewdesk.lookup.sources.Lookup`,
the one object the command line and the app drive (search, then an entry);
``fill`` turns an entry into the review's info fields without overwriting
what the writer typed; ``cover`` saves a cover image into the library. One
module per source (``jikan``, ``anilist``, ``tmdb``, ``openlibrary``,
``igdb``); ``http`` is the client they share (timeouts, rate limits,
Retry-After, errors as one line) and ``cache`` keeps answers on disk for a day.

May import: ``reviewdesk.review``, ``reviewdesk.config``, ``reviewdesk.errors``
and httpx (only when a lookup runs: it is slow to import). Never textual,
the cli or the app.
"""
