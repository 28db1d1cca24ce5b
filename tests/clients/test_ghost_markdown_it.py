"""The ghost export through markdown-it-py configured as Ghost's editor:
html, breaks and linkify on."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt

from clients.expect import HARD, WRAPPED, add_wrapped_prose, captions, info_rows, questions, sources
from clients.html_outline import outline
from reviewdesk.publish.targets import render
from reviewdesk.publish.targets._softbreaks import unwrap
from reviewdesk.review.template import load_template
from targets.drafts import prose_text


def ghost() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "breaks": True, "linkify": True}).enable(
        ["linkify", "strikethrough"])


def test_ghost_export_renders_without_tables_and_with_captions(sample, library):
    template = load_template(sample.template)
    add_wrapped_prose(sample)
    text = render(sample, template, library.season_mates(sample), "ghost").text
    page = ghost().render(text)
    o = outline(page)
    assert "<table" not in page
    assert o.h1 == [sample.title]
    assert o.h2 == [*questions(sample, template), "Series Information", "Other shows from Winter 2024"]
    assert [src for src, _ in o.images] == sources(sample, template)
    assert o.figcaptions == captions(sample, template)
    series = [f"{label}: {value}" for label, value in info_rows(sample, template)]
    start = o.list_items.index(series[0])
    assert o.list_items[start:start + len(series)] == series
    assert " ".join(WRAPPED.split()) in o.paragraphs and o.br_in_paragraphs == 1
    assert HARD.replace("  \n", "\n") in o.paragraphs


def commonmark_with_soft_breaks_as_spaces() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["strikethrough", "table"])
    md.add_render_rule("softbreak", lambda *a: " ")
    return md


BREAKS = MarkdownIt("commonmark", {"html": True, "breaks": True}).enable(["strikethrough", "table"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose_text)
def test_joined_prose_with_breaks_on_reads_as_the_writer_saw_it(text):
    """With breaks on, the joined text renders as CommonMark renders the original."""
    assert BREAKS.render(unwrap(text)) == commonmark_with_soft_breaks_as_spaces().render(text)
