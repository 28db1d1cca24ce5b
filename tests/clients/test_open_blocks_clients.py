"""Real pandoc and hugo read an export whose answer leaves a code fence (or a
<pre>) open: every later question is still a heading of its own (issue 15.9)."""

from __future__ import annotations

import subprocess

import pytest

from clients.conftest import need
from clients.expect import questions
from clients.html_outline import outline, straight
from clients.test_hugo import build_site
from reviewdesk.publish.targets import render
from reviewdesk.review.template import load_template

OPEN = ["Episode 3 had this line:\n\n```python\nprint('the rest of the post')",
        "~~~~\na fence of four tildes\n~~~\nthat three do not close",
        "<pre>\nkept as written"]


@pytest.mark.parametrize("answer", OPEN)
@pytest.mark.parametrize("reader", ["gfm", "markdown", "commonmark"])
def test_pandoc_keeps_every_later_heading(sample, library, reader, answer):
    template = load_template(sample.template)
    sample.set_answer("happened", answer)
    text = render(sample, template, library.season_mates(sample), "markdown").text
    page = subprocess.run([need("pandoc"), "-f", reader, "-t", "html"], input=text, capture_output=True,
                          text=True, check=True).stdout
    assert outline(page).h2 == [*questions(sample, template), "Series Information", "Other shows from Winter 2024"]


@pytest.mark.parametrize("answer", OPEN)
def test_hugo_keeps_every_later_heading(sample, library, tmp_path, answer):
    template = load_template(sample.template)
    sample.set_answer("happened", answer)
    rendered = render(sample, template, library.season_mates(sample), "hugo")
    built = build_site(tmp_path / "site", {rendered.filename: rendered.text}, "--buildDrafts")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "public" / "posts" / sample.slug / "index.html").read_text(encoding="utf-8")
    o = outline(page)
    assert [straight(h) for h in o.h2] == [*questions(sample, template), "Series Information",
                                           "Other shows from Winter 2024"]
    assert len(o.figcaptions) == sum(len(sample.peek(q.id).images) for q in template.questions)
