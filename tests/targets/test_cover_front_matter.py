"""The review's cover in front matter: ``image`` for Hugo and Jekyll (and
first of Hugo's ``images``), Astro's ``heroImage`` before the first image."""

from __future__ import annotations

import tomllib
from datetime import datetime, timezone

import pytest
import yaml

from reviewdesk.publish import frontmatter
from reviewdesk.publish.targets import render
from reviewdesk.review.model import Review
from reviewdesk.review.template import load_template

TEMPLATE = load_template("anime-season")


def review(cover: str = "") -> Review:
    r = Review(template="anime-season", title="Mushishi", slug="mushishi", cover=cover)
    r.created = r.updated = datetime(2024, 4, 1, 9, 30, tzinfo=timezone.utc)
    r.set_answer("watched", "Some prose.")
    r.add_image("watched", "images/ep1.png", "Ginko")
    return r


def head(text: str, fence: str) -> str:
    return text[len(fence) + 1:].partition("\n" + fence + "\n")[0]


@pytest.mark.parametrize("cover", ["images/mushishi-cover.jpg", "https://example.org/a cover \"x\".jpg"])
def test_hugo_and_jekyll_name_the_cover_image(cover):
    hugo = tomllib.loads(head(render(review(cover), TEMPLATE, (), "hugo").text, "+++"))
    assert hugo["image"] == cover
    assert hugo["images"] == [cover, "images/ep1.png"]
    jekyll_text = render(review(cover), TEMPLATE, (), "jekyll").text
    for data in (yaml.safe_load(head(jekyll_text, "---")), frontmatter.read_yaml(head(jekyll_text, "---"))):
        assert data["image"] == cover


def test_astro_prefers_the_cover_to_the_first_image():
    assert yaml.safe_load(head(render(review("images/mushishi-cover.jpg"), TEMPLATE, (), "astro").text,
                               "---"))["heroImage"] == "images/mushishi-cover.jpg"
    assert yaml.safe_load(head(render(review(), TEMPLATE, (), "astro").text, "---"))["heroImage"] == "images/ep1.png"


def test_without_a_cover_there_is_no_image_key():
    assert "image" not in tomllib.loads(head(render(review(), TEMPLATE, (), "hugo").text, "+++"))
    assert "image:" not in render(review(), TEMPLATE, (), "jekyll").text
