"""The whole path a writer walks, driven with Pilot: new review to copied post."""

from __future__ import annotations

import tomllib

from textual.widgets import Input

from reviewdesk.review.library import Library
from reviewdesk.review.template import load_template
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.widgets.review_table import ReviewTable
from reviewdesk.tui.screens.export import ExportScreen
from reviewdesk.tui.screens.images import ImagesScreen
from reviewdesk.tui.screens.library import LibraryScreen
from reviewdesk.tui.screens.new_review import NewReviewScreen
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor

ANSWERS = [
    "I watched **Metallic Rouge**, Bones' android noir.\n\nIt streams weekly.",
    "Rouge hunts the Immortal Nine across a Mars colony.",
    "Gorgeous fights, a muddled middle, a brave ending.",
    "The duel on the tram in episode 4.",
    "The recap episode | it stalled everything.",
    "Naomi, the sardonic partner who steals every scene.",
    "Jean, whose turn never lands.",
    "Yes: a second season could fix the pacing.",
    "That style can carry a show further than plot.",
]


async def type_answer(pilot, text: str) -> None:
    editor = pilot.app.focused
    assert isinstance(editor, AnswerEditor), f"the cursor should be in an editor, not {editor!r}"
    editor.insert(text)
    await pilot.pause()


async def test_a_writer_walks_from_new_review_to_copied_post(library_dir, clipboard):
    app = ReviewDeskApp(library=Library(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        # A first-time writer is greeted and offered a new review.
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#welcome").display
        await pilot.press("n")
        assert isinstance(app.screen, NewReviewScreen)
        await pilot.press(*"Metallic Rouge (Season One)", "enter")
        await pilot.press(*"Winter 2024", "enter")
        app.focused.value = "An android hunts her own kind."  # the tagline: long text, set directly
        await pilot.press("enter")
        await pilot.pause()

        # Straight into the first question, cursor in its editor.
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.index == 0
        assert "Question 1 of 9" in str(screen.query_one("#q-meta").render())

        # Answer every question, moving on with the next-question key from inside the editor.
        for n, text in enumerate(ANSWERS):
            assert screen.index == n
            await type_answer(pilot, text)
            await pilot.press("ctrl+n")
            await pilot.pause()

        # After the ninth question comes Series Information, cursor in its first input.
        assert screen.on_info
        assert isinstance(app.focused, Input)
        episodes = screen.query_one("#info-episodes", Input)
        episodes.focus()
        await pilot.press(*"13")
        studios = screen.query_one("#info-animation_studios", Input)
        studios.focus()
        studios.value = "Bones, Studio Two"
        await pilot.pause()

        # Back to the fourth question with the previous-question key, and add an image.
        for _ in range(6):
            await pilot.press("ctrl+o")
        assert screen.index == 3
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, ImagesScreen)
        await pilot.press(*"images/ep4.png", "enter")
        app.focused.value = "Metallic Rouge Episode 4 Rouge Redstar"
        await pilot.press("enter")
        await pilot.press("escape")
        assert app.screen is screen

        # Export shows the final Markdown; copy puts it on the clipboard.
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        markdown = app.screen.markdown
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert clipboard == [markdown]
        await pilot.press("escape")
        await pilot.press("ctrl+q")

    # Every word is on disk.
    data = tomllib.loads((library_dir / "metallic-rouge-season-one.toml").read_text())
    template = load_template("anime-season")
    for q, text in zip(template.questions, ANSWERS):
        assert data["answers"][q.id]["text"] == text
        assert text in markdown
    assert data["info"]["episodes"] == 13
    assert data["info"]["animation_studios"] == ["Bones", "Studio Two"]
    assert data["answers"]["favourite_moment"]["images"] == [
        {"src": "images/ep4.png", "caption": "Metallic Rouge Episode 4 Rouge Redstar"}]
    assert "![Metallic Rouge Episode 4 Rouge Redstar](images/ep4.png)" in markdown
    assert "| Episodes | 13 |" in markdown
    assert data["tagline"] == "An android hunts her own kind."

    # Reopening shows the same state: the library row, then the answers in their editors.
    app = ReviewDeskApp(library=Library(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#reviews", ReviewTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.cells_of(0)]
        assert row[0] == "Metallic Rouge (Season One)" and row[1] == "Winter 2024"
        assert "9/9" in row[3]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        for n, text in enumerate(ANSWERS):
            screen.go(n)
            await pilot.pause()
            assert app.focused.text == text
