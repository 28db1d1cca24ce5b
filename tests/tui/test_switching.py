"""Switching questions: the footer keeps its keys while they are the same,
a first visit shows the end of the answer with the cursor there, Series
Information takes the focus in its first field, the sidebar follows."""

from __future__ import annotations

from reviewdesk.importer.markdown import import_file
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.library import LibraryScreen
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.footer import KeyFooter
from screen_styles import restyled_alike
from waiting import mounted, on_screen, wait_for

POST = """# Metallic Rouge (Season One)

An android hunts her own kind.

## What did you watch?

Bones' android noir.

## A word about the soundtrack

Brass and brushed drums all season.
"""


def shown(footer: KeyFooter) -> list[str]:
    """The footer's line as the writer reads it, split at its keys' labels."""
    return [entry.description for entry in footer.entries if entry.description in str(footer.render())]


async def test_the_footer_keeps_its_keys_across_questions_and_follows_a_change(library_dir, tmp_path):
    post = tmp_path / "old-post.md"
    post.write_text(POST)
    lib = Library(library_dir)
    slug = import_file(lib, post).review.slug
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await on_screen(pilot, ReviewScreen)
        assert screen.count == 10
        footer = await mounted(pilot, screen, KeyFooter)
        screen.go(0)
        await wait_for(pilot, lambda: screen.index == 0 and isinstance(app.focused, AnswerEditor)
                       and shown(footer), "the first answer and its keys")
        labels = shown(footer)
        assert "Next" in labels and "Move into a question" not in labels
        redrawn = 0
        original = footer.refresh

        def counted(*args, **kwargs):
            nonlocal redrawn
            redrawn += 1
            return original(*args, **kwargs)

        footer.refresh = counted
        for index in (1, 2, 3, 2):
            await pilot.press("ctrl+n" if index > screen.index else "ctrl+o")
            await wait_for(pilot, lambda: screen.index == index and isinstance(app.focused, AnswerEditor)
                           and app.focused.question_id == screen.pages[index].id, f"question {index + 1}")
            await pilot.pause()  # the switch's messages handled: a footer update would have come
            assert shown(footer) == labels
        assert redrawn == 0  # the same keys: the footer was left alone
        footer.refresh = original
        screen.go(9)  # the extra section: F4 joins the footer
        await wait_for(pilot, lambda: screen.on_extra and "Move into a question" in shown(footer), "F4 in the footer")
        screen.go(0)
        await wait_for(pilot, lambda: shown(footer) == labels, "the questions' keys again")
        assert not footer.children  # one line of text, no widget per key


LONG = "\n\n".join(f"Paragraph {n}: " + "the brass score carries the episode " * 12 for n in range(60))


async def test_a_first_visit_shows_the_end_of_a_long_answer_with_the_cursor_there(library_dir, write_draft):
    lib = Library(library_dir)
    review = write_draft(watched="An android noir from Bones.", thought=LONG)
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the review")
        index = [q.id for q in screen.pages].index("thought")
        frames: list[tuple] = []  # (scrolled to the end, text on its last row) per frame with the answer focused

        def frame() -> None:
            editor = app.focused
            if getattr(editor, "question_id", None) == "thought" and editor.region:
                last = editor.render_line(editor.size.height - 1).text
                frames.append((editor.scroll_y == editor.max_scroll_y > 0, last))

        app.post_display_hook = frame
        await pilot.press(*["ctrl+n"] * (index - screen.index))
        editor = await wait_for(pilot, lambda: frames and app.focused, "the long answer on screen")
        # Its first frame shows the end of the answer, not its top and then a jump.
        assert frames[0][0]
        await pilot.press(*" typed")
        await wait_for(pilot, lambda: editor.text.endswith(" typed"), "the keys in the answer")
        assert editor.text == LONG + " typed" == screen.review.peek("thought").text
        assert editor.cursor_location == (LONG.count("\n"), len(LONG.split("\n")[-1]) + len(" typed"))
        await wait_for(pilot, lambda: frames[-1][1].rstrip().endswith("typed"), "the typed word on the last row")
        assert editor.region.contains(*app.cursor_position)


async def test_the_first_resume_leaves_every_widget_styled_as_a_full_restyle_would(library_dir, write_draft):
    lib = Library(library_dir)
    review = write_draft(watched="An android noir from Bones.")
    for size in ((160, 40), (100, 30), (70, 24)):
        app = ReviewDeskApp(library=lib, open_slug=review.slug)
        async with app.run_test(size=size) as pilot:
            screen = await on_screen(pilot, ReviewScreen)
            await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer focused")
            await pilot.pause()
            assert await restyled_alike(pilot, screen), size


async def test_series_information_takes_the_focus_in_its_first_field_never_in_the_form(library_dir, write_draft):
    from reviewdesk.tui.widgets.info_form import InfoForm

    lib = Library(library_dir)
    review = write_draft()
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the review")
        form = await wait_for(pilot, lambda: screen.query(InfoForm).first() if screen.query(InfoForm) else None,
                           "the form, made once the screen settled")
        focused: list[bool] = []
        screen.watch(form, "has_focus", focused.append, init=False)
        screen.go(screen.count - 1)
        await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor), "the last question's editor")
        for _ in range(2):  # first visit, then a revisit
            await pilot.press("ctrl+n")
            await wait_for(pilot, lambda: screen.on_info and app.focused is form.first_input(), "the first field")
            await pilot.press("ctrl+o")
            await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor), "the editor again")
        assert True not in focused  # the form itself never held it: no restyle of every field


async def test_the_first_frame_of_a_review_has_the_cursor_in_the_answer_and_no_form_yet(draft):
    lib, _slug = draft
    app = ReviewDeskApp(library=lib)
    frames: list[tuple[str, int]] = []  # (focused widget, Series Information forms) per frame shown
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.query("#reviews"),
                    "the library's list")

        def frame() -> None:
            if isinstance(app.screen, ReviewScreen):
                frames.append((type(app.focused).__name__, len(app.screen.query("#pane-info"))))

        app.post_display_hook = frame
        await pilot.press("enter", *"Bones")
        screen = await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the review")
        await wait_for(pilot, lambda: app.focused.text == "Bones", "the keys in the answer")
        # A key typed as the screen appears goes into the answer, never the
        # question list; and the form, some forty widgets, waits until wanted.
        assert frames and frames[0] == ("AnswerEditor", 0)
        assert isinstance(app.focused, AnswerEditor) and app.focused.question_id == "happened"
        assert screen.query_one("#questions").highlighted == 1


async def test_series_information_is_made_when_first_wanted_and_takes_the_focus(draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        screen.go(screen.count)  # before the screen has settled: the form is made now
        field = await wait_for(pilot, lambda: getattr(app.focused, "id", None) == "info-english_title" and app.focused,
                            "the first field")
        assert screen.on_info
        await pilot.press(*"Metallic Rouge")
        await wait_for(pilot, lambda: screen.review.info.get("english_title") == "Metallic Rouge", "the title kept")
        screen.go(0)
        await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor), "the first answer")
        screen.go(screen.count)  # the same form again, with what was typed
        await wait_for(pilot, lambda: app.focused is field, "the first field again")
        assert len(screen.query("#pane-info")) == 1
        assert field.value == "Metallic Rouge"


async def test_a_switch_shows_the_word_count_of_the_answer_left(library_dir, write_draft):
    lib = Library(library_dir)
    review = write_draft(watched="An android noir.", happened="Rouge hunts the Immortal Nine.")
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the review")
        screen.go(1)
        await wait_for(pilot, lambda: getattr(app.focused, "question_id", None) == "happened", "question 2")
        sidebar = screen.query_one("#questions")
        await pilot.press(*" Bones")
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: screen.index == 0, "question 1")
        assert "6/300 words" in str(sidebar.get_option_at_index(1).prompt)
