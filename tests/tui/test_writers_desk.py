"""The writer's desk in the app: skipping, spoilers, targets, the verdict."""

from __future__ import annotations

import tomllib

import pytest

from textual.widgets import Input

from reviewdesk.review.library import Library
from reviewdesk.publish.targets import render
from reviewdesk.review.template import load_template
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.widgets.status import StatusLine


@pytest.fixture
def draft(library, write_draft):
    """Two answers written: (library, slug)."""
    return library, write_draft(watched="An android noir from Bones.", happened="Rouge hunts the Immortal Nine.").slug


def on_disk(library_dir, slug):
    return tomllib.loads((library_dir / f"{slug}.toml").read_text())


async def test_skip_and_spoiler_keys_change_the_sidebar_and_the_export(library_dir, draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.go(1)
        await pilot.pause()
        await pilot.press("f9")  # What happened? is a spoiler
        screen.go(2)
        await pilot.pause()
        await pilot.press("f3")  # What did you think? is skipped on purpose
        await pilot.pause()
        sidebar = screen.query_one("#questions")
        assert "skipped" in str(sidebar.get_option_at_index(2).prompt)
        assert "spoiler" in str(sidebar.get_option_at_index(1).prompt)
        await pilot.press("ctrl+q")
    data = on_disk(library_dir, slug)
    assert data["answers"]["thought"]["skipped"] is True
    assert data["answers"]["happened"]["spoiler"] is True
    review = Library(library_dir).load(slug)
    text = render(review, load_template("anime-season"), (), "markdown").text
    assert "What did you think?" not in text
    assert "<details>\n<summary>Spoilers</summary>\n\nRouge hunts the Immortal Nine." in text


async def test_the_verdict_is_edited_in_the_form_and_the_score_validated(library_dir, draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.go(screen.count)
        await pilot.pause()
        score = screen.query_one("#verdict-score", Input)
        score.value = "12"
        await pilot.pause()
        assert "out of 10" in str(screen.query_one("#problem-score").render()) or \
            "10" in str(screen.query_one("#problem-score").render())
        score.value = "8"
        screen.query_one("#verdict-verdict", Input).value = "A gorgeous mess worth watching."
        await pilot.pause()
        await pilot.press("ctrl+q")
    data = on_disk(library_dir, slug)
    assert data["score"] == 8
    assert data["verdict"] == "A gorgeous mess worth watching."


async def test_status_line_shows_reading_time(draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "min read" in str(app.screen.query_one(StatusLine).render())


async def test_season_overview_lists_the_season_and_what_is_left(draft):
    from reviewdesk.tui.screens.review import ReviewScreen
    from reviewdesk.tui.screens.season import SeasonScreen

    lib, slug = draft
    other = lib.create("Solo Leveling", season="winter 2024")
    lib.create("Frieren", season="Fall 2023")
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reviews")
        table.move_cursor(row=table.get_row_index(slug))
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SeasonScreen)
        rows = app.screen.query_one("#season-table")
        assert {key.value for key in rows.rows} == {slug, other.slug}
        head = str(app.screen.query_one("#season-head").render())
        assert "2 reviews" in head and "left to write" in head
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
