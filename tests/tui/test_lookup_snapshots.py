"""Snapshots of the lookup dialog: the candidates as the source answered,
and the before/after choice for fields the writer already filled.

The answers are the recorded ones (tests/lookup/fixtures), from the local
server; each snapshot waits for the worker and a still screen.
"""

from __future__ import annotations

import json

import pytest

from lookup.web import recorded, recorded_json, serve
from tui.test_snapshots import ROUGE_TIME, _review, _write, make_app, settle
from reviewdesk.review.template import load_template
from reviewdesk.tui.screens.lookup import LookupScreen
from waiting import on_screen, wait_for


def open_lookup(*then: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        while not screen.on_info:
            await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("f6")
        dialog = await on_screen(pilot, LookupScreen)
        await wait_for(pilot, lambda: dialog.query_one("#lookup-results").has_focus, "the results focused")
        for key in then:
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", {"wide": (120, 40), "small": (80, 24)}.items(), ids=["wide", "small"])
def test_lookup_candidates(snap_compare, web, library_dir, size):
    """Naruto: the ten results Jikan recorded, the first highlighted."""
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json"))
    _write(library_dir, "naruto-season-one", _review("Naruto (Season One)", "Fall 2002", ROUGE_TIME))
    assert snap_compare(make_app(library_dir, open_slug="naruto-season-one"), terminal_size=size[1],
                        run_before=open_lookup())


def test_lookup_before_and_after(snap_compare, web, library_dir):
    """Mushishi with Medium and Released typed: yours → the source's, Released ticked."""
    serve(web, "/jikan/v4/anime", json.dumps({"data": [recorded_json("jikan-anime.json")["data"]]}))
    template = load_template("anime-season")
    review = _review("Mushishi (Season One)", "Fall 2005", ROUGE_TIME)
    review.set_info(template.info_field("Medium"), "TV series")
    review.set_info(template.info_field("Released"), "October 2005 – June 2006")
    _write(library_dir, "mushishi-season-one", review)
    assert snap_compare(make_app(library_dir, open_slug="mushishi-season-one"), terminal_size=(120, 40),
                        run_before=open_lookup("enter", "down", "space"))
