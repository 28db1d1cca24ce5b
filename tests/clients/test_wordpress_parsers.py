"""The wordpress export through the parsers of the block editor's paste.

marked with GFM and line breaks on, and showdown with the options the block
editor's own Markdown converter uses (WordPress/gutenberg,
packages/blocks/src/api/raw-handling/markdown-converter.js). Both must give
headings, paragraphs without stray line breaks, a table, and one
figure with figcaption per image, with no escape character left visible.
"""

from __future__ import annotations

import pytest

from clients.conftest import node
from clients.expect import HARD, WRAPPED, add_wrapped_prose, captions, info_rows, questions, sources
from clients.html_outline import outline
from reviewdesk.publish.targets import render
from reviewdesk.review.template import load_template

MARKED = """
const { marked } = require("marked");
let input = ""; process.stdin.on("data", d => input += d);
process.stdin.on("end", () => process.stdout.write(marked.parse(input, { gfm: true, breaks: true })));
"""
SHOWDOWN = """
const showdown = require("showdown");
const converter = new showdown.Converter({ noHeaderId: true, tables: true, literalMidWordUnderscores: true,
  omitExtraWLInCodeBlocks: true, simpleLineBreaks: true, strikethrough: true });
let input = ""; process.stdin.on("data", d => input += d);
process.stdin.on("end", () => process.stdout.write(converter.makeHtml(input)));
"""


@pytest.mark.parametrize("parser", ["marked", "showdown"])
def test_wordpress_export_lands_as_headings_paragraphs_table_and_captioned_images(
        sample, library, node_clients, parser):
    template = load_template(sample.template)
    add_wrapped_prose(sample)
    sample.set_field("title", "Metallic Rouge <3 & Naomi: a \\ review #")
    text = render(sample, template, library.season_mates(sample), "wordpress").text
    o = outline(node(node_clients, MARKED if parser == "marked" else SHOWDOWN, text))
    assert o.h1 == ["Metallic Rouge <3 & Naomi: a \\ review #"]
    assert o.h2 == [*questions(sample, template), "Series Information", "Other shows from Winter 2024"]
    assert [r for r in o.rows if any(r)] == info_rows(sample, template)
    assert [src for src, _ in o.images] == sources(sample, template)
    assert o.figcaptions == captions(sample, template)
    assert " ".join(WRAPPED.split()) in o.paragraphs           # one paragraph, no <br>
    assert HARD.replace("  \n", "\n") in o.paragraphs           # the hard break stays one <br>
    assert o.br_in_paragraphs == 1
    assert "\\<" not in o.text and "\\&" not in o.text


def test_the_plain_export_would_break_lines_in_the_editor(sample, node_clients):
    """Why the wordpress target exists: the same prose as plain Markdown gets <br>s."""
    template = load_template(sample.template)
    add_wrapped_prose(sample)
    plain = render(sample, template, (), "markdown").text
    o = outline(node(node_clients, SHOWDOWN, plain))
    assert o.br_in_paragraphs > 1
    assert not o.figcaptions
