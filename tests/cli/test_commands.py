"""The command line's contract, command by command, run through reviewdesk.cli.main."""

from __future__ import annotations

import json

import pytest
from samples import metallic_rouge as sample_data

from reviewdesk.review.library import Library

SLUG = "metallic-rouge"


@pytest.fixture
def draft(cli):
    result = cli("new", "Metallic Rouge", "--season", "Winter 2024")
    assert result.code == 0
    return result.out.strip()


def load(library_dir, slug=SLUG):
    return Library(library_dir).load(slug)


# new -----------------------------------------------------------------------------

def test_new_prints_only_the_slug(cli, library_dir):
    result = cli("new", "Metallic Rouge (Season One)", "--season", "Winter 2024",
                 "--tagline", "Androids on Mars.")
    assert (result.code, result.out) == (0, "metallic-rouge-season-one\n")
    review = load(library_dir, "metallic-rouge-season-one")
    assert (review.title, review.season, review.tagline) == ("Metallic Rouge (Season One)", "Winter 2024",
                                                             "Androids on Mars.")


def test_new_gives_duplicate_titles_unique_slugs(cli):
    slugs = [cli("new", "Solo Leveling").out for _ in range(3)]
    assert slugs == ["solo-leveling\n", "solo-leveling-2\n", "solo-leveling-3\n"]


@pytest.mark.parametrize("title, slug", [
    ("葬送のフリーレン", "review"),
    ("🎉 Party Time 🎉", "party-time"),
    ("Re:Zero − Starting Life in Another World?!", "re-zero-starting-life-in-another-world"),
    ("Pokémon: Horizons", "pokemon-horizons"),
])
def test_new_makes_ascii_slugs_from_any_title(cli, library_dir, title, slug):
    result = cli("new", title)
    assert result.out == f"{slug}\n"
    assert load(library_dir, slug).title == title


def test_new_with_an_unknown_template_fails_cleanly(cli, library_dir):
    cli("new", "Dune", "--template", "opera").assert_one_clean_error_line("unknown template 'opera'", "anime-season")
    assert list(library_dir.iterdir()) == []


def test_new_with_an_empty_title_fails_cleanly(cli):
    cli("new", "   ").assert_one_clean_error_line("needs a title")


# list ------------------------------------------------------------------------------

def test_list_shows_every_draft_with_progress(cli, draft):
    cli("answer", draft, "1", stdin="Two words.")
    cli("new", "Solo Leveling")
    result = cli("list")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["SLUG", "TITLE", "SEASON", "STATUS", "ANSWERED", "WORDS"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == {"metallic-rouge", "solo-leveling"}
    assert rows["metallic-rouge"].split()[-4:] == ["2024", "draft", "1/9", "2"]
    assert "Winter 2024" in rows["metallic-rouge"]


def test_list_json_is_machine_readable(cli, draft):
    cli("answer", draft, "watched", stdin="Three words here.")
    cli("set", draft, "status", "ready")
    rows = json.loads(cli("list", "--json").out)
    assert len(rows) == 1
    row = rows[0]
    assert {k: row[k] for k in ("slug", "title", "season", "status", "answered", "total", "words", "broken")} == {
        "slug": "metallic-rouge", "title": "Metallic Rouge", "season": "Winter 2024", "status": "ready",
        "answered": 1, "total": 9, "words": 3, "broken": False}


def test_list_of_an_empty_library_says_how_to_start(cli):
    result = cli("list")
    assert (result.code, result.out) == (0, "")
    assert "reviewdesk new" in result.err
    assert json.loads(cli("list", "--json").out) == []


# show -------------------------------------------------------------------------------

def test_show_walks_the_questions(cli, draft):
    cli("answer", draft, "2", stdin="What happened, briefly.")
    cli("info", draft, "Episodes", "13")
    result = cli("show", draft)
    assert result.code == 0
    out = result.out
    assert out.startswith("Metallic Rouge  [draft]\n")
    assert "season: Winter 2024" in out and "answered: 1/9" in out
    lines = out.splitlines()
    q2 = next(line for line in lines if "What happened?" in line)
    assert q2.split()[0] == "2." and "started" in q2 and "3/300 words" in q2
    assert sum(" empty " in line for line in lines) == 8
    assert any(line.split() == ["Episodes:", "13"] for line in lines)
    assert any(line.split() == ["Genres:", "(empty)"] for line in lines)


def test_show_unknown_slug_fails_cleanly(cli):
    cli("show", "nope").assert_one_clean_error_line("no draft 'nope'")


# answer ------------------------------------------------------------------------------

def test_answer_from_standard_input_normalises_line_endings(cli, draft, library_dir):
    result = cli("answer", draft, "watched", stdin=b"Line one.\r\nLine two.\rLine three.\n")
    assert result.code == 0
    assert "What did you watch?" in result.err and "6 words" in result.err
    assert load(library_dir).answers["watched"].text == "Line one.\nLine two.\nLine three.\n"


def test_answer_from_a_file_by_number(cli, draft, library_dir, tmp_path):
    text = "It was *great* | really.\n\n```\ncode\n```\n"
    answer = tmp_path / "answer.md"
    answer.write_text(text, encoding="utf-8")
    assert cli("answer", draft, "3", "--file", str(answer)).code == 0
    assert cli("answer", draft, "9", "-f", str(answer)).code == 0
    review = load(library_dir)
    assert review.answers["thought"].text == text
    assert review.answers["learned"].text == text


@pytest.mark.parametrize("ref", ["nope", "0", "10", "-1"])
def test_answer_unknown_question_fails_cleanly_and_writes_nothing(cli, draft, library_dir, ref):
    before = library_dir.joinpath(f"{draft}.toml").read_bytes()
    cli("answer", draft, ref, stdin="text").assert_one_clean_error_line("question")
    assert library_dir.joinpath(f"{draft}.toml").read_bytes() == before


def test_answer_missing_file_and_bad_input_fail_cleanly(cli, draft, tmp_path):
    cli("answer", draft, "1", "--file", str(tmp_path / "missing.md")).assert_one_clean_error_line("cannot read")
    cli("answer", draft, "1", stdin=b"caf\xe9").assert_one_clean_error_line("not UTF-8")
    cli("answer", draft, "1", stdin="  \n").assert_one_clean_error_line("empty")


def test_answer_clear_and_done(cli, draft, library_dir):
    cli("answer", draft, "1", stdin="Something.")
    assert cli("done", draft, "1").code == 0
    assert load(library_dir).answers["watched"].done is True
    assert cli("done", draft, "watched", "--undo").code == 0
    assert cli("answer", draft, "1", "--clear").code == 0
    answer = load(library_dir).answers["watched"]
    assert (answer.text, answer.done) == ("", False)


def test_answer_unknown_slug_fails_cleanly(cli):
    cli("answer", "ghost", "1", stdin="x").assert_one_clean_error_line("no draft 'ghost'")


# info --------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["animation_studios", "Animation Studios", "animation studios", "ANIMATION-STUDIOS"])
def test_info_field_by_id_or_label_in_any_case(cli, draft, library_dir, field):
    assert cli("info", draft, field, "Bones, Studio Nue").code == 0
    assert load(library_dir).info["animation_studios"] == ["Bones", "Studio Nue"]


def test_info_lists_are_comma_separated_and_exported_joined(cli, draft, library_dir):
    cli("info", draft, "Genres", "Action,Science Fiction ,  Mystery")
    assert load(library_dir).info["genres"] == ["Action", "Science Fiction", "Mystery"]
    assert "| Genres | Action, Science Fiction, Mystery |" in cli("export", draft).out


def test_info_episodes_must_be_a_number(cli, draft, library_dir):
    assert cli("info", draft, "episodes", "13").code == 0
    assert load(library_dir).info["episodes"] == 13
    before = library_dir.joinpath(f"{draft}.toml").read_bytes()
    cli("info", draft, "Episodes", "thirteen").assert_one_clean_error_line("Episodes must be a whole number")
    cli("info", draft, "Episodes", "²").assert_one_clean_error_line("Episodes must be a whole number")
    assert library_dir.joinpath(f"{draft}.toml").read_bytes() == before


def test_info_empty_value_clears(cli, draft, library_dir):
    cli("info", draft, "Medium", "TV series")
    cli("info", draft, "Medium", "")
    assert "medium" not in load(library_dir).info


def test_info_unknown_field_fails_cleanly(cli, draft):
    cli("info", draft, "Studio", "Bones").assert_one_clean_error_line("unknown field 'Studio'", "Animation Studios")


# image, set -------------------------------------------------------------------------

def test_image_with_caption_is_exported_under_its_section(cli, draft, library_dir):
    cli("answer", draft, "4", stdin="Episode 4 was the best.")
    result = cli("image", draft, "4", "images/ep4.jpg", "--caption", "Metallic Rouge Episode 4 Rouge Redstar")
    assert result.code == 0
    image = load(library_dir).answers["favourite_moment"].images[0]
    assert (image.src, image.caption) == ("images/ep4.jpg", "Metallic Rouge Episode 4 Rouge Redstar")
    out = cli("export", draft).out
    assert ("## What was your favourite moment?\n\nEpisode 4 was the best.\n\n"
            "![Metallic Rouge Episode 4 Rouge Redstar](images/ep4.jpg)\n\n"
            "*Metallic Rouge Episode 4 Rouge Redstar*\n") in out


def test_image_needs_a_source(cli, draft):
    cli("image", draft, "1", " ").assert_one_clean_error_line("needs a file path or URL")


@pytest.mark.parametrize("field, value, stored", [
    ("title", "  Metallic Rouge (Season One) ", "Metallic Rouge (Season One)"),
    ("tagline", "Androids on Mars.", "Androids on Mars."),
    ("season", "Winter 2024", "Winter 2024"),
    ("status", "Published", "published"),
    ("url", "https://animeblog.example/metallic-rouge/", "https://animeblog.example/metallic-rouge/"),
])
def test_set_fields(cli, draft, library_dir, field, value, stored):
    assert cli("set", draft, field, value).code == 0
    assert getattr(load(library_dir), field) == stored


def test_set_status_is_validated(cli, draft, library_dir):
    before = library_dir.joinpath(f"{draft}.toml").read_bytes()
    cli("set", draft, "status", "finished").assert_one_clean_error_line("status must be one of draft, ready, published")
    assert library_dir.joinpath(f"{draft}.toml").read_bytes() == before


def test_set_unknown_field_is_a_usage_error(cli, draft):
    result = cli("set", draft, "rating", "10")
    assert result.code == 2 and "invalid choice" in result.err and "Traceback" not in result.err


# export, copy -------------------------------------------------------------------------

def test_export_to_standard_output_is_the_golden_post(cli, sample):
    result = cli("export", sample.slug)
    assert result.code == 0
    assert result.out == sample_data.GOLDEN_MARKDOWN.read_text(encoding="utf-8")


def test_export_to_a_file(cli, sample, tmp_path):
    out = tmp_path / "post.md"
    result = cli("export", sample.slug, "-o", str(out))
    assert (result.code, result.out) == (0, "")
    assert str(out) in result.err
    assert out.read_bytes() == sample_data.GOLDEN_MARKDOWN.read_bytes()


def test_export_options(cli, sample):
    out = cli("export", sample.slug, "--heading-level", "3", "--no-title").out
    assert not out.startswith("#")
    assert "\n### What did you watch?\n" in out and "\n## " not in out


def test_export_to_a_missing_folder_fails_cleanly(cli, sample, tmp_path):
    cli("export", sample.slug, "-o", str(tmp_path / "no" / "such" / "post.md")).assert_one_clean_error_line(
        "cannot write")


def test_copy_without_a_clipboard_fails_with_a_clear_message(cli, sample, monkeypatch):
    import pyperclip

    def no_clipboard(text):
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    result = cli("copy", sample.slug)
    assert result.code != 0
    assert "Traceback" not in result.err
    assert "no system clipboard is reachable" in result.err
    assert "--osc52" in result.err and "export" in result.err


def test_copy_with_a_clipboard(cli, sample, monkeypatch):
    import pyperclip

    copied = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    result = cli("copy", sample.slug)
    assert result.code == 0
    assert copied == [sample_data.GOLDEN_MARKDOWN.read_text(encoding="utf-8")]
    assert "copied" in result.err


def test_copy_osc52_writes_the_sequence_to_standard_output(cli, sample):
    import base64

    result = cli("copy", sample.slug, "--osc52")
    assert result.code == 0
    assert result.out.startswith("\x1b]52;c;") and result.out.endswith("\x07")
    payload = result.out[len("\x1b]52;c;"):-1]
    assert base64.b64decode(payload).decode("utf-8") == sample_data.GOLDEN_MARKDOWN.read_text(encoding="utf-8")


# templates, check, delete, open --------------------------------------------------------

def test_templates_lists_the_built_in_and_reports_a_broken_one(cli, config_dir):
    result = cli("templates")
    assert result.code == 0
    assert result.out.startswith("anime-season")
    assert "9 questions, 8 info fields" in result.out
    (config_dir / "templates").mkdir()
    (config_dir / "templates" / "film.toml").write_text('id = "film"\n', encoding="utf-8")
    result = cli("templates")
    assert result.code == 0 and "anime-season" in result.out
    assert "broken:" in result.err and "film.toml" in result.err and "name" in result.err


def test_check_a_finished_review_passes(cli, sample):
    result = cli("check", sample.slug)
    assert (result.code, result.out) == (0, "")
    assert "ready to publish" in result.err


def test_check_lists_what_is_missing_and_exits_1(cli, draft):
    result = cli("check", draft)
    assert result.code == 1
    assert f"{draft}: The tagline is empty: readers see it first." in result.out.splitlines()
    assert f"{draft}: Question 1 is unanswered: What did you watch?" in result.out.splitlines()


def test_delete_moves_to_the_trash(cli, draft, library_dir):
    result = cli("delete", draft)
    assert result.code == 0 and "trash" in result.err
    assert not (library_dir / f"{draft}.toml").exists()
    assert (library_dir / ".trash" / f"{draft}.toml").is_file()
    assert json.loads(cli("list", "--json").out) == []
    cli("delete", draft).assert_one_clean_error_line("no draft")


def test_open_unknown_slug_fails_before_starting_the_app(cli):
    cli("open", "ghost").assert_one_clean_error_line("no draft 'ghost'")


def test_no_command_without_a_terminal_says_so_in_one_line(cli):
    result = cli()
    assert result.code != 0
    assert len(result.err_lines) == 1 and "terminal" in result.err


# --library and REVIEWDESK_LIBRARY -----------------------------------------------------------

def test_library_flag_before_and_after_the_command(cli, tmp_path, library_dir):
    elsewhere = tmp_path / "elsewhere"
    assert cli("--library", str(elsewhere), "new", "Before").out == "before\n"
    assert cli("new", "After", "--library", str(elsewhere)).out == "after\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == [".locks", "after.toml", "before.toml"]
    assert list(library_dir.iterdir()) == []
    for argv in (["list", "--json", "--library", str(elsewhere)], ["--library", str(elsewhere), "list", "--json"]):
        assert {r["slug"] for r in json.loads(cli(*argv).out)} == {"before", "after"}


def test_the_flag_after_the_command_wins_over_the_one_before(cli, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    cli("--library", str(first), "new", "X", "--library", str(second))
    assert (second / "x.toml").is_file() and not first.exists()


def test_reviewdesk_library_variable(cli, tmp_path, monkeypatch):
    other = tmp_path / "from-env"
    monkeypatch.setenv("REVIEWDESK_LIBRARY", str(other))
    assert cli("new", "From the environment").out == "from-the-environment\n"
    assert (other / "from-the-environment.toml").is_file()
    assert cli("--library", str(tmp_path / "flag"), "list", "--json").out.strip() == "[]"


def test_list_json_writes_c1_controls_as_escapes_and_reads_back_the_same(cli, library_dir):
    from reviewdesk.review.library import Library

    # `new` refuses control characters; a draft edited by hand can still hold them
    title = "Rouge\x9b2J \x85 noir\x7f \u202egnp.exe"
    slug = cli("new", "Rouge").out.strip()
    library = Library(library_dir)
    review = library.load(slug)
    review.title, review.season = title, "Winter\x9d 2024"
    library.save(review)
    out = cli("list", "--json").out
    assert not any("\x7f" <= ch <= "\x9f" or ch == "\u202e" for ch in out)
    assert "\\u009b" in out and "\\u007f" in out and "\\u202e" in out
    row = json.loads(out)[0]
    assert (row["slug"], row["title"], row["season"]) == (slug, title, "Winter\x9d 2024")
    for args in (("season", "--json"), ("season", "Winter\x9d 2024", "--json")):
        out = cli(*args).out
        assert not any("\x7f" <= ch <= "\x9f" for ch in out)
        found = json.loads(out)
        assert (found[0] if isinstance(found, list) else found)["season"] == "Winter\x9d 2024"
