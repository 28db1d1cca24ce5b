"""Front matter: any title, tagline, season or genre reads back as itself.

TOML is parsed back with tomllib, YAML with PyYAML (a YAML 1.1 reader, like
Jekyll's) and with the importer's own small reader.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, timezone

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.publish import frontmatter
from reviewdesk.review.model import Review
from reviewdesk.publish.targets import render
from reviewdesk.review.template import load_template

TEMPLATE = load_template("anime-season")
PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NASTY = ['"', "'", ":", ": ", " #", "#", "+++", "---", "...", "\n+++\n", "\n---\n", "\\", "\\n", "{", "}",
         "[", "]", ",", "&", "*", "!", "|", ">", "%", "@", "`", "- ", "? ", "\t", "\u2028", "\u2029", "\x85",
         "\ufeff", "\x7f", "\x1b", "\u00a0", "yes", "no", "null", "~", "1e3", "0x1F", "2024-01-01",
         "“curly”", "メタリック", "😀", "\U0001F1EF\U0001F1F5"]
text = st.one_of(st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
                 st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=3)), max_size=12).map("".join))
titles = text.map(lambda s: s.replace("\r", "").replace("\n", " ").strip()).filter(bool)


def _review(title, tagline="", season="", genres=()):
    review = Review(template="anime-season", title="x", slug="post")
    review.created = datetime(2024, 4, 1, 9, 30, tzinfo=timezone.utc)
    review.updated = datetime(2024, 4, 2, 10, 0, tzinfo=timezone.utc)
    review.title, review.tagline, review.season = title, tagline, season
    if genres:
        review.info["genres"] = list(genres)
    review.set_answer("watched", "Some prose.")
    return review


def _split(text, fence):
    assert text.startswith(fence + "\n")
    head, _, body = text[len(fence) + 1:].partition("\n" + fence + "\n")
    return head, body


@PROPS
@given(titles, text, text.map(str.strip), st.lists(titles, max_size=3))
def test_hugo_toml_reads_back(title, tagline, season, genres):
    review = _review(title, tagline, season, genres)
    out = render(review, TEMPLATE, (), "hugo").text
    head, body = _split(out, "+++")
    data = tomllib.loads(head)
    assert data["title"] == title
    assert data.get("summary", "") == tagline.strip()
    assert data.get("tags", []) == [g for g in genres if g.strip()]
    assert data.get("categories", []) == ([season] if season else [])
    assert data["date"] == review.created and data["draft"] is True and data["slug"] == "post"
    assert body.lstrip("\n").startswith(tagline.strip("\n").rstrip()[:1] or "## What did you watch?")
    # the split the test made is the one Hugo makes: no line of the front matter is +++
    assert "+++" not in head.split("\n")


@PROPS
@given(titles, text, text.map(str.strip), st.lists(titles, max_size=3))
def test_jekyll_yaml_reads_back(title, tagline, season, genres):
    review = _review(title, tagline, season, genres)
    review.status = "ready"
    out = render(review, TEMPLATE, (), "jekyll").text
    head, _ = _split(out, "---")
    for data in (yaml.safe_load(head), frontmatter.read_yaml(head)):
        assert data["title"] == title
        assert data["layout"] == "post" and data["published"] is True
        assert data.get("excerpt", "") == tagline.strip()
        assert data.get("tags", []) == [g for g in genres if g.strip()]
        assert data.get("categories", []) == ([season] if season else [])
        assert data["date"] == review.created
    assert frontmatter.split(out)[0]["title"] == title


@PROPS
@given(titles, text)
def test_astro_yaml_has_the_blog_template_fields(title, tagline):
    review = _review(title, tagline)
    review.add_image("watched", "/hero.png", "Hero")
    out = render(review, TEMPLATE, (), "astro").text
    head, _ = _split(out, "---")
    data = yaml.safe_load(head)
    assert set(data) == {"title", "description", "pubDate", "updatedDate", "heroImage"}
    assert data["title"] == title
    assert data["description"] == " ".join(tagline.split())
    assert data["pubDate"] == review.created and data["updatedDate"] == review.updated
    assert data["heroImage"] == "/hero.png"


@PROPS
@given(text)
def test_yaml_string_is_exact(value):
    assert yaml.safe_load("v: " + frontmatter.yaml_string(value))["v"] == value
    assert frontmatter.read_yaml("v: " + frontmatter.yaml_string(value))["v"] == value


def test_quotes_are_written_straight():
    review = _review('Rouge "Redstar" and Naomi\'s case: “Part 1”')
    for target, fence in (("hugo", "+++"), ("jekyll", "---")):
        head, _ = _split(render(review, TEMPLATE, (), target).text, fence)
        parsed = tomllib.loads(head) if fence == "+++" else yaml.safe_load(head)
        assert parsed["title"] == 'Rouge "Redstar" and Naomi\'s case: “Part 1”'  # straight, as typed
        assert "&quot;" not in head and "&#34;" not in head


@pytest.mark.parametrize("source, expected", [
    ("title: C# and F# #a comment\n", {"title": "C# and F#"}),
    ("title: 'It''s here'\n", {"title": "It's here"}),
    ('tags: [a, "b, c", \'d\']\n', {"tags": ["a", "b, c", "d"]}),
    ("tags:\n  - one\n  - two # comment\n", {"tags": ["one", "two"]}),
    ("tags:\n- one\n- two\n", {"tags": ["one", "two"]}),
    ("description: |\n  line one\n  line two\n", {"description": "line one\nline two\n"}),
    ("description: >-\n  folded\n  text\n", {"description": "folded text"}),
    ("draft: false\nweight: 3\n", {"draft": False, "weight": 3}),
    ("date: 2024-04-01\n", {"date": __import__("datetime").date(2024, 4, 1)}),
    ('title: "multi\n  line"\n', {"title": "multi line"}),
])
def test_common_front_matter_reads_as_yaml_says(source, expected):
    assert frontmatter.read_yaml(source) == expected


def test_nested_yaml_mappings_are_read():
    assert frontmatter.read_yaml("author:\n  name: Me\n  links: [a, b]\n") == \
        {"author": {"name": "Me", "links": ["a", "b"]}}


@pytest.mark.parametrize("source, expected", [
    ("1: one\n2024-01-02: a day\n", {"1": "one", "2024-01-02": "a day"}),  # keys are text
    ("data: !!binary aGVsbG8=\n", {"data": "hello"}),
    ("tags: !!set {b: null, a: null}\n", {"tags": ["a", "b"]}),
    ("", {}),
])
def test_yaml_values_become_ones_a_draft_keeps(source, expected):
    assert frontmatter.read_yaml(source) == expected


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]\n" for n in range(8))


@pytest.mark.parametrize("source, words", [
    ("title: [unclosed\n", "line 3, column 1"),                         # the file's line: after ---
    ("- a list\n- not a mapping\n", "`key: value` lines"),
    ("loop: &a [*a]\n", "nested too deep"),                             # a list that holds itself
    (BOMB, "too large"),                                                # a billion laughs
    ("a: " + "[" * 200 + "]" * 200 + "\n", "nested too deep"),
])
def test_hostile_yaml_is_refused_clearly(source, words):
    with pytest.raises(frontmatter.FrontMatterError, match=words.replace("`", ".")):
        frontmatter.split("---\n" + source + "---\nBody.\n")
