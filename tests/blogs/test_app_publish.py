"""Publishing from the app: Export → Publish, and the palette's "Publish to …".

The writer picks an account in the Export dialog and presses Publish (f6):
the progress bar follows the uploads, the post's address shows as a link and
is copied, and the draft records the post. Run against the real WordPress
and the Ghost stand-in.
"""

from __future__ import annotations

import threading

from textual.widgets import Checkbox, ProgressBar, Select, Static

from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.export import ExportScreen
from reviewdesk.tui.widgets.publish_bar import PublishBar
from waiting import wait_for

BLOG = 30.0  # seconds: a publish talks to a real WordPress, images and all


def result_text(screen) -> str:
    return str(screen.query_one("#publish-result", Static).render())


def palette_options(app) -> str:
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    if not found:
        return ""
    options = found.first()
    return " ".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))


async def open_export(pilot) -> ExportScreen:
    await pilot.pause()
    await pilot.press("ctrl+g")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen), "the Export dialog")
    return pilot.app.screen


async def test_export_publishes_the_open_review_to_wordpress_and_shows_the_link(seed, library, wp_account, clipboard,
                                                                               monkeypatch):
    steps = []  # each step as the progress bar showed it
    original = PublishBar.on_publish_bar_progress

    def watch(bar, message):
        original(bar, message)
        shown = bar.query_one("#publish-progress", ProgressBar)
        steps.append((shown.progress, shown.total, message.what))

    monkeypatch.setattr(PublishBar, "on_publish_bar_progress", watch)
    app = ReviewDeskApp(library=library, open_slug=seed.slug)
    async with app.run_test(size=(140, 44)) as pilot:
        review_screen = app.screen
        screen = await open_export(pilot)
        assert screen.query_one("#publish-account", Select).value == "wordpress"
        await pilot.press("f6")
        await wait_for(pilot, lambda: "on WordPress" in result_text(screen), timeout=BLOG)

        record = review_screen.review.published["wordpress"]
        assert result_text(screen).startswith(f"Created on WordPress, a draft: {record.url} (copied)")
        assert clipboard == [record.url]
        assert wp_account.post(record.id)["status"] == "draft"
        assert [s[2] for s in steps] == ["signed in", "uploading metallic-rouge-episode-4-rouge-redstar.jpg",
                                         "uploading metallic-rouge-episode-7-naomi-orthmann.jpg", "sending the post"]
        assert [s[:2] for s in steps] == [(1, 4), (2, 4), (3, 4), (4, 4)]
        assert screen.query_one("#publish-progress", ProgressBar).has_class("-idle")
    # The open review saved the record with everything else.
    assert library.load(seed.slug).published["wordpress"].id == record.id


async def test_live_now_publishes_live_and_a_failure_is_shown_on_the_row(seed, library, library_dir, ghost, clipboard):
    app = ReviewDeskApp(library=library, open_slug=seed.slug)
    async with app.run_test(size=(140, 44)) as pilot:
        screen = await open_export(pilot)
        (library_dir / "images" / "metallic-rouge-episode-4-rouge-redstar.jpg").rename(library_dir / "away.jpg")
        await pilot.press("f6")
        await wait_for(pilot, lambda: "missing" in result_text(screen), timeout=BLOG)
        assert "metallic-rouge-episode-4-rouge-redstar.jpg" in result_text(screen)
        assert ghost.posts == {} and ghost.images == []

        (library_dir / "away.jpg").rename(library_dir / "images" / "metallic-rouge-episode-4-rouge-redstar.jpg")
        screen.query_one("#publish-live", Checkbox).value = True
        await pilot.press("f6")
        await wait_for(pilot, lambda: "live:" in result_text(screen), timeout=BLOG)
        (post,) = ghost.posts.values()
        assert post["status"] == "published"
        assert result_text(screen).startswith(f"Created on Ghost, live: {post['url']}")


async def test_the_palette_offers_publish_to_each_account_and_it_publishes(seed, library, ghost, clipboard):
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        selected = app.screen.selected_entry()
        assert "Publish to Ghost: ghost" in {c.title for c in app.get_system_commands(app.screen)}
        await pilot.press("ctrl+p")
        await pilot.press(*"Publish to Ghost")
        await wait_for(pilot, lambda: "Publish to Ghost: ghost" in palette_options(app), timeout=BLOG)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen) and "on Ghost" in result_text(app.screen),
                       timeout=BLOG)
        (post,) = ghost.posts.values()
        assert post["status"] == "draft" and post["title"] == selected.title
        assert clipboard == [post["url"]]
    assert library.load(selected.slug).published["ghost"].url == post["url"]


async def test_without_accounts_the_dialog_says_how_to_add_one(sample, library, monkeypatch):
    app = ReviewDeskApp(library=library, open_slug=sample.slug)
    said_aloud = []
    real_notify = app.notify
    monkeypatch.setattr(app, "notify", lambda message, **kw: (said_aloud.append(message), real_notify(message, **kw)))
    async with app.run_test(size=(140, 44)) as pilot:
        screen = await open_export(pilot)
        said = str(screen.query_one("#publish-none", Static).render())
        assert "no blog accounts yet (`reviewdesk accounts add --help`)" in said
        await pilot.press("f6")  # says how, sends nothing
        await wait_for(pilot, lambda: any("reviewdesk accounts add wordpress --site URL --user USER" in m
                                          for m in said_aloud), "how to add an account")


async def test_the_dialog_stays_open_while_publishing_and_the_draft_records_the_post(seed, library, ghost, clipboard):
    answer = threading.Event()
    ghost.fail("POST", "/ghost/api/admin/posts/", 0, until=answer)  # a slow blog: answers when let
    app = ReviewDeskApp(library=library, open_slug=seed.slug)
    async with app.run_test(size=(140, 44)) as pilot:
        review_screen = app.screen
        screen = await open_export(pilot)
        await pilot.press("f6")
        await wait_for(pilot, lambda: ghost.requests("POST", "/ghost/api/admin/posts/"), timeout=BLOG)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen  # not closed while the post is on its way
        answer.set()
        await wait_for(pilot, lambda: "on Ghost" in result_text(screen), timeout=BLOG)
        (post,) = ghost.posts.values()
        assert review_screen.review.published["ghost"].id == post["id"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is review_screen, timeout=BLOG)
