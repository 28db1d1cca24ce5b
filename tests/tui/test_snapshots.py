"""Snapshots of every screen a writer meets, at 120x40 and at 80x24.

The data is fixed: drafts are written with fixed created/updated times (far
in the past, so the library's "Edited" column shows a date, not "2 min
ago"), the broken file gets a fixed modification time, the export folder is
a fixed path, cursors do not blink, and each snapshot waits for the preview
and the workers to finish before it is taken.

Update after a deliberate UI change with
``pytest tests/tui/test_snapshots.py --snapshot-update``, then look at every
changed SVG (``rsvg-convert x.svg -o x.png``) before committing it.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reviewdesk.review import draftfile
from reviewdesk.review.library import Library
from reviewdesk.review.model import Review
from reviewdesk.review.template import load_template
from reviewdesk.tui.app import ReviewDeskApp
from waiting import wait_for

SIZES = {"wide": (120, 40), "small": (80, 24)}
EXPORT_FOLDER = Path("/home/writer/blog")

# Noon UTC: the same calendar day in every time zone the date is shown in.
ROUGE_TIME = datetime(2024, 4, 14, 12, 0, tzinfo=timezone.utc)
DUNGEON_TIME = datetime(2024, 4, 2, 12, 0, tzinfo=timezone.utc)
SOLO_TIME = datetime(2024, 3, 20, 12, 0, tzinfo=timezone.utc)
BROKEN_TIME = datetime(2024, 3, 9, 12, 0, tzinfo=timezone.utc)
FRIEREN_TIME = datetime(2024, 1, 5, 12, 0, tzinfo=timezone.utc)

ROUGE_ANSWERS = {
    "watched": (
        "*Metallic Rouge* is the original anime Studio Bones made for its 25th anniversary. "
        "It is set on a colonised Mars where androids, the Neans, do most of the work.\n\n"
        "I picked it up on the strength of the studio alone."
    ),
    "happened": (
        "The first half plays as a monster of the week: Rouge and Naomi track one of the "
        "Immortal Nine through a different corner of Mars each episode."
    ),
    "thought": (
        "Mixed feelings. Visually it is one of the best-looking shows of the year.\n\n"
        "- **Looks:** superb\n- **Sound:** a brass-heavy score\n- **Story:** too often a lecture"
    ),
    "favourite_moment": (
        "Episode 4, without hesitation. Rouge walks into a crowded theatre to confront one of "
        "the Nine, and instead of the fight we expect, the two of them end up watching the "
        "performance side by side.\n\n"
        "When the fight finally breaks out on the stage itself, the animation goes all out: "
        "sparks, smoke, the orchestra still playing."
    ),
    "least_favourite_moment": (
        "The exposition dump in episode 10. Two characters stand in a room and explain the "
        "history of the Neans for most of the runtime."
    ),
}

BROKEN_TOML = 'format = 1\ntemplate = "anime-season"\ntitle = "Oshi no Ko\nseason = "Spring 2023"\n'


def _write(library: Path, slug: str, review: Review) -> None:
    (library / f"{slug}.toml").write_text(draftfile.dumps(review), encoding="utf-8")


def _review(title: str, season: str, when: datetime, **fields) -> Review:
    return Review(template="anime-season", title=title, season=season, created=when, updated=when, **fields)


def write_library(library: Path) -> None:
    """Four drafts (one far along, one published, one started, one empty) and a broken file."""
    template = load_template("anime-season")

    rouge = _review("Metallic Rouge (Season One)", "Winter 2024", ROUGE_TIME, status="draft", tagline=(
        "On a Mars where humans live alongside androids called Neans, the android Rouge Redstar "
        "hunts the Immortal Nine."))
    for qid, text in ROUGE_ANSWERS.items():
        rouge.set_answer(qid, text)
    for qid in ("watched", "happened"):
        rouge.set_done(qid)
    rouge.add_image("favourite_moment", "images/metallic-rouge-episode-4.jpg",
                    "Metallic Rouge Episode 4 Rouge Redstar")
    for label, value in [("English Title", "Metallic Rouge"), ("Japanese Title", "メタリックルージュ"),
                         ("Medium", "TV series"), ("Episodes", "13"), ("Animation Studios", "Bones")]:
        rouge.set_info(template.info_field(label), value)
    _write(library, "metallic-rouge-season-one", rouge)

    dungeon = _review("Delicious in Dungeon (Season One)", "Winter 2024", DUNGEON_TIME, status="published",
                      url="https://animeblog.example/2024/04/delicious-in-dungeon/")
    for q in template.questions:
        dungeon.set_answer(q.id, f"Notes on {q.heading.lower()} A dungeon, a cook and a dragon.")
        dungeon.set_done(q.id)
    _write(library, "delicious-in-dungeon-season-one", dungeon)

    solo = _review("Solo Leveling", "Winter 2024", SOLO_TIME)
    solo.set_answer("watched", "A few notes on Solo Leveling to finish later.")
    _write(library, "solo-leveling", solo)

    frieren = _review("Frieren: Beyond Journey's End", "Fall 2023", FRIEREN_TIME,
                      tagline="An elf mage outlives her party and sets out to understand them.")
    _write(library, "frieren-beyond-journeys-end", frieren)

    broken = library / "oshi-no-ko.toml"
    broken.write_text(BROKEN_TOML, encoding="utf-8")
    os.utime(broken, (BROKEN_TIME.timestamp(), BROKEN_TIME.timestamp()))


@pytest.fixture
def drafts(library_dir) -> Path:
    write_library(library_dir)
    return library_dir


def make_app(library_dir: Path, open_slug: str | None = None) -> ReviewDeskApp:
    app = ReviewDeskApp(library=Library(library_dir), open_slug=open_slug)
    app.export_folder = EXPORT_FOLDER  # the proposed file name must not show this machine's cwd
    return app


async def settle(pilot: Pilot) -> None:
    """Wait until the screen has stopped changing: workers, preview, cursors."""
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()
    await wait_for(pilot, lambda: _preview_filled(app), "the preview to fill", timeout=10)
    await app.workers.wait_for_complete()
    for screen in app.screen_stack:
        for widget in screen.query("TextArea, Input"):
            assert isinstance(widget, (TextArea, Input))
            widget.cursor_blink = False  # shown steadily where focused, hidden elsewhere
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def _preview_filled(app) -> bool:
    """True when no review screen is waiting for its preview to fill."""
    from reviewdesk.tui.screens.review import ReviewScreen
    from reviewdesk.tui.widgets.preview import PostPreview

    for screen in app.screen_stack:
        if isinstance(screen, ReviewScreen) and screen.preview_on:
            preview = screen.query_one(PostPreview)
            # "others" is the last part shown, after the season's reviews are read.
            if preview.section("others") is None:
                return False
    return True


def steps(*keys: str):
    """A run_before that presses ``keys`` one by one, then waits for a still screen."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if keys:
            await settle(pilot)

    return run_before


def check(snap_compare, app, size: str, *keys: str) -> None:
    assert snap_compare(app, terminal_size=SIZES[size], run_before=steps(*keys))


# Library -------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
def test_library_empty(snap_compare, library_dir, size):
    """A first-time writer: the welcome and the key to start a review."""
    check(snap_compare, make_app(library_dir), size)


@pytest.mark.parametrize("size", SIZES)
def test_library_with_drafts(snap_compare, drafts, size):
    """Newest first; the broken file is listed as broken with its line and column."""
    check(snap_compare, make_app(drafts), size)


@pytest.mark.parametrize("size", SIZES)
def test_library_broken_selected(snap_compare, drafts, size):
    """The cursor on the broken file: the detail line says why it cannot be opened."""
    check(snap_compare, make_app(drafts), size, "down", "down", "down")


# Review screen -------------------------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
def test_review_first_question(snap_compare, drafts, size):
    """A review with no answers opens at question 1, the editor empty and focused."""
    check(snap_compare, make_app(drafts, open_slug="frieren-beyond-journeys-end"), size)


@pytest.mark.parametrize("size", SIZES)
def test_review_middle_question(snap_compare, drafts, size):
    """Back one from the first unanswered question: question 5 of 9, with its text."""
    check(snap_compare, make_app(drafts, open_slug="metallic-rouge-season-one"), size, "ctrl+o")


@pytest.mark.parametrize("size", SIZES)
def test_review_series_information(snap_compare, drafts, size):
    """Series Information after the nine questions, partly filled."""
    check(snap_compare, make_app(drafts, open_slug="metallic-rouge-season-one"), size,
          "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n")


# Export --------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
def test_export_modal(snap_compare, drafts, size):
    """ctrl+g from a half-written review: the Markdown, the warnings, copy and save."""
    check(snap_compare, make_app(drafts, open_slug="metallic-rouge-season-one"), size, "ctrl+g")


@pytest.mark.parametrize("size", SIZES)
def test_export_modal_with_a_blog_account(snap_compare, drafts, monkeypatch, size):
    """With a Ghost account: the Publish row (account, live or not, the button). Nothing is sent."""
    monkeypatch.setenv("REVIEWDESK_GHOST_URL", "https://ghost.example")
    monkeypatch.setenv("REVIEWDESK_GHOST_ADMIN_KEY", "6489b1f2a3c4d5e6f7a8b9c0:" + "8f" * 32)
    check(snap_compare, make_app(drafts, open_slug="metallic-rouge-season-one"), size, "ctrl+g")


# Images --------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
def test_images_dialog(snap_compare, drafts, size):
    """ctrl+f on question 4, which has an image: it is highlighted, the list has the focus,
    the examples read as examples, the buttons are whole and the footer shows the dialog's keys."""
    check(snap_compare, make_app(drafts, open_slug="metallic-rouge-season-one"), size,
          "ctrl+o", "ctrl+o", "ctrl+f")


# The writer's desk ---------------------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
def test_focus_mode(snap_compare, drafts, size):
    """F8: only the question and its editor, centred; the footer says Escape leaves focus mode."""
    check(snap_compare, make_app(drafts, open_slug="metallic-rouge-season-one"), size, "ctrl+o", "f8")


@pytest.mark.parametrize("size", SIZES)
def test_season_overview(snap_compare, drafts, size):
    """s on a Winter 2024 review: every review of the season and what each has left."""
    check(snap_compare, make_app(drafts), size, "s")


@pytest.mark.parametrize("size", SIZES)
def test_keys_dialog(snap_compare, drafts, size):
    """F1 on a question: every key of the review screen, from its bindings."""
    check(snap_compare, make_app(drafts, open_slug="metallic-rouge-season-one"), size, "ctrl+o", "f1")


@pytest.mark.parametrize("size", SIZES)
def test_new_review_dialog(snap_compare, drafts, size):
    """n: title, season, template and tagline, the examples dimmed."""
    check(snap_compare, make_app(drafts), size, "n")


@pytest.mark.parametrize("size", SIZES)
def test_import_dialog(snap_compare, drafts, size):
    """i: the Markdown file to import, from the folder the app was started in (a fixed one here)."""
    app = make_app(drafts)
    app.import_folder = Path("/home/writer/posts")
    check(snap_compare, app, size, "i")


@pytest.mark.parametrize("size", SIZES)
def test_history_dialog(snap_compare, drafts, size):
    """F5 on a review: its versions."""
    check(snap_compare, make_app(drafts, open_slug="metallic-rouge-season-one"), size, "f5")


@pytest.mark.parametrize("size", SIZES)
def test_move_dialog(snap_compare, drafts, size):
    """F4 on text kept from an import: the question to move it into."""
    library = Library(drafts)
    review = library.load("solo-leveling")
    review.set_answer("a_word_about_the_soundtrack", "Brass and brushed drums all season.")
    _write(drafts, "solo-leveling", review)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        screen.go(len(screen.template.questions))  # the extra section, after the nine questions
        await pilot.pause()
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(make_app(drafts, open_slug="solo-leveling"), terminal_size=SIZES[size],
                        run_before=run_before)


# The editing session's questions ----------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
def test_recovery_question(snap_compare, drafts, size):
    """Opened after a crash: the answers with unsaved text, Recover focused."""
    from reviewdesk.review.journal import Journal

    journal = Journal(Library(drafts), "solo-leveling", owner="999999999-1")  # a window that is gone
    journal.record("happened", "Jinwoo wakes up in a hospital bed with a quest screen in front of him.")
    journal.flush()
    check(snap_compare, make_app(drafts, open_slug="solo-leveling"), size)


@pytest.mark.parametrize("size", SIZES)
def test_conflict_question(snap_compare, drafts, size):
    """Both this window and another changed the same answer: the difference, Keep mine focused."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.focused.insert("Jinwoo fights his way up from the weakest hunter.")
        library = Library(drafts)
        other = library.load("solo-leveling")
        other.set_answer("happened", "The other window's summary of the first arc.")
        library.save(other)
        await pilot.press("ctrl+s")
        # The question list shows question 2 as started (its mark follows the
        # typing after a pause: wait for it, whatever the machine's load).
        questions = pilot.app.screen_stack[-2].query_one("#questions")
        await wait_for(pilot, lambda: "◐" in str(questions.get_option_at_index(1).prompt),
                       "question 2 marked started", timeout=10)
        await settle(pilot)

    assert snap_compare(make_app(drafts, open_slug="solo-leveling"), terminal_size=SIZES[size],
                        run_before=run_before)
