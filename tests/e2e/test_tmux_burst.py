"""Keys sent in one burst right after Tab, in a real terminal (issue 18, item
16): one ``send-keys`` call carries Tab and the season, as a fast
typist's keys or a paste arrive. The season's letters land in Season, not in
the Title that Tab left."""

from __future__ import annotations

import re
import shutil

import pytest
from terminal import Terminal, app_command, app_env

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed: the end-to-end tests drive the app in a real terminal"),
]


def test_a_burst_after_tab_lands_in_the_next_field(tmp_path, library_dir, config_dir):
    term = Terminal(app_command(), cwd=tmp_path, env=app_env(library_dir, config_dir))
    try:
        term.wait_for("Welcome to Review Desk")
        term.keys("n")
        term.wait_for("A new review")
        term.wait_for_cursor_on_placeholder("e.g. Metallic Rouge")  # the dialog opens with the cursor in Title
        term.type("Vinland Saga")
        term.wait_for_cursor_after(r"Title\W+Vinland Saga")
        # One tmux call: Tab and the letters after it reach the app in one read, as a burst does.
        term.tmux("send-keys", "-t", term.name, "Tab", "Zephyr")
        term.wait_for("Zephyr")
        rows = term.screen().splitlines()
        title = next(row for row in rows if re.search(r"\bTitle\b", row))
        season = next(row for row in rows if re.search(r"\bSeason\b", row))
        assert "Vinland Saga" in title and "Zephyr" not in title, title
        assert "Zephyr" in season, season
    finally:
        term.close()
