"""[lookup] in the settings file: read (keys, addresses, the Japanese title's
script), checked, and never written by the app."""

from __future__ import annotations

from reviewdesk.config import locations, settings
from reviewdesk.config.settings import Settings


def write(text: str) -> None:
    path = locations.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_lookup_settings_are_read():
    write('[lookup]\njapanese_title = "romaji"\ntmdb_token = " tok "\njikan_url = "http://127.0.0.1:9/v4/"\n')
    loaded, problems = settings.load()
    assert problems == []
    assert loaded.lookup.japanese_title == "romaji"
    assert loaded.lookup.tmdb_token == "tok"
    assert loaded.lookup.jikan_url == "http://127.0.0.1:9/v4"


def test_wrong_lookup_values_are_named_and_the_defaults_stand_in():
    write('[lookup]\njapanese_title = "kanji"\nanilist_url = "graphql.anilist.co"\nigdb_client_id = ""\n'
          'steam_key = "x"\n')
    loaded, problems = settings.load()
    said = {p.field: p.message for p in problems}
    assert said["lookup.japanese_title"] == "must be one of native, romaji"
    assert said["lookup.anilist_url"].startswith("must be a web address")
    assert said["lookup.igdb_client_id"] == "must be the key in quotes"
    assert said["lookup.steam_key"] == "unknown setting (kept, not used)"
    assert (loaded.lookup.japanese_title, loaded.lookup.anilist_url) == ("native", "")


def test_saving_the_settings_keeps_the_writers_lookup_table():
    write('theme = "desk-ink"\n\n[lookup]\ntmdb_token = "keep-me"\n')
    settings.save(Settings(theme="desk-moss"))
    text = locations.settings_file().read_text()
    assert 'tmdb_token = "keep-me"' in text and 'theme = "desk-moss"' in text
    assert "japanese_title" not in text, "the app writes no [lookup] value of its own"


def test_the_cache_folder_follows_its_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert locations.cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("REVIEWDESK_CACHE_DIR")
    assert locations.cache_dir().name == "reviewdesk"
