"""A local web for the lookup tests: every source's address points at one
pytest-httpserver, each under a path of its own, serving the recorded
answers in fixtures/ (see fixtures/SOURCES.md).

A pytest plugin (tests/conftest.py loads it), so the app's tests use the
``web`` fixture too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


@pytest.fixture
def fresh_limits():
    """The services' rate limits unused and no IGDB token held, before and after."""
    from reviewdesk.lookup import http, igdb

    http._limiters.clear()
    igdb.forget_tokens()
    yield
    http._limiters.clear()
    igdb.forget_tokens()


@pytest.fixture
def web(httpserver, monkeypatch, fresh_limits):
    """The local server, with every source's address pointed at it."""
    for name, path in PATHS.items():
        monkeypatch.setenv(f"REVIEWDESK_{name}_URL", httpserver.url_for(path))
    return httpserver
