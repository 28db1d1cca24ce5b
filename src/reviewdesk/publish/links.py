"""Only safe addresses reach a post: the last look before an export.

The model refuses an unsafe image source or published URL as it is typed
(:mod:`reviewdesk.review.urls`), but a draft edited by hand, or another
review of the season, can still hold one: ``javascript:alert(1)`` as an
image, ``vbscript:`` as a season mate's URL. Every target renders from
:func:`safe_parts`: an image whose source is neither a path nor an http(s)
address is left out, a season mate with such a URL is listed without a
link, and a note says which and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reviewdesk.review.model import Review
from reviewdesk.review.template import Template
from reviewdesk.review.text import one_line
from reviewdesk.review.urls import is_image_source, is_web_url


def _shown(address: str) -> str:
    return repr(one_line(address, 60))


def safe_parts(review: Review, mates: Sequence[tuple[str, str]] = (), template: Template | None = None
               ) -> tuple[Review, tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(review, mates, notes) with every unsafe address left out; the same
    review object when it holds none (the usual case costs a look at each
    image and link). ``template`` names the questions in the notes."""
    notes: list[str] = []
    where = {q.id: f"question {n} ({q.heading})" for n, q in enumerate(template.questions, 1)} if template else {}
    answers = None
    for qid, answer in review.answers.items():
        bad = [im for im in answer.images if not is_image_source(im.src)]
        if not bad:
            continue
        if answers is None:
            answers = dict(review.answers)
        answers[qid] = replace(answer, images=[im for im in answer.images if is_image_source(im.src)])
        for im in bad:
            notes.append(f"Left out an image of {where.get(qid, repr(qid))}: its source {_shown(im.src)} is neither a file path nor "
                         "an http(s) address, and could run code in a reader's browser. Fix it in the Images "
                         "dialog or the draft.")
    if answers is not None:
        review = replace(review, answers=answers)
    if review.cover and not is_image_source(review.cover):
        notes.append(f"Left out the cover image: its source {_shown(review.cover)} is neither a file path nor an "
                     "http(s) address, and could run code in a reader's browser. Set the cover again.")
        review = replace(review, cover="")
    safe_mates = []
    for title, url in mates:
        if url.strip() and not is_web_url(url):
            notes.append(f"Listed “{one_line(title, 60)}” without its link: its URL {_shown(url)} is not an "
                         "http(s) address. Set that review's URL again.")
            url = ""
        safe_mates.append((title, url))
    return review, tuple(safe_mates), tuple(notes)
