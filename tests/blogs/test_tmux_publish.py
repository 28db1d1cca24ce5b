"""The writer's path, end to end: the real app in tmux publishes to the real WordPress.

Open the review, ctrl+g for Export, f6 to publish: the screen shows the
post's address, WordPress has the draft with its images, and the draft file
records it. Every wait polls the screen, the blog or the file until a deadline.
"""

from __future__ import annotations

import shutil

import pytest

from blogs.wordpress_site import environment
from terminal import Terminal, app_command, app_env, read_draft

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed: the end-to-end tests drive the app in a real terminal"),
]


def test_open_export_and_publish_to_wordpress(seed, library, library_dir, config_dir, wp_account, tmp_path):
    wordpress = wp_account
    env = {**app_env(library_dir, config_dir), **environment(wordpress)}
    term = Terminal(app_command("open", seed.slug), cwd=tmp_path, env=env, width=140, height=44)
    try:
        term.wait_for("What did you watch?")
        term.keys("C-g")
        term.wait_for("Publish to WordPress: wordpress", "Publish (f6)")
        term.keys("F6")
        screen = term.wait_for("Created on WordPress, a draft:", timeout=60)
        draft = term.wait_until(lambda: (read_draft(library.path_for(seed.slug)) or {}).get("published"),
                                "the draft to record the post")
        record = draft["wordpress"]
        assert record["url"] in screen.replace("\n", "")
        post = wordpress.post(record["id"])
        assert post["status"] == "draft" and post["title"]["raw"] == seed.title
        assert post["content"]["raw"].count(f"{wordpress.url}/wp-content/uploads/") == 2
    finally:
        term.close()
