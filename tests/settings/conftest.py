"""Every settings test runs with its own config and library folders."""

from __future__ import annotations

import pytest

from reviewdesk.config import locations


@pytest.fixture(autouse=True)
def private_folders(tmp_path, monkeypatch):
    """Point the config and library folders into the test's own tmp_path, so a
    developer's settings never leak in and nothing of theirs is written."""
    config = tmp_path / "config"
    monkeypatch.setenv(locations.CONFIG_ENV, str(config))
    monkeypatch.setenv(locations.LIBRARY_ENV, str(tmp_path / "library"))
    return config
