"""Seasons: grouping, filters and one season's overview, in the core and on the command line."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from reviewdesk.errors import NotFound, ReviewDeskError
from reviewdesk.aids.seasons import filter_items, group_by_season, season_overview, seasons, sort_key


@dataclass
class Item:
    season: str
    status: str = "draft"
    words: int = 10
    broken: bool = False


def test_seasons_sort_newest_first_then_by_name_then_none():
    names = ["Fall 2023", "", "Winter 2024", "Summer 2024", "Spring 2024", "2022", "Classics", "autumn 2024"]
    assert sorted(names, key=sort_key) == ["autumn 2024", "Summer 2024", "Spring 2024", "Winter 2024",
                                           "Fall 2023", "2022", "Classics", ""]


def test_grouping_matches_seasons_in_any_case_and_spacing():
    items = [Item("winter 2024"), Item("Winter  2024", "ready"), Item("Winter 2024"), Item("Fall 2023"),
             Item(""), Item("Winter 2024", broken=True)]
    groups = group_by_season(items)
    assert list(groups) == ["Winter 2024", "Fall 2023", ""]
    assert len(groups["Winter 2024"]) == 3
    summary = seasons(items)[0]
    assert (summary.name, summary.count, summary.statuses, summary.words) == (
        "Winter 2024", 3, {"draft": 2, "ready": 1, "published": 0}, 30)


def test_filters_by_season_and_status():
    items = [Item("Winter 2024", "draft"), Item("winter 2024", "published"), Item("Fall 2023", "published")]
    assert len(filter_items(items, season="WINTER 2024")) == 2
    assert filter_items(items, status="published") == items[1:]
    assert filter_items(items, season="winter 2024", status="published") == [items[1]]
    assert filter_items(items, season="") == []
    with pytest.raises(ReviewDeskError, match="status must be one of"):
        filter_items(items, status="done")


@pytest.fixture
def winter(library):
    """Three Winter 2024 reviews (one done, one half-done, one untouched) and one from Fall 2023."""
    done = library.create("Metallic Rouge", season="Winter 2024")
    for q in ("watched", "happened", "thought", "favourite_moment", "least_favourite_moment",
              "favourite_character", "least_favourite_character", "more", "learned"):
        done.set_answer(q, "Written.")
    done.set_field("status", "published")
    done.set_field("url", "https://blog.example/rouge")
    library.save(done)
    half = library.create("Solo Leveling", season="winter 2024")
    half.set_answer("watched", "Started.")
    half.set_answer("happened", "Going.")
    half.set_skipped("least_favourite_character")
    library.save(half)
    library.create("Delicious in Dungeon", season="Winter 2024")
    library.create("Frieren", season="Fall 2023")
    return library


def test_the_overview_shows_every_review_and_what_is_left(winter):
    overview = season_overview(winter, "WINTER 2024")
    assert overview.name == "Winter 2024"
    assert [(r.title, r.status) for r in overview.rows] == [
        ("Delicious in Dungeon", "draft"), ("Solo Leveling", "draft"), ("Metallic Rouge", "published")]
    solo = overview.rows[1]
    assert (solo.progress.answered, solo.progress.total) == (2, 8)
    assert solo.left[0] == "3. What did you think?"
    assert "7. Who was your least favourite character?" not in solo.left  # skipped on purpose
    assert overview.rows[2].left == []
    assert overview.questions_left == 9 + 6
    assert [r.title for r in overview.unfinished] == ["Delicious in Dungeon", "Solo Leveling"]


def test_an_unknown_season_says_which_there_are(winter):
    with pytest.raises(NotFound, match="Winter 2024, Fall 2023"):
        season_overview(winter, "Spring 2030")


def test_season_lists_the_seasons_with_counts(cli, winter):
    result = cli("season")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["SEASON", "REVIEWS", "DRAFT", "READY", "PUBLISHED", "WORDS"]
    assert lines[1].split()[:6] == ["Winter", "2024", "3", "2", "0", "1"]
    assert lines[2].split()[:3] == ["Fall", "2023", "1"]
    rows = json.loads(cli("season", "--json").out)
    assert [(r["season"], r["reviews"], r["published"]) for r in rows] == [("Winter 2024", 3, 1), ("Fall 2023", 1, 0)]


def test_season_name_shows_the_overview(cli, winter):
    result = cli("season", "winter 2024")
    assert result.code == 0
    out = result.out
    assert out.startswith("Winter 2024: 3 reviews (2 draft, 1 published)")
    assert "Left to write" in out
    assert "  Delicious in Dungeon: not started (9 questions)" in out
    solo = out.split("  Solo Leveling:\n")[1]
    assert solo.splitlines()[0].strip() == "3. What did you think?"
    assert "Metallic Rouge:" not in out.split("Left to write")[1]
    data = json.loads(cli("season", "Winter 2024", "--json").out)
    assert [r["slug"] for r in data["reviews"]] == ["delicious-in-dungeon", "solo-leveling", "metallic-rouge"]


def test_season_of_nothing_fails_cleanly(cli, winter):
    result = cli("season", "Spring 2030")
    assert result.code == 1 and result.err.startswith("reviewdesk: no reviews of the season 'Spring 2030'")


def test_list_filters_by_season_and_status(cli, winter):
    rows = [line.split()[0] for line in cli("list", "--season", "WINTER 2024").out.splitlines()[1:]]
    assert sorted(rows) == ["delicious-in-dungeon", "metallic-rouge", "solo-leveling"]
    rows = [line.split()[0] for line in cli("list", "--status", "published").out.splitlines()[1:]]
    assert rows == ["metallic-rouge"]
    result = cli("list", "--season", "Spring 2030")
    assert result.code == 0 and result.out == "" and "No reviews match" in result.err
