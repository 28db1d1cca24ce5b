"""`reviewdesk themes` and `reviewdesk themes --check FILE`."""

from __future__ import annotations

from reviewdesk.config import locations

SHIPPED = sorted(p.stem for p in locations.shipped_themes_dir().glob("*.toml"))


def test_lists_every_theme_with_where_it_comes_from(cli, config_dir):
    themes = config_dir / "themes"
    themes.mkdir()
    (themes / "mine.toml").write_text('name = "writer-own"\nprimary = "#88aaff"\ndark = false\n')
    (themes / "broken.toml").write_text('name = "b"\nprimary = "nope"\n')
    code, out, err = cli("themes")
    assert code == 0
    rows = {line[2:].split()[0]: line for line in out.splitlines()}
    for name in SHIPPED:
        assert rows[name].rstrip().endswith("shipped")
    assert rows["writer-own"].split()[1:] == ["light", str(themes / "mine.toml")]
    assert rows["nord"].split()[1:] == ["dark", "textual"]
    assert rows["desk-ink"].startswith("* "), "the chosen (default) theme is marked"
    assert err == "broken: broken.toml: primary: 'nope' is not a colour: failed to parse 'nope' as a color\n"


def test_the_mark_follows_the_setting(cli, config_dir):
    (config_dir / "settings.toml").write_text('theme = "desk-moss"\n')
    _, out, _ = cli("themes")
    marked = [line for line in out.splitlines() if line.startswith("*")]
    assert len(marked) == 1 and marked[0].split()[1] == "desk-moss"


def test_check_a_good_file_prints_its_contrast(cli):
    code, out, err = cli("themes", "--check", str(locations.shipped_themes_dir() / "desk-paper.toml"))
    assert code == 0 and out == ""
    assert err.startswith("desk-paper (light); contrast on the background: body 13.3:1, heading 6.7:1")
    assert err.rstrip().endswith("desk-paper.toml: ok")


def test_check_names_every_problem(cli, tmp_path):
    path = tmp_path / "draft-theme.toml"
    path.write_text('name = "mine"\nprimary = "#ff00zz"\nbackdrop = "#000"\n')
    code, out, _ = cli("themes", "--check", str(path))
    assert code == 1
    assert out.splitlines() == [
        "draft-theme.toml: backdrop: unknown field (fields: name, dark, variables, primary, secondary, accent, "
        "foreground, background, surface, panel, boost, warning, error, success, luminosity_spread, "
        "text_alpha, description, author)",
        "draft-theme.toml: primary: '#ff00zz' is not a colour: failed to parse '#ff00zz' as a color",
    ]


def test_check_reports_low_contrast_and_taken_names(cli, tmp_path):
    path = tmp_path / "grey.toml"
    path.write_text('name = "nord"\nprimary = "#777777"\nbackground = "#6a6a6a"\nforeground = "#ffffff"\n')
    code, out, err = cli("themes", "--check", str(path))
    assert code == 1
    assert "grey.toml: name: 'nord' is a Textual built-in theme; choose another name" in out
    assert "grey.toml: heading #777777 on background #6A6A6A is 1.21:1, below 4.5:1" in out
    assert not any(line.startswith("grey.toml: body") for line in out.splitlines()), "white on grey reads"
    assert "contrast on the background: body 5.4:1" in err


def test_check_a_bad_toml_file_and_a_missing_one(cli, tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('name = "x"\nprimary = \n')
    code, out, _ = cli("themes", "--check", str(path))
    assert code == 1 and out.startswith("t.toml: line 2, column 11: not valid TOML")
    code, out, err = cli("themes", "--check", str(tmp_path / "nothing.toml"))
    assert code == 1 and err.startswith("reviewdesk: no theme file at")
