"""The lookup tests' fixtures: the rate limits reset, and ``web``, every
source's address pointed at one local pytest-httpserver (see web.py)."""

from __future__ import annotations

import pytest

from lookup.web import PATHS


@pytest.fixture(autouse=True)
def fresh_limits():
    """Each test starts with the services' rate limits unused and no IGDB token held."""
    from reviewdesk.lookup import http, igdb

    http._limiters.clear()
    igdb.forget_tokens()
    yield
    http._limiters.clear()
    igdb.forget_tokens()


@pytest.fixture
def web(httpserver, monkeypatch):
    """The local server, with every source's address pointed at it."""
    for name, path in PATHS.items():
        monkeypatch.setenv(f"REVIEWDESK_{name}_URL", httpserver.url_for(path))
    return httpserver
