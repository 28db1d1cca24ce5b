"""An answer that opens a code fence (or a <pre>, a <!-- comment) and never
closes it keeps it to itself in every target: the export closes it at the end
of that answer, and every later heading, answer and figure is still there
(issue 15.9). ``check`` reports it, on its line. Real pandoc and hugo read it
too, in tests/clients/test_open_blocks_clients.py."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from clients.html_outline import outline
from reviewdesk.aids.checks import check
from reviewdesk.cli import main
from reviewdesk.publish.targets import TARGETS, render
from reviewdesk.review.template import load_template

md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

OPEN = {
    "backticks": ("Episode 3 had this line:\n\n```python\nprint('the rest of the post')", "```"),
    "tildes": ("~~~~\na fence of four tildes\n~~~\nthat three do not close", "~~~~"),
    "pre": ("<pre>\nkept as written", "</pre>"),
    "comment": ("Before.\n\n<!-- a note to myself", "-->"),
}


def h2(target: str, text: str) -> list[str]:
    if target == "html":
        return outline(text).h2
    if target in ("hugo", "jekyll", "astro"):  # after the front matter
        text = text.split("\n+++\n" if target == "hugo" else "\n---\n", 1)[1]
    tokens = md.parse(text)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"
            and t.level == 0]


@pytest.mark.parametrize("kind", OPEN)
@pytest.mark.parametrize("target", TARGETS)
def test_every_later_heading_survives_an_open_block(sample, library, target, kind):
    template = load_template(sample.template)
    text, closing = OPEN[kind]
    sample.set_answer("happened", text)
    rendered = render(sample, template, library.season_mates(sample), target).text
    later = [q.heading for q in template.questions if sample.peek(q.id).answered]
    assert [h for h in h2(target, rendered) if h in later or h == "Series Information"] == \
        [*later, "Series Information"]
    if target != "html":
        assert f"\n{closing}\n" in rendered  # closed where the answer ends


def test_check_reports_the_open_fence_on_its_line(sample):
    template = load_template(sample.template)
    sample.set_answer("happened", OPEN["backticks"][0])
    found = [f for f in check(sample, template) if f.code == "open-block"]
    assert [(f.question, f.line) for f in found] == [("happened", 3)]
    assert "end it with a line of ```" in found[0].message


def test_the_check_command_names_it(sample, library, capsys):
    sample.set_answer("thought", OPEN["pre"][0])
    library.save(sample)
    assert main(["check", sample.slug]) == 1
    out = capsys.readouterr().out
    assert "HTML block opened with <pre> is never closed" in out and "</pre>" in out
