"""The question sets: the built-in anime-season, and validation of a writer's own."""

from __future__ import annotations

import pytest

from reviewdesk.errors import NotFound, TemplateError
from reviewdesk.review import template as template_module
from reviewdesk.review.template import list_templates, load_template
from samples.anime_season import INFO_FIELDS, QUESTIONS


VALID = """\
id = "{id}"
name = "Film"

[[questions]]
id = "watched"
heading = "What did you watch?"
hint = "The film, in a sentence."
target = 100

[[questions]]
id = "verdict"
heading = "Verdict"

[[info]]
id = "director"
label = "Director"
kind = "text"
"""


@pytest.fixture
def user_templates(config_dir):
    folder = config_dir / "templates"
    folder.mkdir()
    return folder


# anime-season ------------------------------------------------------------------

def test_anime_season_has_the_nine_questions_in_order():
    template = load_template("anime-season")
    assert [q.heading for q in template.questions] == QUESTIONS
    assert len({q.id for q in template.questions}) == 9


def test_anime_season_hints_are_written_for_writers():
    for q in load_template("anime-season").questions:
        assert len(q.hint.split()) >= 8, q.id
        assert q.target is None or q.target > 0


def test_anime_season_has_the_eight_info_fields_with_their_kinds():
    template = load_template("anime-season")
    assert [f.label for f in template.info] == INFO_FIELDS
    kinds = {f.label: f.kind for f in template.info}
    assert kinds["Episodes"] == "number"
    assert kinds["Animation Studios"] == kinds["Genres"] == "list"
    assert {kinds[label] for label in INFO_FIELDS if label not in ("Episodes", "Animation Studios", "Genres")} == {"text"}


def test_questions_by_id_number_and_heading():
    template = load_template("anime-season")
    assert template.question("1").heading == "What did you watch?"
    assert template.question(9).id == "learned"
    assert template.question("favourite_moment").heading == "What was your favourite moment?"
    assert template.question("favourite-moment").id == "favourite_moment"
    assert template.question("what did you think").id == "thought"


@pytest.mark.parametrize("ref, says", [("0", "it has 9 (1-9)"), ("10", "it has 9"), ("nope", "known: watched")])
def test_unknown_question_is_not_found(ref, says):
    with pytest.raises(NotFound) as err:
        load_template("anime-season").question(ref)
    assert says in str(err.value)


@pytest.mark.parametrize("ref", ["Animation Studios", "animation studios", "ANIMATION STUDIOS",
                                 "animation_studios", "animation-studios"])
def test_info_field_by_id_or_label_in_any_case(ref):
    assert load_template("anime-season").info_field(ref).id == "animation_studios"


def test_unknown_info_field_lists_the_labels():
    with pytest.raises(NotFound) as err:
        load_template("anime-season").info_field("Studio")
    assert "English Title" in str(err.value) and "Demographic" in str(err.value)


def test_unknown_template_lists_the_known_ones():
    with pytest.raises(NotFound) as err:
        load_template("opera")
    assert "unknown template 'opera'" in str(err.value)
    assert "anime-season" in str(err.value)


# A writer's own templates ------------------------------------------------------

def test_a_writers_template_loads_and_is_listed(user_templates):
    (user_templates / "film.toml").write_text(VALID.format(id="film"), encoding="utf-8")
    template = load_template("film")
    assert [q.id for q in template.questions] == ["watched", "verdict"]
    assert template.questions[0].target == 100
    good, bad = list_templates()
    assert [t.id for t in good] == ["anime-season", "book", "film", "game"]  # the writer's film replaces ours
    assert bad == []


def test_a_writers_template_overrides_the_built_in(user_templates):
    (user_templates / "anime-season.toml").write_text(VALID.format(id="anime-season"), encoding="utf-8")
    assert load_template("anime-season").name == "Film"


@pytest.mark.parametrize("broken, field, why", [
    ('id = "mine"\nname = \n', "line 2", "not valid TOML"),
    (VALID.format(id="mine").replace('heading = "Verdict"\n', ""), "questions[2].heading", "is missing"),
    (VALID.format(id="mine").replace('heading = "Verdict"', 'heading = "  "'), "questions[2].heading",
     "must not be empty"),
    (VALID.format(id="mine").replace('id = "verdict"', 'id = "watched"'), "questions[2].id",
     "duplicate question id 'watched'"),
    (VALID.format(id="mine").replace('kind = "text"', 'kind = "date"'), "info[1].kind", "'date' is not one of"),
    (VALID.format(id="mine").replace("target = 100", "target = 0"), "questions[1].target", "positive whole number"),
    (VALID.format(id="mine").replace("target = 100", 'target = "100"'), "questions[1].target",
     "positive whole number"),
    (VALID.format(id="mine").replace("target = 100", "target = true"), "questions[1].target",
     "positive whole number"),
    (VALID.format(id="mine").replace('label = "Director"\n', ""), "info[1].label", "is missing"),
    (VALID.format(id="mine").replace('id = "verdict"', 'id = "Verdict!"'), "questions[2].id",
     "lower-case letters"),
    (VALID.format(id="mine").replace('hint = "The film, in a sentence."', "hint = 3"), "questions[1].hint",
     "must be a string"),
    (VALID.format(id="mine").replace('target = 100', 'target = 100\nwords = 3'), "questions[1].words",
     "unknown field"),
    (VALID.format(id="mine") + 'colour = "red"\n', "colour", "unknown field"),
    ('id = "mine"\nname = "No questions"\n', "questions", "needs at least one"),
    (VALID.format(id="mine").replace('name = "Film"\n', ""), "name", "is missing"),
    (VALID.format(id="other"), "id", "must match the file name 'mine'"),
])
def test_a_broken_template_names_the_file_and_the_field(user_templates, broken, field, why):
    path = user_templates / "mine.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        load_template("mine")
    message = str(err.value)
    assert str(path) in message
    assert field in message
    assert why in message
    assert "\n" not in message
    good, bad = list_templates()
    assert [t.id for t in good] == ["anime-season", "book", "film", "game"]  # the built-ins still load
    assert len(bad) == 1 and str(path) in str(bad[0])


def test_a_template_that_is_not_utf8(user_templates):
    path = user_templates / "mine.toml"
    path.write_bytes(b'id = "mine"\nname = "Caf\xe9"\n')
    with pytest.raises(TemplateError, match="not UTF-8") as err:
        load_template("mine")
    assert str(path) in str(err.value)


def test_a_fixed_template_is_picked_up_again(user_templates):
    path = user_templates / "mine.toml"
    path.write_text('id = "mine"\n', encoding="utf-8")
    with pytest.raises(TemplateError):
        load_template("mine")
    path.write_text(VALID.format(id="mine"), encoding="utf-8")
    assert load_template("mine").id == "mine"


# The cache of loaded templates ---------------------------------------------------

def _age(*paths, seconds=3600):
    """Back-date files and folders, as a template made long ago is: the cache
    trusts a stamp only once it is older than its clock's tick could hide."""
    import os
    import time

    then = time.time_ns() - seconds * 1_000_000_000
    for path in paths:
        os.utime(path, ns=(then, then))


def test_a_template_is_read_once_while_its_file_is_unchanged(user_templates, record_calls):
    path = user_templates / "mine.toml"
    path.write_text(VALID.format(id="mine"), encoding="utf-8")
    _age(path, user_templates)
    reads = record_calls(template_module, "load_template_file", lambda path: path.name)
    first = load_template("mine")
    for _ in range(50):
        assert load_template("mine") is first
    assert reads == ["mine.toml"]


def test_the_template_cache_sees_an_edited_file(user_templates, monkeypatch):
    path = user_templates / "mine.toml"
    path.write_text(VALID.format(id="mine"), encoding="utf-8")
    _age(path, user_templates)
    assert load_template("mine").name == "Film"
    path.write_text(VALID.format(id="mine").replace('"Film"', '"Documentary"'), encoding="utf-8")
    assert load_template("mine").name == "Documentary"
    _age(path, seconds=7200)  # older than before, same size: still a different stamp
    path.write_text(VALID.format(id="mine").replace('"Film"', '"Cinema"'), encoding="utf-8")
    assert load_template("mine").name == "Cinema"


def test_a_template_edited_twice_within_its_clock_tick_is_read_again(user_templates):
    import os

    path = user_templates / "mine.toml"
    path.write_text(VALID.format(id="mine"), encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    assert load_template("mine").name == "Film"
    path.write_text(VALID.format(id="mine").replace('"Film"', '"Flim"'), encoding="utf-8")  # same size
    os.utime(path, ns=(stamp, stamp))  # and the same time: the clock did not tick in between
    assert load_template("mine").name == "Flim"


def test_the_template_cache_sees_templates_added_and_removed(user_templates):
    _age(user_templates)
    with pytest.raises(NotFound):
        load_template("mine")
    path = user_templates / "mine.toml"
    path.write_text(VALID.format(id="mine"), encoding="utf-8")
    _age(path, user_templates, seconds=10)
    assert load_template("mine").id == "mine"
    assert "mine" in [t.id for t in list_templates()[0]]
    path.unlink()
    _age(user_templates, seconds=5)
    with pytest.raises(NotFound, match="unknown template 'mine'"):
        load_template("mine")
    assert "mine" not in [t.id for t in list_templates()[0]]


def test_a_writers_template_folder_made_after_the_first_look_is_seen(config_dir):
    assert load_template("anime-season").path.parent.name == "templates"
    folder = config_dir / "templates"
    folder.mkdir()
    (folder / "anime-season.toml").write_text(VALID.format(id="anime-season"), encoding="utf-8")
    assert load_template("anime-season").name == "Film"


def test_a_broken_template_is_reported_every_time_and_read_once(user_templates, record_calls):
    path = user_templates / "mine.toml"
    path.write_text('id = "mine"\n', encoding="utf-8")
    _age(path, user_templates)
    reads = record_calls(template_module, "load_template_file", lambda path: path.name)
    messages = set()
    for _ in range(3):
        with pytest.raises(TemplateError) as err:
            load_template("mine")
        messages.add(str(err.value))
    assert len(messages) == 1 and str(path) in messages.pop()
    assert reads == ["mine.toml"]

