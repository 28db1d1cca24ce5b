"""A local web for the lookup tests: every source's address points at one
pytest-httpserver, each under a path of its own, serving the recorded
answers in fixtures/ (see fixtures/SOURCES.md)."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

# The source's REVIEWDESK_<NAME>_URL -> its path on the local server.
PATHS = {"JIKAN": "/jikan/v4", "ANILIST": "/anilist", "TMDB": "/tmdb/3", "TMDB_IMAGES": "/tmdb-images/t/p",
         "OPENLIBRARY": "/openlibrary", "OPENLIBRARY_COVERS": "/covers", "IGDB": "/igdb/v4",
         "IGDB_IMAGES": "/igdb-images", "TWITCH": "/twitch"}


def recorded(name: str) -> bytes:
    """A recorded answer, byte for byte."""
    return (FIXTURES / name).read_bytes()


def recorded_json(name: str):
    return json.loads(recorded(name))


def serve(web, path: str, body: bytes | str, *, status: int = 200, method: str = "GET", headers=None,
          content_type: str = "application/json", **match):
    """Answer requests for ``path`` with ``body`` (a recorded answer)."""
    web.expect_request(path, method=method, **match).respond_with_data(
        body, status=status, headers=headers, content_type=content_type)


def requests_to(web, prefix: str) -> list:
    return [request for request, _ in web.log if request.path.startswith(prefix)]
