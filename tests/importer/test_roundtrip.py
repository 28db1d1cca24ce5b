"""For every draft the core can make, importing its export gives it back.

The property is stated for the plain ``markdown`` target (the product's
output) and, since they carry the same prose, for the static-site targets
whose front matter holds the title: Hugo, Jekyll and Astro.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.importer import markdown as importer
from reviewdesk.publish.export import ExportOptions, to_markdown
from reviewdesk.publish.targets import render
from reviewdesk.publish.targets.hugo import escape_shortcodes
from reviewdesk.review.template import load_template
from targets.drafts import canonical, drafts

TEMPLATE = load_template("anime-season")
PROPS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def imported(text: str):
    return importer.parse(text, TEMPLATE, name="post.md")


@PROPS
@given(drafts(TEMPLATE))
def test_markdown_export_imports_back_to_the_same_draft(case):
    review, mates = case
    text = to_markdown(review, TEMPLATE, mates)
    result = imported(text)
    assert canonical(result.review, TEMPLATE) == canonical(review, TEMPLATE), text
    assert result.review.season == (review.season if mates else "")
    assert result.extras == []


@PROPS
@given(drafts(TEMPLATE), st.sampled_from([1, 3]))
def test_round_trip_holds_at_other_heading_levels(case, level):
    review, mates = case
    text = to_markdown(review, TEMPLATE, mates, ExportOptions(heading_level=level))
    from targets.drafts import exportable

    if not all(exportable(a.text, level) for a in review.answers.values()) or not exportable(review.tagline, level):
        return  # prose with headings at this level is ambiguous by construction
    result = imported(text)
    assert canonical(result.review, TEMPLATE) == canonical(review, TEMPLATE), text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts(TEMPLATE), st.sampled_from(["hugo", "jekyll", "astro"]))
def test_static_site_exports_import_back(case, target):
    review, mates = case
    text = render(review, TEMPLATE, mates, target).text
    result = imported(text)
    got, want = canonical(result.review, TEMPLATE), canonical(review, TEMPLATE)
    if target == "hugo":
        # a stray "{{<" goes out as "{{&lt;": the same text to every Markdown reader
        want["tagline"] = escape_shortcodes(want["tagline"])
        want["answers"] = {q: (escape_shortcodes(t), ims) for q, (t, ims) in want["answers"].items()}
    assert got == want, text
    assert result.review.created == review.created


def test_the_sample_review_survives_export_and_import(sample, library):
    template = load_template(sample.template)
    text = to_markdown(sample, template, library.season_mates(sample))
    result = importer.parse(text, template)
    assert canonical(result.review, template) == canonical(sample, template)
    assert result.review.season == sample.season
    assert result.matched == template.question_ids()
    assert sum(len(a.images) for a in result.review.answers.values()) == 3
