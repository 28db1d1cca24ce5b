"""Copy over SSH: with no system clipboard, the post reaches the terminal's
clipboard through OSC 52. tmux is that terminal here: with ``set-clipboard
on`` it keeps what an application sends in a paste buffer, which
``show-buffer`` reads back, byte for byte."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys

import pytest
from terminal import Terminal, app_command, app_env


pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed: the end-to-end tests drive the app in a real terminal"),
]

CLIPBOARD_ON = {"set-clipboard": "on"}  # tmux keeps what applications send with OSC 52


@pytest.fixture
def draft(write_draft):
    review = write_draft(watched="An android noir from Bones: メタリックルージュ.",
                         happened="Rouge hunts the Nine across a city that fears her kind.")
    return review.slug


def exported(library_dir, config_dir, slug) -> str:
    env = app_env(library_dir, config_dir)
    out = subprocess.run([sys.executable, "-m", "reviewdesk", "export", slug], env=env,
                         capture_output=True, text=True, check=True)
    return out.stdout


def buffer(term: Terminal) -> str | None:
    try:
        return term.tmux("show-buffer")
    except RuntimeError:  # "no buffers" yet
        return None


def test_the_app_copies_through_the_terminal_when_there_is_no_system_clipboard(
        library_dir, config_dir, tmp_path, draft):
    term = Terminal(app_command("open", draft), cwd=tmp_path, env=app_env(library_dir, config_dir),
                    server_options=CLIPBOARD_ON)
    try:
        term.wait_for("Question 3 of 9")
        term.wait_for_editor_cursor()
        term.track()
        term.keys("C-l")
        term.wait_for("Copied via the terminal")
        post = term.wait_until(lambda: buffer(term), "the post in tmux's paste buffer")
    finally:
        term.close()
    assert post == exported(library_dir, config_dir, draft)
    assert "メタリックルージュ" in post and post.startswith("# Metallic Rouge (Season One)\n")


def test_copy_osc52_on_the_command_line_reaches_the_terminal(library_dir, config_dir, tmp_path, draft):
    script = app_command("copy", draft, "--osc52") + '; echo "[copy exited $?]"; sleep 600'
    term = Terminal(f"sh -c {shlex.quote(script)}", cwd=tmp_path, env=app_env(library_dir, config_dir),
                    server_options=CLIPBOARD_ON)
    try:
        term.wait_for("[copy exited 0]")
        post = buffer(term)
    finally:
        term.close()
    assert post == exported(library_dir, config_dir, draft)
