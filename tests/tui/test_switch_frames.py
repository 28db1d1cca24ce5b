"""What the frames that show a question switch hold: the new question, the
terminal's cursor where its cursor is once it is laid out; the sidebar
entries that changed; a line more in the answer or in the preview."""

from __future__ import annotations

from textual.widgets import Input

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.preview import PostPreview
from drawn import rendered_text
from waiting import wait_for

PARAGRAPH = "The brass score carries the episode and the fights land with real weight. " * 3
ANSWERS = ("watched", "happened", "thought", "favourite_moment", "least_favourite_moment")
TITLE = "Metallic Rouge: The Complete First Season of the Android Noir"  # longer than its field


def long_review(library_dir):
    """Every answer long enough that the preview scrolls at each switch."""
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    for n, qid in enumerate(ANSWERS):
        review.set_answer(qid, "\n\n".join(f"{qid} {p}. {PARAGRAPH}" for p in range(12 + n)))
    lib.save(review)
    return lib, review.slug


class Frames:
    """Each frame the app draws on the review screen: (focused widget,
    terminal cursor, where the focused widget's cursor is)."""

    def __init__(self, app) -> None:
        self.frames: list[tuple] = []

        def frame() -> None:
            if isinstance(app.screen, ReviewScreen):
                focused = app.focused
                want = getattr(focused, "cursor_screen_offset", None)
                self.frames.append((focused, tuple(app.cursor_position), want and tuple(want)))

        app.post_display_hook = frame

    def with_focus(self, widget) -> list[tuple]:
        return [frame for frame in self.frames if frame[0] is widget]


async def settled(app, pilot) -> ReviewScreen:
    """The review screen once its preview is filled and its form made."""
    screen = await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the review")
    preview = screen.query_one(PostPreview)
    await wait_for(pilot, lambda: screen.query("#pane-info") and preview.section("others") is not None
                and not preview.rendering(), "the screen to settle")
    return screen


async def test_a_switch_after_the_preview_scrolled_puts_the_cursor_in_the_answer(library_dir):
    lib, slug = long_review(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await settled(app, pilot)
        assert screen.preview_on
        screen.go(0)
        await wait_for(pilot, lambda: getattr(app.focused, "question_id", None) == ANSWERS[0], "the first answer")
        frames = Frames(app)
        preview = screen.query_one(PostPreview)
        for key in ("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+o", "ctrl+o", "ctrl+n"):
            scrolled = preview.scroll_y
            frames.frames.clear()
            index = screen.index + (1 if key == "ctrl+n" else -1)
            await pilot.press(key)
            editor = await wait_for(pilot, lambda: getattr(app.focused, "question_id", None) == ANSWERS[index]
                                 and frames.with_focus(app.focused) and app.focused, "the next answer, drawn")
            assert preview.scroll_y != scrolled  # the preview followed to the question
            # The terminal's cursor goes to the end of the answer once the
            # answer is laid out, and stays there.
            await wait_for(pilot, lambda: frames.with_focus(editor)[-1][1] == tuple(editor.cursor_screen_offset),
                        "the terminal's cursor at the answer's")
            assert editor.region.contains(*app.cursor_position)
            # At most the switch's own frame (and a display with nothing new
            # to draw) had it where the answer was when it was last hidden.
            assert sum(cursor != want for _, cursor, want in frames.with_focus(editor)) <= 2


async def test_series_information_shows_with_the_cursor_after_the_title(library_dir):
    lib, slug = long_review(library_dir)
    review = lib.load(slug)
    review.set_info(next(f for f in lib_template(review).info if f.id == "english_title"), TITLE)
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await settled(app, pilot)
        screen.go(screen.count - 1)
        await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor), "the last answer")
        frames = Frames(app)
        for visit in ("first", "again"):
            frames.frames.clear()
            await pilot.press("ctrl+n")
            field = await wait_for(pilot, lambda: isinstance(app.focused, Input) and app.focused, "a field")
            assert field.id == "info-english_title", visit
            # The first frame with the field focused has the terminal's cursor
            # in it, after the title, the end of the title scrolled into view.
            await wait_for(pilot, lambda: frames.with_focus(field), "a frame with the field focused")
            _, cursor, want = frames.with_focus(field)[0]
            assert cursor == want, visit
            assert field.cursor_position == len(TITLE)
            assert field.scroll_x == field.max_scroll_x > 0, visit
            x, y = app.cursor_position
            assert (x, y) == tuple(field.cursor_screen_offset), visit
            assert y == field.region.y and field.region.x < x <= field.region.right, visit
            await pilot.press("ctrl+o")
            await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor), "the last answer again")


def lib_template(review):
    from reviewdesk.review.template import load_template

    return load_template(review.template)


def sidebar_rows(sidebar) -> list[tuple[str, object]]:
    """The sidebar as it draws itself: each row's text and background."""
    rows = []
    for y in range(sidebar.size.height):
        strip = sidebar.render_line(y)
        segments = [s for s in strip if s.text.strip()]
        rows.append((strip.text, segments[0].style.bgcolor if segments else None))
    return rows


async def test_the_sidebar_shows_the_new_highlight_and_the_new_word_count_after_a_switch(library_dir):
    lib, slug = long_review(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await settled(app, pilot)
        screen.go(0)
        await wait_for(pilot, lambda: getattr(app.focused, "question_id", None) == ANSWERS[0], "the first answer")
        sidebar = screen.query_one("#questions")
        highlight = sidebar.get_visual_style("option-list--option-highlighted").rich_style.bgcolor

        def highlighted_rows() -> list[str]:
            return [text.strip() for text, bg in sidebar_rows(sidebar) if text.strip() and bg == highlight]

        before = highlighted_rows()
        assert before and before[0].startswith("◐ 1.")
        words = screen.review.peek("watched").words
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: highlighted_rows() and highlighted_rows()[0].startswith("◐ 2."), "entry 2 lit")
        assert not any(r.startswith("◐ 1.") for r in highlighted_rows())
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: screen.index == 0 and isinstance(app.focused, AnswerEditor), "the first answer")
        await pilot.press(*" three more words")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: any(f"{words + 3:,}" in text for text, _ in sidebar_rows(sidebar)),
                    "the new word count")
        assert not any(f"{words:,} words" in text for text, _ in sidebar_rows(sidebar))


async def test_an_answer_growing_past_the_editor_scrolls_to_the_line_being_written(library_dir, write_draft):
    lib = Library(library_dir)
    review = write_draft(watched="An android noir.")
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await settled(app, pilot)
        screen.preview_on = False
        screen.go(0)
        editor = await wait_for(pilot, lambda: getattr(app.focused, "question_id", None) == "watched" and app.focused,
                             "the first answer")
        editor.move_cursor(editor.document.end)
        lines = await wait_for(pilot, lambda: editor.size.height, "the editor laid out") + 5
        for n in range(lines):
            await pilot.press("enter", *f"line{n}")
        last = f"line{lines - 1}"
        await wait_for(pilot, lambda: editor.text.endswith(last), "the keys in the answer")
        # A scrollbar appears as the answer outgrows the editor.
        await wait_for(pilot, lambda: editor.show_vertical_scrollbar, "the editor's scrollbar")
        assert editor.vertical_scrollbar.window_virtual_size == editor.virtual_size.height
        assert editor.scroll_y == editor.max_scroll_y > 0  # the last line, being written, is in view
        assert editor.region.contains(*app.cursor_position)
        assert tuple(app.cursor_position) == tuple(editor.cursor_screen_offset)
        shown = [editor.render_line(y).text for y in range(editor.size.height)]
        assert any(last in line for line in shown)


async def test_a_paragraph_that_gains_a_line_in_the_preview_grows_its_section(library_dir):
    lib, slug = long_review(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await settled(app, pilot)
        screen.go(2)
        editor = await wait_for(pilot, lambda: getattr(app.focused, "question_id", None) == "thought" and app.focused,
                             "the third answer")
        editor.move_cursor(editor.document.end)
        section = screen.query_one(PostPreview).section("q:thought")
        def height() -> int:
            return sum(chunk.outer_size.height for chunk in section.chunks)

        before = height()
        editor.insert(" And a sentence long enough to need a line more in the preview, zqend.")
        await wait_for(pilot, lambda: "zqend" in rendered_text(*section.chunks) and height() > before,
                    "the sentence in the preview, a line taller")
