"""Series Information from the web, in a real terminal: from the first
question, ctrl+n nine times, F6, Enter; the fields fill from the source (a
local server with the recorded Jikan answer), the cursor waits in the one
field the source left empty, and the writer types it."""

from __future__ import annotations

import json
import shutil

import pytest
from terminal import Terminal, app_command, app_env, read_draft

from lookup.web import recorded_json, serve

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed: the end-to-end tests drive the app in a real terminal"),
]


def test_f6_then_enter_fills_series_information(web, library_dir, config_dir, tmp_path):
    from reviewdesk.review.library import Library

    entry = recorded_json("jikan-anime.json")["data"]
    entry["demographics"] = []  # as for an original anime: the one field left to type
    serve(web, "/jikan/v4/anime", json.dumps({"data": [entry]}))
    lib = Library(library_dir)
    slug = lib.create("Mushishi (Season One)", season="Fall 2005").slug
    draft = library_dir / f"{slug}.toml"
    env = app_env(library_dir, config_dir)
    env.update(REVIEWDESK_JIKAN_URL=web.url_for("/jikan/v4"), REVIEWDESK_CACHE_DIR=str(tmp_path / "cache"))

    term = Terminal(app_command("open", slug), cwd=tmp_path, env=env)
    try:
        term.wait_for("Question 1 of 9")
        term.wait_for_editor_cursor()
        for _ in range(9):
            term.keys("C-n")
        term.wait_for("After the 9 questions")
        term.wait_for_cursor_after(r"English Title\s")
        term.keys("F6")
        term.wait_for("Look up series information", "Mushi-Shi (2005)")
        term.keys("Enter")
        term.wait_until(lambda: (read_draft(draft) or {}).get("lookup") == {"source": "jikan", "id": 457},
                        f"the filled fields in {draft.name}")
        term.wait_for_cursor_after(r"Demographic\s")
        term.type("Seinen")
        term.wait_until(lambda: (read_draft(draft) or {}).get("info", {}).get("demographic") == "Seinen",
                        f"the typed demographic in {draft.name}")
    finally:
        term.close()
    info = read_draft(draft)["info"]
    assert info["japanese_title"] == "蟲師" and info["released"] == "Fall 2005" and info["episodes"] == 26
