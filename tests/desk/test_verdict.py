"""The verdict: a score on the template's scale and one line, where the template puts it."""

from __future__ import annotations

import pytest

from reviewdesk.review import draftfile
from reviewdesk.errors import ReviewDeskError, TemplateError
from reviewdesk.publish.export import to_markdown
from reviewdesk.review.model import Review, format_score, parse_score
from reviewdesk.publish.targets import TARGETS, render
from reviewdesk.review.template import load_template, parse_template

BASE = {"id": "mine", "name": "Mine",
        "questions": [{"id": "one", "heading": "One?"}, {"id": "two", "heading": "Two?"}],
        "info": [{"id": "year", "label": "Year", "kind": "number"}]}


def with_verdict(**verdict):
    return parse_template({**BASE, "verdict": verdict}, "mine.toml")


def review_for(template) -> Review:
    review = Review(template.id, "Dune: Part Two")
    review.set_answer("one", "Answer one.")
    review.set_answer("two", "Answer two.")
    review.set_info(template.info_field("Year"), "2024")
    return review


@pytest.mark.parametrize("raw, scale, value", [("8", 10, 8), ("7.5", 10, 7.5), ("7,5", 10, 7.5),
                                               ("8/10", 10, 8), (" 4 / 5 ", 5, 4), ("0", 10, 0), ("", 10, None)])
def test_scores_a_writer_types(raw, scale, value):
    assert parse_score(raw, scale) == value


@pytest.mark.parametrize("raw, scale, why", [("11", 10, "from 0 to 10"), ("8/5", 10, "out of 10"),
                                             ("eight", 10, "a number"), ("-1", 10, "a number"),
                                             ("7.25", 10, "a number"), ("8", None, "no score")])
def test_scores_that_do_not_fit_are_refused(raw, scale, why):
    with pytest.raises(ReviewDeskError, match=why):
        parse_score(raw, scale)


def test_scores_read_as_written():
    assert (format_score(8, 10), format_score(7.5, 10), format_score(4, 5)) == ("8/10", "7.5/10", "4/5")


def test_the_verdict_goes_after_the_last_question_by_default():
    template = with_verdict(scale=10)
    review = review_for(template)
    review.set_score("8", 10)
    review.set_verdict("Spectacle with\na heart.")
    text = to_markdown(review, template)
    line = "**Verdict:** 8/10 — Spectacle with a heart."
    assert line in text
    assert text.index("Answer two.") < text.index(line) < text.index("## Series Information")


@pytest.mark.parametrize("place, before, after", [
    ("after-tagline", "# Dune: Part Two", "## One?"),
    ("one", "Answer one.", "## Two?"),
    ("after-info", "| Year | 2024 |", None),
])
def test_the_template_places_the_verdict(place, before, after):
    template = with_verdict(scale=5, label="Rating", place=place)
    review = review_for(template)
    review.set_score("4", 5)
    text = to_markdown(review, template)
    assert text.count("**Rating:** 4/5") == 1
    assert text.index(before) < text.index("**Rating:** 4/5")
    if after:
        assert text.index("**Rating:** 4/5") < text.index(after)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_every_target_carries_the_verdict(target):
    template = with_verdict(scale=10)
    review = review_for(template)
    review.set_score("9", 10)
    review.set_verdict("See it big.")
    text = render(review, template, (), target).text
    assert "9/10 — See it big." in text
    assert text.index("Answer two.") < text.index("9/10")


def test_no_verdict_no_line():
    template = with_verdict(scale=10)
    assert "Verdict" not in to_markdown(review_for(template), template)


def test_a_verdict_line_alone_and_a_score_alone():
    template = with_verdict(scale=10)
    review = review_for(template)
    review.set_verdict("Worth the trip.")
    assert "**Verdict:** Worth the trip.\n" in to_markdown(review, template)
    review.set_verdict("")
    review.set_score("6", 10)
    assert "**Verdict:** 6/10\n" in to_markdown(review, template)


def test_the_draft_keeps_score_and_verdict():
    review = Review("anime-season", "T")
    review.set_score("7.5", 10)
    review.set_verdict("Gorgeous, muddled.")
    back = draftfile.loads(draftfile.dumps(review))
    assert (back.score, back.verdict) == (7.5, "Gorgeous, muddled.")
    with pytest.raises(ReviewDeskError, match="'score'"):
        draftfile.loads('format = 1\ntemplate = "x"\ntitle = "T"\nscore = "high"\n')


@pytest.mark.parametrize("verdict, field", [
    ({"scale": 1}, "verdict.scale"), ({"scale": 101}, "verdict.scale"), ({"scale": "10"}, "verdict.scale"),
    ({"scale": True}, "verdict.scale"), ({"place": "nowhere"}, "verdict.place"), ({"stars": 5}, "verdict.stars"),
    ({"label": 3}, "verdict.label"),
])
def test_a_bad_verdict_table_names_the_field(verdict, field):
    with pytest.raises(TemplateError) as err:
        with_verdict(**verdict)
    assert str(err.value).startswith(f"mine.toml: {field}")


def test_the_shipped_templates_have_a_scale():
    assert {t: load_template(t).verdict.scale for t in ("anime-season", "film", "book", "game")} == {
        "anime-season": 10, "film": 10, "book": 5, "game": 10}
