"""The settings file: defaults, reading, reporting and careful writing.

Core only: no Textual app is involved.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest

from reviewdesk.config import locations
from reviewdesk.config import settings
from reviewdesk.config.settings import Settings, SettingsError


def write(path, text: str) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.read_bytes()


def test_a_missing_file_means_the_defaults_and_no_problem():
    s, problems = settings.load()
    assert problems == []
    assert s == Settings()
    assert (s.theme, s.export.heading_level, s.export.include_title, s.export.target) == (
        "desk-ink", 2, True, "markdown")
    assert (s.library, s.autosave_delay, s.preview_open) == (None, 1.0, True)
    assert not locations.settings_file().exists(), "loading must not create the file"


def test_a_saved_file_reads_back_the_same():
    chosen = Settings(theme="desk-paper", library="~/Reviews", autosave_delay=2.5, preview_open=False)
    chosen.export.heading_level = 3
    chosen.export.include_title = False
    chosen.export.target = "hugo"
    path = settings.save(chosen)
    assert path == locations.settings_file()
    loaded, problems = settings.load()
    assert problems == []
    assert loaded == chosen


def test_the_file_is_plain_toml_a_writer_can_edit():
    settings.save(Settings(theme="desk-moss"))
    text = locations.settings_file().read_text()
    data = tomllib.loads(text)
    assert data["theme"] == "desk-moss"
    assert data["export"] == {"heading_level": 2, "include_title": True, "target": "markdown"}
    assert "library" not in data, "no library setting means the default folder; nothing is written"
    assert text.index("theme") < text.index("[export]")


def test_broken_toml_is_reported_with_its_place_and_left_untouched():
    path = locations.settings_file()
    before = write(path, 'theme = "desk-paper"\npreview_open = yes\n')
    s, problems = settings.load()
    assert s == Settings()
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (2, 16)
    assert str(path) in str(problems[0]) and "line 2" in str(problems[0])
    assert path.read_bytes() == before


def test_a_broken_file_is_never_replaced_by_save():
    path = locations.settings_file()
    before = write(path, "theme = \n")
    with pytest.raises(SettingsError, match="does not parse"):
        settings.save(Settings(theme="desk-paper"), fields=["theme"])
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.toml"], "no stray temp file"


def test_wrong_values_fall_back_one_by_one_and_name_the_field():
    path = locations.settings_file()
    before = write(path, """\
theme = 7
autosave_delay = 0
preview_open = false
colour = "blue"

[export]
heading_level = 9
include_title = "yes"
target = "wordpress"
""")
    s, problems = settings.load()
    named = {p.field: p.message for p in problems}
    assert set(named) == {"theme", "autosave_delay", "colour", "export.heading_level",
                          "export.include_title", "export.target"}
    assert "unknown" in named["colour"]
    assert "1 to 6" in named["export.heading_level"]
    assert s.preview_open is False, "the good value is still used"
    assert s.theme == "desk-ink" and s.export.heading_level == 2 and s.export.target == "markdown"
    assert path.read_bytes() == before


def test_save_writes_only_the_fields_asked_and_keeps_what_it_does_not_know():
    path = locations.settings_file()
    write(path, """\
theme = "desk-ink"
future_option = [1, 2]
autosave_delay = "soon"

[export]
heading_level = 9
newer_flag = true

[plugins]
x = 1
""")
    s, _ = settings.load()
    s.theme = "desk-dusk"
    settings.save(s, fields=["theme"])
    data = tomllib.loads(path.read_text())
    assert data["theme"] == "desk-dusk"
    assert data["future_option"] == [1, 2]
    assert data["autosave_delay"] == "soon", "a value the writer is still fixing is not overwritten"
    assert data["export"] == {"heading_level": 9, "newer_flag": True}
    assert data["plugins"] == {"x": 1}


def test_save_refuses_values_that_would_not_load_back():
    with pytest.raises(SettingsError, match="export.heading_level"):
        s = Settings()
        s.export.heading_level = 0
        settings.save(s)
    with pytest.raises(SettingsError, match="autosave_delay"):
        settings.save(Settings(autosave_delay=-1))
    assert not locations.settings_file().exists()
    with pytest.raises(ValueError):
        settings.save(Settings(), fields=["nonsense"])


def test_save_is_atomic_when_the_rename_fails(monkeypatch):
    path = locations.settings_file()
    settings.save(Settings(theme="desk-paper"))
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SettingsError, match="No space left"):
        settings.save(Settings(theme="desk-sepia"))
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


def test_update_returns_a_changed_copy():
    s = Settings()
    t = settings.update(s, theme="desk-linen", export_target="yaml")
    assert (t.theme, t.export.target) == ("desk-linen", "yaml")
    assert (s.theme, s.export.target) == ("desk-ink", "markdown")


def test_not_utf8_is_reported():
    path = locations.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'theme = "\xff"\n')
    s, problems = settings.load()
    assert s == Settings() and "UTF-8" in str(problems[0])


def test_library_folder_order_flag_env_setting_default(tmp_path, monkeypatch):
    settings.save(Settings(library=str(tmp_path / "from-settings")))
    assert settings.library_folder("/flag") == locations.library_dir("/flag")
    assert settings.library_folder() == tmp_path / "library"  # $REVIEWDESK_LIBRARY wins
    monkeypatch.delenv(locations.LIBRARY_ENV)
    assert settings.library_folder() == tmp_path / "from-settings"


def test_importing_settings_does_not_import_textual():
    code = "import sys, reviewdesk.config.settings, reviewdesk.config.theme_files; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
