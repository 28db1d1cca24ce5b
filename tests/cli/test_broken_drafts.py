"""A broken draft next to good ones: listed, explained, refused, never written."""

from __future__ import annotations

import json

import pytest

BROKEN = b"""\
format = 1
template = "anime-season"
title = "Solo Leveling
season = "Winter 2024"
"""

FILES = {
    "solo-leveling": (BROKEN, "line 3, column 23"),
    "empty": (b"", "the file is empty"),
    "latin-1": (b'format = 1\ntemplate = "anime-season"\ntitle = "Caf\xe9"\n', "not UTF-8"),
    "future": (b'format = 7\ntemplate = "anime-season"\ntitle = "From the future"\n', "newer Review Desk"),
    "untitled": (b'format = 1\ntemplate = "anime-season"\n', "the field 'title' is missing"),
}


@pytest.fixture
def library_with_broken(cli, library_dir):
    for title in ("Metallic Rouge", "Delicious in Dungeon"):
        assert cli("new", title, "--season", "Winter 2024").code == 0
    for slug, (content, _) in FILES.items():
        (library_dir / f"{slug}.toml").write_bytes(content)
    return library_dir


def test_list_shows_the_good_and_the_broken_with_where(cli, library_with_broken):
    result = cli("list")
    assert result.code == 0
    rows = {line.split()[0]: line for line in result.out.splitlines()[1:]}
    assert set(rows) == {"metallic-rouge", "delicious-in-dungeon", *FILES}
    for slug, (_, why) in FILES.items():
        assert "BROKEN" in rows[slug] and why in rows[slug], rows[slug]
        assert rows[slug].split()[-3:] == ["broken", "-", "-"]
    assert "0/9" in rows["metallic-rouge"] and "BROKEN" not in rows["metallic-rouge"]


def test_list_json_shows_line_and_column(cli, library_with_broken):
    rows = {r["slug"]: r for r in json.loads(cli("list", "--json").out)}
    assert len(rows) == 7
    bad = rows["solo-leveling"]
    assert (bad["broken"], bad["status"], bad["line"], bad["column"]) == (True, "broken", 3, 23)
    assert "not valid TOML" in bad["error"]
    assert (rows["latin-1"]["line"], rows["latin-1"]["column"]) == (3, 13)
    assert rows["empty"]["line"] is None
    assert rows["metallic-rouge"]["broken"] is False and "error" not in rows["metallic-rouge"]


@pytest.mark.parametrize("slug", list(FILES))
def test_answer_on_a_broken_draft_refuses_and_leaves_the_bytes(cli, library_with_broken, slug):
    path = library_with_broken / f"{slug}.toml"
    before = path.read_bytes()
    stamp = path.stat().st_mtime_ns
    line = cli("answer", slug, "1", stdin="This must not land anywhere.").assert_one_clean_error_line(
        FILES[slug][1])
    assert f"{slug}.toml" in line
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stamp
    # .locks holds the draft's (empty) write lock, taken to read and write it
    assert sorted(p.name for p in library_with_broken.iterdir() if p.name != ".locks") == sorted(
        ["metallic-rouge.toml", "delicious-in-dungeon.toml", *(f"{s}.toml" for s in FILES)])


@pytest.mark.parametrize("argv", [
    ["show", "solo-leveling"],
    ["info", "solo-leveling", "Episodes", "12"],
    ["image", "solo-leveling", "1", "a.png"],
    ["set", "solo-leveling", "status", "ready"],
    ["done", "solo-leveling", "1"],
    ["export", "solo-leveling"],
    ["check", "solo-leveling"],
    ["open", "solo-leveling"],
])
def test_every_command_refuses_a_broken_draft_in_one_line(cli, library_with_broken, argv):
    before = (library_with_broken / "solo-leveling.toml").read_bytes()
    cli(*argv).assert_one_clean_error_line("solo-leveling.toml", "line 3, column 23")
    assert (library_with_broken / "solo-leveling.toml").read_bytes() == before


def test_the_good_drafts_still_work(cli, library_with_broken):
    assert cli("answer", "metallic-rouge", "1", stdin="Still fine.").code == 0
    assert "Still fine." in cli("export", "metallic-rouge").out


def test_a_newer_format_says_to_upgrade(cli, library_with_broken):
    line = cli("show", "future").assert_one_clean_error_line("format 7")
    assert "Upgrade reviewdesk" in line


def test_a_broken_draft_can_be_moved_to_the_trash(cli, library_with_broken):
    assert cli("delete", "solo-leveling").code == 0
    assert (library_with_broken / ".trash" / "solo-leveling.toml").read_bytes() == BROKEN


def test_a_broken_draft_keeps_its_slug_from_new_reviews(cli, library_with_broken):
    assert cli("new", "Solo Leveling").out == "solo-leveling-2\n"
    assert (library_with_broken / "solo-leveling.toml").read_bytes() == BROKEN


def test_control_characters_in_an_error_are_shown_not_run(cli, library_dir):
    (library_dir / "evil.toml").write_bytes(b'format = 1\ntemplate = "anime-season"\ntitle = "x"\n'
                                            b'status = "\\u001b[2J"\n')
    line = cli("show", "evil").assert_one_clean_error_line("status")
    assert "\x1b" not in line and "\\x1b" in line
