"""Addresses that would run code in a reader's browser (issue 15.10).

`set SLUG url 'javascript:alert(2)'` (and "not a url") used to be stored,
and other reviews of the season exported it as a link; image sources
`javascript:`, `vbscript:` and `data:text/html` reached `<img src>`. The
model takes http(s) for the URL and a path or http(s) for an image, with a
clear error; the export leaves out an unsafe address read from a
hand-edited draft (with a note); `check` flags raw <script>, on...=
attributes and javascript: links in the writer's prose, which the export
keeps as written.
"""

from __future__ import annotations

import pytest

from reviewdesk.aids.checks import CheckOptions, check
from reviewdesk.errors import ReviewDeskError
from reviewdesk.publish.export import to_markdown
from reviewdesk.publish.targets import TARGETS, render
from reviewdesk.review.model import Image
from reviewdesk.review.template import load_template
from reviewdesk.review.urls import is_image_source, is_web_url

TEMPLATE = load_template("anime-season")
UNSAFE = ["javascript:alert(2)", "JavaScript:alert(2)", " javascript:alert(2)", "java\tscript:alert(2)",
          "javascript&#58;alert(2)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
          "data:image/svg+xml,<svg onload=alert(1)>", "ftp://example.com/a.png", "blob:https://x/y"]


@pytest.mark.parametrize("url", [*UNSAFE, "not a url", "https://", "http:///path", "example.com/post", "//host/x",
                                 "file:///home/me/post.html"])
def test_the_url_takes_a_web_address_only(cli, library, url):
    slug = library.create("Alpha").slug
    cli("set", slug, "url", url).assert_one_clean_error_line("the URL must be a web address", "https://")
    assert library.load(slug).url == ""


@pytest.mark.parametrize("url", ["https://animeblog.example/metallic-rouge/", "http://127.0.0.1:8080/p?q=1#top",
                                 "HTTPS://Example.COM/ok", ""])
def test_web_addresses_are_taken(cli, library, url):
    slug = library.create("Alpha").slug
    assert cli("set", slug, "url", url).code == 0
    assert library.load(slug).url == url


@pytest.mark.parametrize("src", UNSAFE)
def test_an_image_source_that_runs_code_is_refused(cli, library, src):
    slug = library.create("Alpha").slug
    cli("image", slug, "1", src, "-c", "cap").assert_one_clean_error_line("an image source is a file path")
    assert library.load(slug).peek("watched").images == []


@pytest.mark.parametrize("src", ["shots/ep4.png", "../images/a b.png", "/images/ep4.png", "ep4.png?v=2",
                                 "https://img.example.com/ep4.png", "//cdn.example.com/a.png", "C:\\shots\\a.png",
                                 "50%.png", "file:///home/me/shots/ep4.png"])
def test_paths_and_web_images_are_taken(library, src):
    review = library.create("Alpha")
    review.add_image("watched", src, "cap")
    assert review.peek("watched").images[0].src == src
    assert is_image_source(src)


def hand_edited(library):
    """A season of two: beta's URL and alpha's images edited by hand."""
    alpha, beta = library.create("Alpha", season="Winter 2024"), library.create("Beta", season="Winter 2024")
    alpha.set_answer("watched", "Androids on Mars.")
    alpha.answers["watched"].images = [Image("javascript:alert(1)", "bad"), Image("shots/ep1.png", "good"),
                                       Image("data:text/html,<script>alert(1)</script>", "worse")]
    beta.url = "javascript:alert(2)"
    library.save(alpha)
    library.save(beta)
    return alpha


@pytest.mark.parametrize("target", list(TARGETS))
def test_no_target_exports_an_unsafe_address_and_each_says_so(library, target):
    alpha = hand_edited(library)
    rendered = render(alpha, TEMPLATE, library.season_mates(alpha), target)
    text = rendered.text.lower()
    assert "javascript" not in text and "data:text/html" not in text
    assert "ep1.png" in text and "beta" in text  # the rest is there; Beta is listed, unlinked
    notes = " ".join(rendered.notes)
    assert notes.count("Left out an image of question 1 (What did you watch?)") == 2
    assert "Listed “Beta” without its link" in notes


@pytest.mark.parametrize("target", ["hugo", "jekyll", "astro"])
def test_a_hand_edited_cover_that_runs_code_stays_out_of_the_front_matter(library, target):
    review = library.create("Alpha")
    review.set_answer("watched", "Androids on Mars.")
    review.cover = "javascript:alert(3)"
    rendered = render(review, TEMPLATE, (), target)
    assert "javascript" not in rendered.text
    assert any(n.startswith("Left out the cover image") for n in rendered.notes)
    [found] = [f for f in check(review, TEMPLATE, CheckOptions(spelling=False)) if f.code == "unsafe-link"]
    assert found.message.startswith("The cover image is not a file path")


def test_the_plain_export_and_the_preview_leave_them_out_too(library):
    alpha = hand_edited(library)
    text = to_markdown(alpha, TEMPLATE, library.season_mates(alpha))
    assert "javascript" not in text and "- Beta" in text


def test_export_on_the_command_line_prints_the_notes(cli, library):
    alpha = hand_edited(library)
    result = cli("export", alpha.slug)
    assert result.code == 0 and "javascript" not in result.out
    assert "note: Left out an image" in result.err and "note: Listed “Beta” without its link" in result.err


def test_check_flags_what_runs_code_and_the_export_keeps_the_writers_html(library):
    review = library.create("Alpha")
    prose = ("It opens <script>alert(1)</script> strongly.\n\n<img src=\"ep4.png\"\n onerror=\"alert(1)\">\n\n"
             "A [trailer](javascript:alert(1)) and <a href='vbscript:x'>this</a>.\n\n"
             "Code is fine: `<script>` and\n\n```\n<script>\n```\n\n<b onclick-like>text</b> <em>kept</em>")
    review.set_answer("watched", prose)
    found = [f for f in check(review, TEMPLATE, CheckOptions(spelling=False)) if f.code.startswith("unsafe")]
    assert [(f.code, f.line) for f in found] == [("unsafe-html", 1), ("unsafe-html", 4), ("unsafe-link", 6),
                                                 ("unsafe-link", 6)]
    assert "onerror=" in found[1].message and "javascript:" in found[2].message
    assert "vbscript:" in found[3].message
    assert prose.strip() in to_markdown(review, TEMPLATE)  # kept as written


def test_check_flags_an_unsafe_image_and_url_from_a_hand_edited_draft(library):
    alpha = hand_edited(library)
    beta = library.load("beta")
    codes = [f.message for f in check(alpha, TEMPLATE, CheckOptions(spelling=False)) if f.code == "unsafe-link"]
    assert len(codes) == 2 and all("the export leaves it out" in c for c in codes)
    [url] = [f.message for f in check(beta, TEMPLATE, CheckOptions(spelling=False)) if f.code == "unsafe-link"]
    assert url.startswith("The published URL is not an http(s) address")


def test_the_rules(library):
    assert is_web_url("https://a.example/x y")  # a space in the path is a browser's to encode
    assert not is_web_url("https://a b.example/")
    assert not is_web_url("https://a.example/\x1b[2J")
    with pytest.raises(ReviewDeskError):
        library.create("Alpha").set_field("url", "https://a.example/\x07")
