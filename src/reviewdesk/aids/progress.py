"""How far a review has come: words against targets, reading time, what is left.

A question's word target comes from the template (``target = 300``) unless
the review sets its own (``answers.<id>.target`` in the draft). The review's
progress adds up every question not skipped, each capped at its target, so
one long answer cannot hide a missing one. Reading time is the post's words
at 238 a minute, rounded up: "4 min read".

The sidebar, the library, ``show``, ``list`` and ``season`` all read these.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from reviewdesk.review.model import Review, exported, target_for, word_count
from reviewdesk.review.template import Question, Template

WORDS_PER_MINUTE = 238
FAR_UNDER = 0.5  # below half the target, an answer is "far under"


def reading_minutes(words: int) -> int:
    return math.ceil(words / WORDS_PER_MINUTE) if words > 0 else 0


def reading_time(words: int) -> str:
    """ "4 min read" (words at 238 a minute, rounded up)."""
    return f"{reading_minutes(words)} min read"


class _TowardTarget:
    """``ratio`` and ``percent`` of the words toward a target (None without one)."""

    def _toward(self) -> tuple[int, int | None]:
        raise NotImplementedError

    @property
    def ratio(self) -> float | None:
        """Words over target (1.0 = reached); None without a target."""
        words, target = self._toward()
        return words / target if target else None

    @property
    def percent(self) -> int | None:
        ratio = self.ratio
        return None if ratio is None else int(ratio * 100)


@dataclass(frozen=True)
class QuestionProgress(_TowardTarget):
    number: int  # 1-based
    question: Question
    state: str  # empty, started, done or skipped
    words: int
    target: int | None
    spoiler: bool = False
    own_target: bool = False  # the review overrides the template's target

    def _toward(self) -> tuple[int, int | None]:
        return self.words, self.target

    @property
    def far_under(self) -> bool:
        return self.ratio is not None and self.state != "skipped" and self.ratio < FAR_UNDER

    @property
    def label(self) -> str:
        """ "120/150" with a target, "120" without; "skipped" when skipped."""
        if self.state == "skipped":
            return "skipped"
        return f"{self.words}/{self.target}" if self.target else str(self.words)


@dataclass(frozen=True)
class ReviewProgress(_TowardTarget):
    questions: tuple[QuestionProgress, ...]
    words: int  # everything written: tagline, answers (skipped and extra ones too)
    post_words: int  # what the reader gets: tagline, exported answers, verdict
    answered: int  # questions answered, not counting skipped ones
    total: int  # questions not skipped
    skipped: int
    target: int  # the targets of the questions not skipped, added up
    toward_target: int  # words toward it, each answer capped at its own target
    left: tuple[QuestionProgress, ...] = field(default=())  # unanswered, not skipped

    def _toward(self) -> tuple[int, int | None]:
        return self.toward_target, self.target

    @property
    def reading_time(self) -> str:
        return reading_time(self.post_words)


def question_progress(review: Review, template: Template) -> list[QuestionProgress]:
    rows = []
    for n, q in enumerate(template.questions, 1):
        answer = review.peek(q.id)
        state = "skipped" if answer.skipped else answer.state
        rows.append(QuestionProgress(n, q, state, answer.words, target_for(review, q), answer.spoiler,
                                     answer.target is not None))
    return rows


def review_progress(review: Review, template: Template) -> ReviewProgress:
    rows = question_progress(review, template)
    live = [r for r in rows if r.state != "skipped"]
    post = word_count(review.tagline) + word_count(review.verdict)
    post += sum(review.peek(q.id).words for q in template.questions if exported(review.peek(q.id)))
    target = sum(r.target or 0 for r in live)
    toward = sum(min(r.words, r.target) for r in live if r.target)
    left = tuple(r for r in live if not review.peek(r.question.id).answered)
    return ReviewProgress(
        questions=tuple(rows), words=review.words(), post_words=post,
        answered=len(live) - len(left), total=len(live), skipped=len(rows) - len(live),
        target=target, toward_target=toward, left=left,
    )
