"""The shipped question sets, `templates --check`, and drafts that outlive a template change."""

from __future__ import annotations

import pytest

from reviewdesk.publish.export import to_markdown
from reviewdesk.review.template import list_templates, load_template, load_template_file

SHIPPED = {
    "film": ["Director", "Year", "Runtime", "Starring", "Genres"],
    "book": ["Author", "Publisher", "Pages", "Published", "ISBN"],
    "game": ["Developer", "Platforms", "Hours Played", "Publisher", "Released"],
}


@pytest.mark.parametrize("tid, labels", sorted(SHIPPED.items()))
def test_each_medium_has_its_own_questions_and_fields(tid, labels):
    template = load_template(tid)
    info = [f.label for f in template.info]
    assert set(labels) <= set(info)
    assert len(template.questions) >= 6
    assert all(len(q.hint.split()) >= 15 for q in template.questions), "hints are written for writers"
    assert all(q.target and q.target > 0 for q in template.questions)
    assert template.info_heading == f"{tid.capitalize()} Information"


def test_hints_speak_of_their_medium():
    def words(tid):
        return " ".join(q.hint for q in load_template(tid).questions).lower()

    assert "cinematography" in words("film") and "prose" in words("book") and "controls" in words("game")
    assert "episode" not in words("book")


def test_numbers_are_numbers():
    assert load_template("film").info_field("Year").kind == "number"
    assert load_template("book").info_field("Pages").kind == "number"
    assert load_template("game").info_field("Hours Played").kind == "number"
    assert load_template("game").info_field("Platforms").kind == "list"


def test_every_shipped_template_loads():
    good, bad = list_templates()
    assert bad == []
    assert {"anime-season", "film", "book", "game"} <= {t.id for t in good}


def test_the_info_heading_names_the_table_in_the_export():
    from reviewdesk.review.model import Review

    template = load_template("book")
    review = Review("book", "Piranesi")
    review.set_answer("read", "A strange house.")
    review.set_info(template.info_field("Pages"), "272")
    text = to_markdown(review, template)
    assert "## Book Information\n\n| | |\n| --- | --- |\n| Pages | 272 |" in text
    assert "Series Information" not in text


# templates --check ----------------------------------------------------------------------

GOOD = '''id = "{id}"
name = "Concert"

[[questions]]
id = "heard"
heading = "What did you hear?"
hint = "The band, the venue, the night."
target = 100

[verdict]
scale = 5

[[info]]
id = "venue"
label = "Venue"
'''


def test_templates_check_accepts_a_good_file(cli, tmp_path):
    path = tmp_path / "concert.toml"
    path.write_text(GOOD.format(id="concert"), encoding="utf-8")
    result = cli("templates", "--check", str(path))
    assert result.code == 0 and result.out == ""
    assert "ok: concert (1 questions, 1 info fields, verdict out of 5)" in result.err


@pytest.mark.parametrize("change, field", [
    (lambda t: t.replace('heading = "What did you hear?"\n', ""), "questions[1].heading"),
    (lambda t: t.replace("target = 100", "target = -5"), "questions[1].target"),
    (lambda t: t.replace("scale = 5", "scale = 0"), "verdict.scale"),
    (lambda t: t.replace('label = "Venue"', 'label = "Venue"\nkind = "place"'), "info[1].kind"),
    (lambda t: t.replace('name = "Concert"', 'name = "Concert"\ncolour = "red"'), "colour"),
    (lambda t: t.replace('[[info]]', '[[info]]\n[[info]]'), "info[1].id"),
    (lambda t: t.replace('name = "Concert"', 'name = "Concert'), "not valid TOML"),
])
def test_templates_check_names_the_file_and_the_field(cli, tmp_path, change, field):
    path = tmp_path / "concert.toml"
    path.write_text(change(GOOD.format(id="concert")), encoding="utf-8")
    result = cli("templates", "--check", str(path))
    assert result.code == 1
    assert result.out.startswith(f"{path}: ") and field in result.out
    assert "Traceback" not in result.out + result.err


def test_templates_check_wants_the_id_to_match_the_file_name(cli, tmp_path):
    path = tmp_path / "gig.toml"
    path.write_text(GOOD.format(id="concert"), encoding="utf-8")
    result = cli("templates", "--check", str(path))
    assert result.code == 1 and "id: 'concert' must match the file name" in result.out


def test_templates_check_of_a_missing_file(cli, tmp_path):
    result = cli("templates", "--check", str(tmp_path / "nope.toml"))
    assert result.code == 1 and "no template file" in result.err


@pytest.mark.parametrize("tid", ["anime-season", "film", "book", "game"])
def test_the_shipped_files_pass_their_own_check(cli, tid):
    assert cli("templates", "--check", str(load_template(tid).path)).code == 0


# A draft outlives its template's changes ----------------------------------------------------

def test_a_draft_keeps_its_answers_when_its_template_loses_and_regains_a_question(cli, library, config_dir):
    folder = config_dir / "templates"
    folder.mkdir()
    path = folder / "concert.toml"
    two_questions = GOOD.format(id="concert") + '''
[[questions]]
id = "setlist"
heading = "What did they play?"
'''
    # [[questions]] after [[info]] is still the questions array in TOML
    path.write_text(two_questions, encoding="utf-8")
    review = library.create("Radiohead at the O2", template="concert")
    review.set_answer("heard", "A long night.")
    review.set_answer("setlist", "Everything in its right place.")
    review.set_done("setlist")
    library.save(review)

    path.write_text(GOOD.format(id="concert"), encoding="utf-8")  # the writer drops a question
    template = load_template("concert")
    assert [q.id for q in template.questions] == ["heard"]
    review = library.load(review.slug)
    review.set_answer("heard", "A long, loud night.")
    library.save(review)  # saved under the smaller template

    saved = library.load(review.slug)
    assert saved.answers["setlist"].text == "Everything in its right place."
    assert saved.answers["setlist"].done is True
    shown = cli("show", review.slug)
    assert shown.code == 0
    assert any(line.split()[:3] == ["+", "setlist", "extra"] for line in shown.out.splitlines())
    assert "Everything in its right place" not in to_markdown(saved, template)

    path.write_text(two_questions + '''
[[questions]]
id = "encore"
heading = "Was there an encore?"
''', encoding="utf-8")  # ...then brings it back, with a new one
    template = load_template("concert")
    back = library.load(review.slug)
    assert [q.id for q in template.questions] == ["heard", "setlist", "encore"]
    assert back.extra_answers(template) == []
    text = to_markdown(back, template)
    assert "A long, loud night." in text and "Everything in its right place." in text
    assert back.answered_count(template) == 2
    assert cli("show", review.slug).out.count(" empty ") == 1  # the new question, waiting


def test_the_template_cache_notices_an_edit_within_the_same_second(config_dir):
    import os

    folder = config_dir / "templates"
    folder.mkdir()
    path = folder / "concert.toml"
    path.write_text(GOOD.format(id="concert"), encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    assert load_template("concert").name == "Concert"
    path.write_text(GOOD.format(id="concert").replace('"Concert"', '"Gig review"'), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))  # same modification time: only the size tells
    assert load_template("concert").name == "Gig review"
    assert load_template_file(path).name == "Gig review"


def test_show_prints_a_templates_control_characters_as_text(cli, library, config_dir):
    folder = config_dir / "templates"
    folder.mkdir()
    hostile = GOOD.format(id="concert").replace('"What did you hear?"', '"Heard\\u001b[2J it\\u009b all"') \
        .replace('label = "Venue"', 'label = "Ven\\u001b]52;c;aGk=\\u0007ue"')
    (folder / "concert.toml").write_text(hostile, encoding="utf-8")
    review = library.create("Radiohead at the O2", template="concert")
    library.save(review)
    result = cli("show", review.slug)
    assert result.code == 0
    assert "\x1b" not in result.out and "\x9b" not in result.out and "\x07" not in result.out
    assert "Heard␛[2J it� all" in result.out
    assert "Ven␛]52;c;aGk=␇ue:" in result.out
