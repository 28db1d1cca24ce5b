"""The lookup dialog, as a writer uses it: from Series Information, F6 (or
the palette) searches the review's title, Enter fills; fields the writer
typed are offered as a before/after choice; Escape cancels."""

from __future__ import annotations

import json
import threading
import tomllib

import pytest
from textual.widgets import Input, OptionList

from lookup.web import recorded, recorded_json, serve
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.lookup import LookupScreen, ReplaceList
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.footer import KeyFooter
from waiting import wait_for


@pytest.fixture
def mushishi_web(web):
    """Jikan's answer to a search: the recorded Mushishi entry (a search
    result has the entry's shape)."""
    entry = recorded_json("jikan-anime.json")["data"]
    serve(web, "/jikan/v4/anime", json.dumps({"data": [entry]}))
    return web


@pytest.fixture
def mushishi(library_dir):
    lib = Library(library_dir)
    review = lib.create("Mushishi (Season One)", season="Fall 2005")
    review.set_answer("watched", "Ginko wanders.")
    lib.save(review)
    return lib, review.slug


def info_on_disk(library_dir, slug) -> dict:
    return tomllib.loads((library_dir / f"{slug}.toml").read_text())


async def to_series_information(pilot) -> ReviewScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    while not screen.on_info:
        await pilot.press("ctrl+n")
    await wait_for(pilot, lambda: isinstance(pilot.app.focused, Input))
    return screen


def results(app) -> OptionList:
    return app.screen.query_one("#lookup-results", OptionList)


async def test_f6_searches_the_title_and_enter_fills_the_form(mushishi_web, mushishi, library_dir):
    lib, slug = mushishi
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await to_series_information(pilot)
        await pilot.press("f6")
        assert isinstance(app.screen, LookupScreen)
        assert app.screen.query_one("#lookup-query", Input).value == "Mushishi"
        await wait_for(pilot, lambda: results(app).option_count == 1 and results(app).has_focus)
        assert str(results(app).get_option_at_index(0).prompt) == "Mushi-Shi (2005) · TV · 26 episodes"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        form = screen.info_form()
        assert form.query_one("#info-japanese_title", Input).value == "蟲師"
        assert form.query_one("#info-released", Input).value == "Fall 2005"
        assert form.query_one("#info-animation_studios", Input).value == "Artland"
        assert screen.review.info["episodes"] == 26
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "lookup" in info_on_disk(library_dir, slug))
    saved = info_on_disk(library_dir, slug)
    assert saved["lookup"] == {"source": "jikan", "id": 457}
    assert saved["info"]["medium"] == "Anime" and saved["info"]["genres"][0] == "Adventure"


async def test_fields_the_writer_typed_are_a_choice_never_overwritten(mushishi_web, mushishi, library_dir):
    lib, slug = mushishi
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await to_series_information(pilot)
        form = screen.info_form()
        form.query_one("#info-medium", Input).value = "TV series"
        form.query_one("#info-episodes", Input).value = "24"
        await wait_for(pilot, lambda: screen.review.info.get("episodes") == 24)
        await pilot.press("f6")
        await wait_for(pilot, lambda: results(app).has_focus)
        await pilot.press("enter")
        replace = app.screen.query_one("#lookup-replace", ReplaceList)
        await wait_for(pilot, lambda: replace.has_focus)
        assert [str(replace.get_option_at_index(i).prompt) for i in range(replace.option_count)] == [
            "Medium    TV series  →  Anime", "Episodes  24  →  26"]
        await pilot.press("down", "space", "enter")  # replace the episodes, keep the medium
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.review.info["medium"] == "TV series"
        assert screen.review.info["episodes"] == 26
        assert form.query_one("#info-episodes", Input).value == "26"
        assert screen.review.info["english_title"] == "Mushi-Shi"


async def test_enter_without_ticking_keeps_everything_the_writer_typed(mushishi_web, mushishi):
    lib, slug = mushishi
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await to_series_information(pilot)
        screen.info_form().query_one("#info-medium", Input).value = "TV series"
        await wait_for(pilot, lambda: screen.review.info.get("medium") == "TV series")
        await pilot.press("f6")
        await wait_for(pilot, lambda: results(app).has_focus)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.query_one("#lookup-replace", ReplaceList).has_focus)
        await pilot.press("escape")  # back to the list first
        assert results(app).has_focus
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.query_one("#lookup-replace", ReplaceList).has_focus)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.review.info["medium"] == "TV series"


async def test_f6_in_an_answer_opens_it_rather_than_selecting_the_line(mushishi_web, mushishi):
    lib, slug = mushishi
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor))
        editor = app.focused
        await pilot.press("f6")  # TextArea's own "select line" without the screen's priority binding
        await wait_for(pilot, lambda: isinstance(app.screen, LookupScreen))
        assert screen.on_info
        assert editor.selected_text == ""
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert "f6 Look up" in str(screen.query_one(KeyFooter).render())


async def test_the_palette_command_opens_it_from_any_question(mushishi_web, mushishi):
    lib, slug = mushishi
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert not screen.on_info
        await pilot.press("ctrl+p")
        await pilot.press(*"Look up series")
        await wait_for(pilot, lambda: app.screen.query("CommandList") and app.screen.query_one("CommandList").option_count)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LookupScreen))
        assert screen.on_info


async def test_escape_cancels_a_search_that_is_still_waiting(web, mushishi):
    release = threading.Event()

    def slow(request):
        release.wait(10)
        from werkzeug import Response

        return Response(recorded("jikan-anime-search.json"), content_type="application/json")

    web.expect_request("/jikan/v4/anime").respond_with_handler(slow)
    lib, slug = mushishi
    app = ReviewDeskApp(library=lib, open_slug=slug)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await to_series_information(pilot)
            before = dict(screen.review.info)
            await pilot.press("f6")
            dialog = app.screen
            await wait_for(pilot, lambda: web.log or dialog.query_one("#lookup-busy").display)
            worker = dialog._worker
            assert dialog.query_one("#lookup-busy").display
            await pilot.press("escape")
            assert app.screen is screen
            assert worker.is_cancelled and dialog._cancel.cancelled
            release.set()
            await pilot.pause()
            assert screen.review.info == before
    finally:
        release.set()


async def test_no_network_is_said_in_the_dialog_and_nothing_changes(mushishi, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_JIKAN_URL", "http://127.0.0.1:9/v4")
    lib, slug = mushishi
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await to_series_information(pilot)
        await pilot.press("f6")
        status = app.screen.query_one("#lookup-status")
        await wait_for(pilot, lambda: status.has_class("-problem"))
        assert str(status.render()).startswith("cannot connect to 127.0.0.1:9")
        assert not app.screen.query_one("#lookup-busy").display
        await pilot.press("escape")
        assert screen.review.info == {} and screen.review.lookup == {}


async def test_after_a_fill_the_cursor_waits_in_the_first_field_left_empty(web, mushishi):
    entry = recorded_json("jikan-anime.json")["data"]
    entry["demographics"] = []  # an original anime has none: the writer types it
    serve(web, "/jikan/v4/anime", json.dumps({"data": [entry]}))
    lib, slug = mushishi
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await to_series_information(pilot)
        await pilot.press("f6")
        await wait_for(pilot, lambda: results(app).has_focus)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and app.focused is not None
                       and app.focused.id == "info-demographic")
        await pilot.press(*"General")
        await wait_for(pilot, lambda: screen.review.info.get("demographic") == "General")
        assert screen.review.info["english_title"] == "Mushi-Shi"


async def test_a_review_filled_before_shows_its_entry_first(web, mushishi):
    serve(web, "/jikan/v4/anime/457", recorded("jikan-anime.json"))
    lib, slug = mushishi
    review = lib.load(slug)
    review.lookup = {"source": "jikan", "id": 457}
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_series_information(pilot)
        await pilot.press("f6")
        await wait_for(pilot, lambda: results(app).has_focus)
        status = str(app.screen.query_one("#lookup-status").render())
        assert status.startswith("The entry this review was filled from (Jikan (MyAnimeList))")
        assert [r.path for r, _ in web.log] == ["/jikan/v4/anime/457"]


async def test_a_wait_the_source_asks_for_is_said_in_the_dialog(web, mushishi, monkeypatch):
    from pytest_httpserver.httpserver import HandlerType

    from reviewdesk.lookup import http

    # A 429 that does not say how long: the dialog really waits that long, and a
    # second keeps the wait on screen for a loaded machine's looks to see it.
    monkeypatch.setattr(http, "RETRY_AFTER_DEFAULT", 1.0)
    serve(web, "/jikan/v4/anime", recorded("jikan-error-429.json"), status=429, handler_type=HandlerType.ONESHOT)
    serve(web, "/jikan/v4/anime", json.dumps({"data": [recorded_json("jikan-anime.json")["data"]]}))
    lib, slug = mushishi
    app = ReviewDeskApp(library=lib, open_slug=slug)
    said = []
    async with app.run_test(size=(120, 40)) as pilot:
        await to_series_information(pilot)
        await pilot.press("f6")
        status = app.screen.query_one("#lookup-status")
        await wait_for(pilot, lambda: said.append(str(status.render())) or results(app).has_focus)
    assert "Jikan (MyAnimeList) asks to slow down: waiting 1 s…" in said
