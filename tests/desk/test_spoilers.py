"""Spoilers: a marked passage or a whole answer is folded away in every target."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from reviewdesk.publish import spoilers
from reviewdesk.publish.export import ExportOptions, has_spoilers
from reviewdesk.review.model import Review
from reviewdesk.publish.targets import TARGETS, render

ANSWER = ("The first half is a monster of the week.\n\n"
          ":::spoiler\n"
          "Rouge was *built* to hunt\nher own kind.\n"
          ":::\n\n"
          "The finale leaves room for more.")

# The fold each target writes, and what is around the writer's Markdown inside it.
FOLDS = {
    "markdown": ("<details>\n<summary>Spoilers</summary>\n\n", "\n\n</details>"),
    "wordpress": ("<details>\n<summary>Spoilers</summary>\n\n", "\n\n</details>"),
    "ghost": ("<details>\n<summary>Spoilers</summary>\n\n", "\n\n</details>"),
    "astro": ("<details>\n<summary>Spoilers</summary>\n\n", "\n\n</details>"),
    "jekyll": ('<details markdown="1">\n<summary>Spoilers</summary>\n\n', "\n\n</details>"),
    "hugo": ('{{< details summary="Spoilers" >}}\n\n', "\n\n{{< /details >}}"),
}


@pytest.fixture
def marked(template):
    review = Review("anime-season", "Metallic Rouge", slug="metallic-rouge")
    review.set_answer("watched", ANSWER)
    return review


def folded(text: str, target: str) -> list[str]:
    start, end = FOLDS[target]
    return re.findall(re.escape(start) + r"(.*?)" + re.escape(end), text, re.S)


def test_every_target_has_a_fold():
    assert set(FOLDS) | {"html"} == set(TARGETS)


@pytest.mark.parametrize("target", sorted(FOLDS))
def test_a_marked_passage_is_folded_and_the_rest_is_not(marked, template, target):
    text = render(marked, template, (), target).text
    inner = folded(text, target)
    assert len(inner) == 1
    assert "*built* to hunt" in inner[0]
    assert "monster of the week" not in inner[0] and "monster of the week" in text
    assert text.index("monster of the week") < text.index(FOLDS[target][0]) < text.index("finale leaves")
    assert ":::" not in text


@pytest.mark.parametrize("target", ["wordpress", "ghost"])
def test_editors_that_break_lines_get_the_passage_joined(marked, template, target):
    inner = folded(render(marked, template, (), target).text, target)[0]
    assert inner == "Rouge was *built* to hunt her own kind."


@pytest.mark.parametrize("target", ["markdown", "astro", "wordpress", "ghost"])
def test_the_markdown_inside_a_fold_still_renders(marked, template, target):
    text = render(marked, template, (), target).text
    html = MarkdownIt("commonmark", {"html": True}).render(text)
    assert re.search(r"<details>\s*<summary>Spoilers</summary>\s*<p>Rouge was <em>built</em> to hunt", html)


def test_the_html_target_renders_the_fold(marked, template):
    html = render(marked, template, (), "html").text
    assert re.search(r"<details>\n<summary>Spoilers</summary>\n<p>Rouge was <em>built</em> to hunt\nher own kind."
                     r"</p>\n</details>", html)
    assert html.index("monster of the week") < html.index("<details>") < html.index("finale leaves")


def test_hugo_says_which_shortcode_it_needs(marked, template):
    notes = render(marked, template, (), "hugo").notes
    assert any("details shortcode" in n and "0.140" in n for n in notes)
    plain = Review("anime-season", "Plain")
    plain.set_answer("watched", "Nothing to hide.")
    assert not any("details" in n for n in render(plain, template, (), "hugo").notes)


@pytest.mark.parametrize("target", sorted(FOLDS))
def test_a_whole_answer_flagged_as_spoiler_is_folded_with_its_images(template, target):
    review = Review("anime-season", "Metallic Rouge")
    review.set_answer("happened", "Everything about the finale.\n\n:::spoiler\nEven more.\n:::")
    review.add_image("happened", "images/finale.png", "The final fight")
    review.set_spoiler("happened")
    review.set_answer("watched", "The premise.")
    text = render(review, template, (), target).text
    inner = folded(text, target)
    assert len(inner) == 1  # one fold: the passage's own markers are dropped inside it
    assert "Everything about the finale." in inner[0] and "Even more." in inner[0]
    assert "finale.png" in inner[0]
    assert text.index("## What happened?") < text.index(FOLDS[target][0])  # the heading stays visible


def test_an_image_in_a_spoiler_is_never_the_hero_image(template):
    review = Review("anime-season", "Metallic Rouge")
    review.set_answer("watched", "The premise.")
    review.add_image("watched", "images/key-visual.png", "Key visual")
    review.set_answer("happened", "The ending.")
    review.add_image("happened", "images/ending.png", "The ending")
    review.set_spoiler("happened")
    astro = render(review, template, (), "astro").text
    hugo = render(review, template, (), "hugo").text
    assert 'heroImage: "images/key-visual.png"' in astro
    front = hugo.split("+++")[1]
    assert "key-visual.png" in front and "ending.png" not in front


def test_the_spoiler_warning_is_an_option_and_only_for_posts_with_spoilers(marked, template):
    assert spoilers.WARNING not in render(marked, template, (), "markdown").text
    on = ExportOptions(spoiler_warning=True)
    text = render(marked, template, (), "markdown", on).text
    assert text.startswith("# Metallic Rouge\n\n" + spoilers.WARNING + "\n\n")
    hugo = render(marked, template, (), "hugo", on).text
    assert hugo.split("+++\n", 2)[2].lstrip("\n").startswith(spoilers.WARNING)
    plain = Review("anime-season", "Plain")
    plain.set_answer("watched", "Nothing to hide.")
    assert spoilers.WARNING not in render(plain, template, (), "markdown", on).text
    assert has_spoilers(marked, template) and not has_spoilers(plain, template)


def test_a_fold_can_carry_its_own_summary(template):
    review = Review("anime-season", "R")
    review.set_answer("watched", ":::spoiler Episode 12 & the <end>\nIt ends.\n:::")
    text = render(review, template, (), "markdown").text
    assert "<summary>Episode 12 &amp; the &lt;end&gt;</summary>" in text


def test_an_unclosed_block_folds_the_rest_of_the_answer():
    segs = spoilers.segments("Before.\n:::spoiler\nHidden.\n\nStill hidden.")
    assert [(s.spoiler, s.text.strip(), s.closed) for s in segs] == [
        (False, "Before.", True), (True, "Hidden.\n\nStill hidden.", False)]
    assert spoilers.unclosed("Before.\n:::spoiler\nHidden.") == 2


def test_markers_inside_code_are_text():
    text = "```\n:::spoiler\nnot a fold\n:::\n```"
    assert not spoilers.has_markers(text)
    assert spoilers.render(text, str) == text


def test_the_draft_keeps_the_flag(library, template):
    review = library.create("Metallic Rouge")
    review.set_answer("happened", "The ending.")
    review.set_spoiler("happened")
    library.save(review)
    text = library.path_for(review.slug).read_text(encoding="utf-8")
    assert "spoiler = true" in text
    assert library.load(review.slug).answers["happened"].spoiler is True
