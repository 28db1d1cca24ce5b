"""Skipped questions and progress toward word targets."""

from __future__ import annotations

import pytest

from reviewdesk.review import draftfile
from reviewdesk.aids.checks import check
from reviewdesk.publish.export import post_parts
from reviewdesk.review.model import Review
from reviewdesk.aids.progress import reading_minutes, reading_time, review_progress, target_for
from reviewdesk.publish.targets import TARGETS, render


@pytest.fixture
def skipping(review):
    review.set_answer("watched", "The premise.")
    review.set_answer("least_favourite_moment", "SKIPPED TEXT with TODO and teh typo.")
    review.add_image("least_favourite_moment", "skipped.png")  # no caption either
    review.set_skipped("least_favourite_moment")
    review.set_skipped("favourite_character")  # skipped and never answered
    return review


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_a_skipped_question_is_left_out_of_every_export(skipping, template, target):
    text = render(skipping, template, (), target).text
    assert "The premise." in text
    assert "SKIPPED TEXT" not in text and "skipped.png" not in text
    assert "least favourite moment" not in text.lower()


def test_a_skipped_question_is_left_out_of_the_preview_parts(skipping, template):
    parts = post_parts(skipping, template)
    assert parts["q:least_favourite_moment"] == "" and "The premise." in parts["q:watched"]


def test_a_skipped_question_raises_no_warning(skipping, template):
    found = check(skipping, template)
    about = {f.question for f in found}
    assert "least_favourite_moment" not in about and "favourite_character" not in about
    assert "happened" in about  # unanswered and not skipped: still reported
    skipping.set_skipped("favourite_character", False)
    assert "favourite_character" in {f.question for f in check(skipping, template)}


def test_the_skipped_flag_and_the_text_survive_a_save(skipping):
    text = draftfile.dumps(skipping)
    assert "skipped = true" in text
    back = draftfile.loads(text)
    assert back.answers["least_favourite_moment"].skipped is True
    assert back.answers["least_favourite_moment"].text == "SKIPPED TEXT with TODO and teh typo."
    assert back.answers["watched"].skipped is False


def test_flags_and_targets_are_written_only_when_set():
    plain = Review("anime-season", "Plain")
    plain.set_answer("watched", "x")
    text = draftfile.dumps(plain)
    assert "skipped" not in text and "spoiler" not in text and "target" not in text
    assert "score" not in text and "verdict" not in text


@pytest.mark.parametrize("field, value", [("skipped", '"yes"'), ("spoiler", "1"), ("target", "0"),
                                          ("target", "true")])
def test_bad_flags_in_a_draft_are_refused_by_name(field, value):
    from reviewdesk.errors import DraftError

    text = f'format = 1\ntemplate = "anime-season"\ntitle = "T"\n[answers.watched]\n{field} = {value}\n'
    with pytest.raises(DraftError, match=f"answers.watched.{field}"):
        draftfile.loads(text)


def test_the_app_opens_past_skipped_questions(template):
    review = Review("anime-season", "T")
    review.set_answer("watched", "Done.")
    review.set_skipped("happened")
    assert review.first_unanswered(template) == 2


# Progress -------------------------------------------------------------------------------

@pytest.mark.parametrize("words, minutes", [(0, 0), (1, 1), (238, 1), (239, 2), (2380, 10), (2381, 11)])
def test_reading_time_is_words_at_238_a_minute_rounded_up(words, minutes):
    assert reading_minutes(words) == minutes
    assert reading_time(words) == f"{minutes} min read"


def test_progress_per_question_and_for_the_review(skipping, template):
    skipping.set_answer("watched", " ".join(["word"] * 200))  # over its 150 target
    skipping.set_answer("happened", " ".join(["word"] * 30))
    skipping.set_target("happened", 60)
    p = review_progress(skipping, template)
    rows = {r.question.id: r for r in p.questions}
    assert (rows["watched"].label, rows["watched"].percent) == ("200/150", 133)
    assert (rows["happened"].label, rows["happened"].own_target, rows["happened"].far_under) == ("30/60", True, False)
    assert rows["least_favourite_moment"].state == "skipped" and rows["least_favourite_moment"].label == "skipped"
    assert (p.answered, p.total, p.skipped) == (2, 7, 2)
    # the targets of the seven questions not skipped, each answer capped at its own
    assert p.target == 150 + 60 + 300 + 150 + 150 + 100 + 100
    assert p.toward_target == 150 + 30
    assert [r.question.id for r in p.left] == ["thought", "favourite_moment", "least_favourite_character",
                                               "more", "learned"]
    # reading time counts what the reader gets: tagline and exported answers, not the skipped text
    assert p.post_words == 8 + 200 + 30
    assert p.reading_time == "1 min read"


def test_a_review_target_falls_back_to_the_templates(template):
    review = Review("anime-season", "T")
    q = template.question("watched")
    assert target_for(review, q) == 150
    review.set_target("watched", 90)
    assert target_for(review, q) == 90
    review.set_target("watched", None)
    assert target_for(review, q) == 150
    from reviewdesk.errors import ReviewDeskError

    with pytest.raises(ReviewDeskError):
        review.set_target("watched", 0)
