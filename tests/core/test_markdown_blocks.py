"""Fenced code and raw HTML blocks found as CommonMark reads them; one an
answer leaves open is closed at its end, so it never swallows what follows
it in the post."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reviewdesk.publish.export import prose
from reviewdesk.publish.markdown_blocks import close_open_block, fenced_lines, line_blocks, open_block

PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@pytest.mark.parametrize("text, line, marker", [
    ("Intro.\n\n```python\nprint(1)", 3, "```"),
    ("~~~~\ncode\n~~~\nstill code", 1, "~~~~"),        # a shorter fence does not close it
    ("```\na\n~~~", 1, "```"),                         # nor a fence of the other kind
    ("text\n```", 2, "```"),                           # a fence alone on the last line
    ("   ```\nindented opener", 1, "```"),
])
def test_an_unclosed_fence_is_found(text, line, marker):
    fence = open_block(text)
    assert fence is not None and (fence.start + 1, fence.opening, fence.closing) == (line, marker, marker)


@pytest.mark.parametrize("text", [
    "No code at all.",
    "```\ncode\n```",
    "````\ncode\n```\n````\nafter",
    "Inline ```code``` in a paragraph.",               # backticks in the info string: not a fence
    "- item\n\n  ```\n  code",                         # inside a list item: ends with the item
    "> ```\n> code",                                   # inside a quote: ends with the quote
    "    ```\n    indented code",                      # four spaces: indented code, not a fence
    "<pre>\ncode\n</pre>\n\nafter",
    "<!-- a note --> and text",
    "<div>\nends at a blank line",                    # an HTML block that a blank line ends
])
def test_what_is_not_an_open_block(text):
    assert open_block(text) is None
    assert close_open_block(text) == text


def test_closing_uses_the_openers_marker_and_indent():
    assert close_open_block("~~~~ ruby\nputs 1") == "~~~~ ruby\nputs 1\n~~~~"
    assert close_open_block("  ```\nx\n") == "  ```\nx\n  ```"


@pytest.mark.parametrize("text, closing", [
    ("<pre>\nkept as written", "</pre>"),
    ("<SCRIPT type=x>\nalert(1)", "</script>"),
    ("<!-- a note to myself\n\nstill in the note", "-->"),
    ("<?php echo 1;", "?>"),
])
def test_an_open_html_block_is_closed_with_its_end(text, closing):
    assert open_block(text).closing == closing
    assert close_open_block(text) == f"{text}\n{closing}"


def test_fenced_lines_include_the_fences_and_what_is_inside():
    text = "a\n\n```\n:::\n```\n\nb\n\n<pre>\nnot code\n</pre>\n\n~~~\nopen"
    assert fenced_lines(text) == {2, 3, 4, 12, 13}


FRAGMENTS = ["```", "````", "~~~", "``` python", "~~~~ x", "```a`b", "    ```", "   ```", "- ", "> ", "1. ",
             "\n", "\n\n", "text", "## heading", ":::spoiler", ":::", "`", "<pre>", "</pre>", "<!--", "-->",
             "<script>", "<style>", "<?", "?>", "<!X", "<![CDATA[", "]]>", "<div>", "  ", ">"]
answers = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet="ab `~\n>-", max_size=6)),
                   max_size=14).map("".join)


def top_headings(markdown: str) -> list[str]:
    tokens = md.parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]


@PROPS
@given(answers)
@example("- a\n\n  ```\n  code\nNot code")
@example("```\n```\n```")
@example("> ```\ncode")
@example("<pre>")
@example("<!--\n\n<pre>")
def test_what_follows_an_answer_stays_outside_it(answer):
    """Whatever the answer, the next question's heading is a heading."""
    post = f"{prose(answer)}\n\n## Next question\n\nAfter."
    assert top_headings(post)[-1:] == ["Next question"]


def test_line_blocks_split_at_blank_lines_and_keep_fenced_code_whole():
    lines = ["Para one", "still one", "", "```", "code", "", "more code", "```", "", "Para three", "",
             "  indented", "", "~~~~", "```", "~~~", "still code", "~~~~", "after"]
    assert line_blocks(lines) == [(0, 2), (3, 8), (9, 10), (11, 12), (13, 19)]
    assert line_blocks(lines, join_indented=True) == [(0, 2), (3, 8), (9, 12), (13, 19)]
    assert line_blocks(["```inline``` is not a fence", "", "next"]) == [(0, 1), (2, 3)]
    assert line_blocks(["```", "open to the end", "", "still"]) == [(0, 4)]


@PROPS
@given(answers)
def test_line_blocks_keep_every_fenced_code_block_of_the_top_level_whole(answer):
    """Where the quick look and markdown-it both see top-level fenced code, the
    code is never cut between two blocks."""
    lines = answer.split("\n")
    ranges = line_blocks(lines)
    from reviewdesk.publish.markdown_blocks import blocks

    for block in blocks(answer):
        if block.fence and block.top and not block.indent:
            inside = [r for r in ranges if r[0] <= block.start < r[1]]
            assert not inside or inside[0][1] >= block.end
