"""The lookup tests start with the services' rate limits unused (the
``web`` and ``fresh_limits`` fixtures are in web.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_limits(fresh_limits):
    yield
