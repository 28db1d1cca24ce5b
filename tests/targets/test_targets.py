"""Each target's shape: what it leaves out, how it names the file, what it
writes for images, tables and front matter. The parsers of the real places
are in tests/clients; here markdown-it-py checks structure."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt

from reviewdesk.publish.export import ExportOptions, post_parts, to_markdown
from reviewdesk.publish.targets import ALIASES, TARGETS, UnknownTarget, _body, render, resolve
from reviewdesk.publish.targets.hugo import escape_shortcodes
from reviewdesk.review.template import load_template
from targets.drafts import drafts

TEMPLATE = load_template("anime-season")
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _tokens(text):
    return [t.type for t in md.parse(text)]


def test_targets_are_listed_in_menu_order_with_labels():
    assert list(TARGETS) == ["markdown", "wordpress", "ghost", "hugo", "jekyll", "astro", "html"]
    assert all(label.strip() for label in TARGETS.values())
    assert resolve("YAML") == "jekyll" and resolve("plain") == "markdown"
    assert set(ALIASES.values()) <= set(TARGETS)
    with pytest.raises(UnknownTarget, match="known: markdown, wordpress"):
        resolve("medium")


@PROPS
@given(drafts(TEMPLATE))
def test_markdown_target_is_the_core_export_and_the_preview_shows_its_parts(case):
    review, mates = case
    for options in (ExportOptions(), ExportOptions(heading_level=3, include_title=False)):
        expected = to_markdown(review, TEMPLATE, mates, options)
        assert render(review, TEMPLATE, mates, "markdown", options).text == expected
        parts = post_parts(review, TEMPLATE, mates, options)
        assert "\n\n".join(p for p in parts.values() if p) + "\n" == expected


def test_filenames(sample):
    assert render(sample, TEMPLATE, (), "markdown").filename == "metallic-rouge-season-one.md"
    assert render(sample, TEMPLATE, (), "hugo").filename == "metallic-rouge-season-one.md"
    assert render(sample, TEMPLATE, (), "jekyll").filename == "2024-04-06-metallic-rouge-season-one.md"
    assert render(sample, TEMPLATE, (), "astro").filename == "metallic-rouge-season-one.md"
    assert render(sample, TEMPLATE, (), "html").filename == "metallic-rouge-season-one.html"


@pytest.mark.parametrize("target", ["hugo", "jekyll", "astro"])
def test_static_sites_take_the_title_from_front_matter_not_a_heading(sample, library, target):
    out = render(sample, TEMPLATE, library.season_mates(sample), target).text
    assert not re.search(r"^# ", out, re.M)
    assert "Metallic Rouge (Season One)" in out.split("\n\n", 1)[0]  # in the front matter
    body = out.split("\n---\n" if target != "hugo" else "\n+++\n", 1)[1]
    assert _tokens(body).count("heading_open") == len(TEMPLATE.questions) + 2  # + info + other shows


def test_hugo_captions_go_through_the_figure_shortcode(sample):
    out = render(sample, TEMPLATE, (), "hugo").text
    figures = re.findall(r"^\{\{< figure (.*) >\}\}$", out, re.M)
    images = [im for a in sample.answers.values() for im in a.images]
    assert len(figures) == len(images) == 3
    for params, image in zip(figures, images):
        assert f"src=`{image.src}`" in params and "caption=" in params
    assert "![" not in out


def test_hugo_keeps_a_writers_shortcode_and_defuses_a_stray_opening(sample):
    sample.set_answer("thought", 'Watch {{< youtube abc >}} and note that "{{<" alone breaks builds.')
    rendered = render(sample, TEMPLATE, (), "hugo")
    assert "Watch {{< youtube abc >}} and" in rendered.text
    assert '"{{&lt;" alone' in rendered.text
    assert any("youtube" in note for note in rendered.notes)
    assert escape_shortcodes("a {{% b") == "a {{&#37; b"


def test_hugo_figure_params_are_raw_strings_that_keep_quotes_and_backslashes():
    from reviewdesk.review.model import Image
    from reviewdesk.publish.targets.hugo import figure

    line = figure(Image("/a.png", 'He said "hi" \\'))
    assert line == '{{< figure src=`/a.png` alt=`He said "hi" \\` caption=`He said "hi" \\\\` >}}'


def test_hugo_figure_params_with_a_backtick():
    """A raw string cannot hold a backtick: the caption writes it as an entity,
    the source percent-encodes it, the alt text is double-quoted
    (tests/clients/test_hugo.py builds these with the real hugo)."""
    from reviewdesk.review.model import Image
    from reviewdesk.publish.targets.hugo import figure

    line = figure(Image("shots/it`s.png", "it`s >}} here\\"))
    assert line == ('{{< figure src=`shots/it%60s.png` alt="it`s >}} here\\ " '
                    'caption=`it&#96;s \\>}} here\\\\` >}}')


def test_wordpress_writes_figures_and_joins_soft_wrapped_lines(sample):
    sample.set_answer("thought", "A line wrapped\nby hand, and one  \nwith a hard break.")
    sample.set_field("title", "Rouge <3 & Naomi #")
    out = render(sample, TEMPLATE, (), "wordpress").text
    assert out.count("<figure><img ") == 3 and out.count("<figcaption>") == 3
    assert "A line wrapped by hand, and one\nwith a hard break." in out
    assert out.startswith("# Rouge &lt;3 & Naomi &#35;\n")
    assert "\\<" not in out and "\\&" not in out
    assert "table_open" in _tokens(out)


def test_ghost_has_no_table_and_lists_series_information(sample):
    sample.set_answer("more", "| a | b |\n| - | - |\n| 1 | 2 |")
    rendered = render(sample, TEMPLATE, (), "ghost")
    series = rendered.text.split("## Series Information\n\n", 1)[1].split("\n\n", 1)[0]
    assert series.startswith("- **English Title:** Metallic Rouge")
    assert "table_open" not in _tokens(rendered.text.replace(sample.answers["more"].text, ""))
    assert any("no tables" in note and "Would you like some more?" in note for note in rendered.notes)


def test_html_is_a_fragment_with_figures_and_straight_quotes(sample):
    sample.set_answer("learned", 'She said "go" -- and it\'s done...')
    out = render(sample, TEMPLATE, (), "html").text
    assert not re.search(r"<(html|head|body)\b", out)
    assert out.count("<figure>") == 3 and out.count("<figcaption>Metallic Rouge") >= 1
    assert out.count("<h2>") == len(TEMPLATE.questions) + 1
    assert "<table>" in out
    assert "<p>She said &quot;go&quot; -- and it's done...</p>" in out  # no typographer


def test_a_figure_caption_is_text_not_markup():
    from reviewdesk.review.model import Image

    block = _body.figure_html(Image('/x".png', "<b>bold</b> & \"q\"\n two"))
    assert block == ('<figure><img src="/x&quot;.png" alt="&lt;b&gt;bold&lt;/b&gt; &amp; &quot;q&quot; two">'
                     '<figcaption>&lt;b&gt;bold&lt;/b&gt; &amp; "q" two</figcaption></figure>')


@PROPS
@given(drafts(TEMPLATE))
def test_each_part_made_alone_is_the_part_the_whole_post_has(case):
    """The preview brings one part up to date at a time (post_part); each must
    be what the export itself puts there (post_parts)."""
    from reviewdesk.publish.export import post_part, post_parts

    review, mates = case
    for options in (ExportOptions(), ExportOptions(heading_level=3, include_title=False, spoiler_warning=True),
                    ExportOptions(include_other_shows=False)):
        parts = post_parts(review, TEMPLATE, mates, options)
        assert {key: post_part(review, TEMPLATE, key, mates, options) for key in parts} == parts
