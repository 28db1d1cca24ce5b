"""Theme tests run with their own config and library folders, never the developer's."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.config import locations

@pytest.fixture(autouse=True)
def private_folders(tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv(locations.CONFIG_ENV, str(config))
    monkeypatch.setenv(locations.LIBRARY_ENV, str(tmp_path / "library"))
    return config


@pytest.fixture
def user_themes(private_folders) -> Path:
    folder = private_folders / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
