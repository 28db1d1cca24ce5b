"""What to look at before publishing: warnings, each tied to a question."""

from __future__ import annotations

from dataclasses import dataclass

from reviewdesk.model import Review
from reviewdesk.template import Template


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    question: str | None = None  # question id, when it belongs to one


def check(review: Review, template: Template) -> list[Finding]:
    found: list[Finding] = []
    if not review.tagline.strip():
        found.append(Finding("no-tagline", "The tagline is empty: readers see it first."))
    for n, q in enumerate(template.questions, 1):
        answer = review.peek(q.id)
        if not answer.answered:
            found.append(Finding("unanswered", f"Question {n} is unanswered: {q.heading}", q.id))
        for im in answer.images:
            if not im.caption.strip():
                found.append(Finding("no-caption", f"An image in question {n} has no caption: {im.src}", q.id))
            if answer.answered is False:
                found.append(Finding("orphan-image",
                                     f"An image in question {n} is left out with its empty section: {im.src}",
                                     q.id))
    for f in template.info:
        value = review.info.get(f.id)
        if value in (None, "", []):
            found.append(Finding("empty-info", f"Series Information: {f.label} is empty."))
    for qid in review.extra_answers(template):
        if review.answers[qid].answered:
            found.append(Finding("extra-answer",
                                 f"The answer {qid!r} matches no question of {template.id!r} and is not exported.",
                                 qid))
    return found
