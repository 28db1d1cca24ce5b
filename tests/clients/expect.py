"""What every rendering of the sample post must show a reader."""

from __future__ import annotations

from reviewdesk.review.model import Review, format_info_value
from reviewdesk.review.template import Template

WRAPPED = ("Naomi is the reason the show works.\n"
           "She was wrapped by hand over three lines\n"
           "in the writer's editor.")
HARD = "First line of a poem  \nsecond line of the poem"


def add_wrapped_prose(review: Review) -> None:
    """Soft-wrapped and hard-broken lines, for the paste targets' line handling."""
    review.set_answer("learned", review.peek("learned").text + "\n\n" + WRAPPED + "\n\n" + HARD)


def questions(review: Review, template: Template) -> list[str]:
    return [q.heading for q in template.questions if review.peek(q.id).answered]


def captions(review: Review, template: Template) -> list[str]:
    return [im.caption for q in template.questions if review.peek(q.id).answered
            for im in review.peek(q.id).images]


def sources(review: Review, template: Template) -> list[str]:
    return [im.src for q in template.questions if review.peek(q.id).answered
            for im in review.peek(q.id).images]


def info_rows(review: Review, template: Template) -> list[list[str]]:
    return [[f.label, format_info_value(review.info[f.id])] for f in template.info if f.id in review.info]
