"""Fixtures for the writer's desk: a review on the anime-season template,
findings for one crafted answer, and the command line run in-process."""

from __future__ import annotations


import pytest

from reviewdesk.aids.checks import CheckOptions, check
from reviewdesk.review.model import Review
from reviewdesk.review.template import load_template


@pytest.fixture
def template():
    return load_template("anime-season")


@pytest.fixture
def review():
    """A review with a title, a tagline and full Series Information, so a
    crafted answer's findings are the answer's own."""
    r = Review("anime-season", "Metallic Rouge", slug="metallic-rouge", season="Winter 2024",
               tagline="An android hunts her own kind on Mars.")
    template = load_template("anime-season")
    for label, value in [("English Title", "Metallic Rouge"), ("Japanese Title", "Metallic Rouge"),
                         ("Medium", "TV series"), ("Released", "January 2024"), ("Episodes", "13"),
                         ("Animation Studios", "Bones"), ("Genres", "Action, Science Fiction"),
                         ("Demographic", "General")]:
        r.set_info(template.info_field(label), value)
    return r


@pytest.fixture
def findings(review, template):
    """findings(text, **options) -> the findings of question 1 answered with ``text``."""

    def run(text: str, question: str = "watched", **options):
        review.set_answer(question, text)
        review.set_done(question)  # a short answer is the writer's choice here
        return [f for f in check(review, template, CheckOptions(**options)) if f.question == question]

    return run


def codes(found) -> list[str]:
    return [f.code for f in found]
