"""pandoc reads the plain markdown export as GFM and as its own Markdown."""

from __future__ import annotations

import subprocess

import pytest

from clients.conftest import need
from clients.expect import captions, info_rows, questions, sources
from clients.html_outline import outline
from reviewdesk.publish.targets import render
from reviewdesk.review.template import load_template


@pytest.mark.parametrize("reader", ["gfm", "markdown"])
def test_pandoc_renders_headings_table_and_images(sample, library, reader):
    pandoc = need("pandoc")
    template = load_template(sample.template)
    text = render(sample, template, library.season_mates(sample), "markdown").text
    page = subprocess.run([pandoc, "-f", reader, "-t", "html"], input=text, capture_output=True,
                          text=True, check=True).stdout
    o = outline(page)
    assert o.h1 == [sample.title]
    assert o.h2 == [*questions(sample, template), "Series Information", "Other shows from Winter 2024"]
    assert [r for r in o.rows if any(r)] == info_rows(sample, template)  # past the empty header
    assert [src for src, _ in o.images] == sources(sample, template)
    assert [alt for _, alt in o.images] == captions(sample, template)
    if reader == "gfm":  # the caption is visible as its own italic line under the image
        assert [p for p in o.paragraphs if p in captions(sample, template)] == captions(sample, template)
    else:  # pandoc's own Markdown makes a lone image a figure, captioned by its alt text
        assert o.figcaptions == captions(sample, template)
    assert "\\" not in o.text  # no escape shows through
    assert "Delicious in Dungeon (Season One)" in o.list_items
