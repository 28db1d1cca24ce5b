"""The real app in a real terminal: tmux runs ``python -m reviewdesk``, the
test types with ``send-keys`` and reads the screen with ``capture-pane``.

Every wait polls for what the writer would see (or for the file on disk)
until a deadline; nothing is timed. Each test runs its own tmux server
(``-S``, a socket in a temporary folder), so it never touches anyone else's
tmux, and kills that server at the end.
"""

from __future__ import annotations

import re
import shlex
import shutil

import pytest
from terminal import Terminal, app_command, app_env, process_ended, process_state, read_draft

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed: the end-to-end tests drive the app in a real terminal"),
]


TITLE = "Vinland Saga"
SEASON = "Winter 2023"
SLUG = "vinland-saga"
FIRST = "Thorfinn lays down his sword."
SECOND = "A farm, a debt and a quiet season."
EPISODES = "24"


def test_write_a_review_export_it_and_quit(tmp_path, library_dir, config_dir):
    """n, title, season, two answers, Series Information, ctrl+g, ctrl+s, ctrl+q."""
    blog = tmp_path / "blog"
    blog.mkdir()
    # The writer's export folder setting: Save as proposes it (not the folder the app started in).
    (config_dir / "settings.toml").write_text(f'[export]\nfolder = "{blog}"\n', encoding="utf-8")
    # The wrapper keeps the pane open after the app quits, so the exit status can be read.
    script = app_command() + '; echo "[app exited $?]"; sleep 600'
    command = f"sh -c {shlex.quote(script)}"
    term = Terminal(command, cwd=blog, env=app_env(library_dir, config_dir))
    try:
        term.wait_for("Welcome to Review Desk")
        term.track()
        term.keys("n")
        term.wait_for("A new review")
        term.wait_for_cursor_on_placeholder("e.g. Metallic Rouge")  # the dialog opens with the cursor in Title
        term.type(TITLE)
        term.wait_for_row(rf"Title\W+{TITLE}")
        term.keys("Enter")  # on to Season
        term.wait_for_cursor_after(r"\bSeason\b")
        term.type(SEASON)
        term.wait_for_row(rf"Season\W+{SEASON}")
        term.keys("Enter")  # on to Tagline
        term.wait_for_cursor_after(r"\bTagline\b")
        term.keys("Enter")  # start writing
        term.wait_for("Question 1 of 9", "What did you watch?")
        term.wait_for_editor_cursor()

        term.type(FIRST)
        term.wait_for(FIRST)
        term.keys("C-n")
        term.wait_for("Question 2 of 9", "What happened?")
        term.wait_for_editor_cursor()
        term.type(SECOND)
        term.wait_for(SECOND)

        for _ in range(8):  # questions 3..9, then Series Information
            term.keys("C-n")
        term.wait_for("After the 9 questions")
        term.wait_for_cursor_after(r"English Title\s")  # the form starts with Series Information
        term.tab_to(r"\bEpisodes\b")  # down the facts, to the number
        term.type(EPISODES)
        draft = library_dir / f"{SLUG}.toml"
        term.wait_until(lambda: (read_draft(draft) or {}).get("info", {}).get("episodes") == int(EPISODES),
                        f"episodes = {EPISODES} in {draft.name} (was the Episodes field focused?)")

        term.keys("C-g")
        term.wait_for("Export", "Save as", "Before you publish")
        term.keys("C-s")
        exported = blog / f"{SLUG}.md"
        term.wait_until(exported.is_file, f"{exported} to be written")
        term.wait_for("Saved")
        term.keys("C-q")
        term.wait_for("[app exited 0]")
    finally:
        term.close()

    markdown = exported.read_text(encoding="utf-8")
    assert markdown.startswith(f"# {TITLE}\n")
    assert f"## What did you watch?\n\n{FIRST}\n" in markdown
    assert f"## What happened?\n\n{SECOND}\n" in markdown
    assert markdown.index(FIRST) < markdown.index(SECOND)
    assert "## What did you think?" not in markdown  # empty sections are left out
    assert re.search(r"^\|\s*Episodes\s*\|\s*24\s*\|$", markdown, re.M), "no Episodes row in the table"

    data = read_draft(draft)
    assert data is not None, f"{draft} does not parse"
    assert data["title"] == TITLE
    assert data["season"] == SEASON
    assert data["answers"]["watched"]["text"] == FIRST
    assert data["answers"]["happened"]["text"] == SECOND
    assert data["info"]["episodes"] == 24
    assert not list(library_dir.glob(".*.tmp")), "a temporary file was left in the library"


def test_open_puts_the_cursor_in_the_first_unanswered_question(library_dir, config_dir, tmp_path):
    """`reviewdesk open SLUG`: type at once, autosave, then the terminal is closed."""
    from reviewdesk.review.library import Library

    lib = Library(library_dir)
    review = lib.create("Frieren: Beyond Journey's End", season="Fall 2023")
    review.set_answer("watched", "An elf mage outlives her party.")
    review.set_answer("happened", "She walks north, slowly.")
    lib.save(review)
    draft = library_dir / f"{review.slug}.toml"
    typed = "Quiet and lovely."

    term = Terminal(app_command("open", review.slug), cwd=tmp_path, env=app_env(library_dir, config_dir))
    try:
        term.wait_for("Question 3 of 9", "What did you think?")
        term.wait_for_editor_cursor()
        pid = term.pane_pid()
        term.track()
        term.type(typed)
        term.wait_for(typed)
        # Autosave: the words reach the disk without any key to save them.
        term.wait_until(lambda: (read_draft(draft) or {}).get("answers", {}).get("thought", {}).get("text") == typed,
                        f"the typed answer in {draft.name}")
        term.kill_session()  # the terminal window is closed under the app

        # A hung-up terminal sends SIGHUP and SIGCONT; an app that saves and then
        # hangs in its shutdown would keep the draft's lock and linger for ever.
        term.wait_until(lambda: process_ended(pid), "the app to end after its terminal closed",
                        describe=lambda: f"process {pid} is still there, state {process_state(pid)}")
    finally:
        term.close()

    data = read_draft(draft)
    assert data is not None, f"{draft} does not parse after the terminal was closed"
    assert data["answers"]["watched"]["text"] == "An elf mage outlives her party."
    assert data["answers"]["happened"]["text"] == "She walks north, slowly."
    assert data["answers"]["thought"]["text"] == typed
    assert not list(library_dir.glob(".*.tmp")), "a temporary file was left in the library"
