"""Which template a post was written for: the one whose questions its headings match."""

from __future__ import annotations

from reviewdesk.importer.headings import find_headings, fold, question_index
from reviewdesk.publish import frontmatter
from reviewdesk.review.model import normalize_text
from reviewdesk.review.template import DEFAULT_TEMPLATE, Template, list_templates, load_template


def guess_template(text: str) -> Template:
    """The template whose questions match most headings (the default on a tie)."""
    _, body, _ = frontmatter.split(normalize_text(text))
    headings = {fold(h.text) for h in find_headings(body)}
    good, _ = list_templates()
    best, best_score = None, 0
    for template in good:
        score = len(headings & set(question_index(template)))
        if score > best_score or (score == best_score and score and template.id == DEFAULT_TEMPLATE):
            best, best_score = template, score
    return best or load_template(DEFAULT_TEMPLATE)
