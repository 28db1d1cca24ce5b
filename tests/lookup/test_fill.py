"""Filling a review from an entry: what the writer typed is never
overwritten silently; each field is filled, kept or unchanged."""

from __future__ import annotations

import pytest

from reviewdesk.lookup.base import Entry
from reviewdesk.lookup.fill import FILLED, KEPT, UNCHANGED, apply, default_query, plan
from reviewdesk.review.template import load_template

MUSHISHI = Entry("jikan", 457, "Mushi-Shi", {
    "english_title": "Mushi-Shi", "japanese_title": "蟲師", "medium": "Anime", "released": "Fall 2005",
    "episodes": 26, "animation_studios": ["Artland"], "genres": ["Adventure", "Mystery"], "demographic": "Seinen",
}, "http://covers.example/mushishi.jpg")


@pytest.fixture
def anime(library):
    return library.create("Mushishi (Season One)", season="Fall 2005"), load_template("anime-season")


def statuses(result):
    return {c.field: c.status for c in result.changes}


def test_an_empty_review_takes_every_value(anime):
    review, template = anime
    result = plan(review, template, MUSHISHI)
    assert set(statuses(result).values()) == {FILLED}
    apply(review, result)
    assert review.info == MUSHISHI.values
    assert review.lookup == {"source": "jikan", "id": 457}


def test_what_the_writer_typed_is_kept_and_the_source_value_shown(anime):
    review, template = anime
    review.set_info(template.info_field("medium"), "TV series")
    review.set_info(template.info_field("animation_studios"), "artland")  # the same, in another case
    result = plan(review, template, MUSHISHI)
    medium = next(c for c in result.changes if c.field == "medium")
    assert (medium.status, medium.before, medium.after) == (KEPT, "TV series", "Anime")
    assert statuses(result)["animation_studios"] == UNCHANGED
    apply(review, result)
    assert review.info["medium"] == "TV series"
    assert review.info["animation_studios"] == ["artland"]
    assert review.info["episodes"] == 26


def test_force_replaces_what_the_writer_typed(anime):
    review, template = anime
    review.set_info(template.info_field("medium"), "TV series")
    apply(review, plan(review, template, MUSHISHI, force=True))
    assert review.info["medium"] == "Anime"


def test_the_app_chooses_which_kept_fields_to_replace(anime):
    review, template = anime
    review.set_info(template.info_field("medium"), "TV series")
    review.set_info(template.info_field("released"), "October 2005 – June 2006")
    applied = apply(review, plan(review, template, MUSHISHI), take={"released"})
    assert review.info["medium"] == "TV series"
    assert review.info["released"] == "Fall 2005"
    assert "released" in applied and "medium" not in applied


def test_a_value_the_source_lacks_leaves_the_field_unchanged(anime):
    review, template = anime
    review.set_info(template.info_field("demographic"), "General (original anime)")
    entry = Entry("jikan", 1, "Metallic Rouge", {"english_title": "Metallic Rouge"})
    result = plan(review, template, entry)
    assert statuses(result)["demographic"] == UNCHANGED
    apply(review, result)
    assert review.info == {"demographic": "General (original anime)", "english_title": "Metallic Rouge"}


def test_values_take_the_shape_of_a_writers_own_fields(library, config_dir):
    (config_dir / "templates").mkdir()
    (config_dir / "templates" / "mine.toml").write_text(
        'id = "mine"\nname = "Mine"\n[[questions]]\nid = "q"\nheading = "Q?"\n'
        '[[info]]\nid = "studios"\nlabel = "Studio"\nkind = "text"\n'
        '[[info]]\nid = "genres"\nlabel = "Genres"\nkind = "text"\n'
        '[[info]]\nid = "released"\nlabel = "Episodes"\nkind = "number"\n')
    template = load_template("mine")
    review = library.create("Mushishi", template="mine")
    apply(review, plan(review, template, MUSHISHI))
    assert review.info == {"studios": "Artland", "genres": "Adventure, Mystery"}, \
        "a studio list into a text field; 'Fall 2005' is no whole number"


def test_a_film_fills_the_film_template(library):
    template = load_template("film")
    review = library.create("Fight Club", template="film")
    entry = Entry("tmdb", 550, "Fight Club", {"title": "Fight Club", "released": "15 October 1999", "year": 1999,
                                              "runtime": "139 min", "director": ["David Fincher"],
                                              "genres": ["Drama"], "studios": ["Fox 2000 Pictures"]})
    result = plan(review, template, entry)
    assert [c.field for c in result.changes if c.status == FILLED] == ["title", "director", "year", "runtime",
                                                                       "genres"]


def test_the_cover_follows_the_same_rule(anime):
    review, template = anime
    assert plan(review, template, MUSHISHI, cover=True).cover.status == FILLED
    review.cover = "my-own-cover.png"
    assert plan(review, template, MUSHISHI, cover=True).cover.status == KEPT
    assert plan(review, template, MUSHISHI, cover=True, force=True).cover.status == FILLED
    review.cover = f"images/{review.slug}-cover.jpg"  # saved by an earlier lookup: refreshed
    assert plan(review, template, MUSHISHI, cover=True).cover.status == FILLED
    no_cover = Entry("jikan", 457, "Mushi-Shi", MUSHISHI.values)
    assert plan(review, template, no_cover, cover=True).cover.status == UNCHANGED


@pytest.mark.parametrize("title, query", [
    ("Metallic Rouge (Season One)", "Metallic Rouge"),
    ("Frieren (Season 2)", "Frieren"),
    ("Spy x Family (Part 2) (2023)", "Spy x Family"),
    ("Dungeon Meshi [2nd Cour]", "Dungeon Meshi"),
    ("Bocchi the Rock! (Final Season)", "Bocchi the Rock!"),
    ("Steins;Gate", "Steins;Gate"),
    ("(Season One)", "(Season One)"),
    ("Re:Zero (Director's Cut)", "Re:Zero (Director's Cut)"),
])
def test_the_query_is_the_title_without_a_season_suffix(title, query):
    assert default_query(title) == query
