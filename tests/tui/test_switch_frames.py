"""What the frame that shows a question switch holds, and what making it
cost: the new question with the terminal's cursor where its cursor is, after
one arrangement of the screen; the sidebar entries that changed redrawn; a
line more in the answer or in the preview without a second layout."""

from __future__ import annotations

from textual.widgets import Input

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens import review_preview
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.preview import PostPreview

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
    terminal cursor, where the focused widget's cursor is, full arrangements
    of the screen since the last frame)."""

    def __init__(self, app) -> None:
        self.app = app
        self.frames: list[tuple] = []
        self.arranged = 0
        shown = app._display

        def display(screen, renderable):
            shown(screen, renderable)
            if renderable is not None and isinstance(app.screen, ReviewScreen):
                focused = app.focused
                want = getattr(focused, "cursor_screen_offset", None)
                self.frames.append((focused, tuple(app.cursor_position), want and tuple(want), self.arranged))
                self.arranged = 0

        app._display = display

    def watch(self, screen) -> None:
        compositor = screen._compositor
        arrange = compositor._arrange_root

        def counting(root, size, visible_only=True):
            if not visible_only:
                self.arranged += 1
            return arrange(root, size, visible_only)

        compositor._arrange_root = counting

    def first_with(self, widget) -> tuple:
        return next(frame for frame in self.frames if frame[0] is widget)


async def settled(app, pilot) -> ReviewScreen:
    screen = app.screen
    for _ in range(100):
        if screen._settled and not screen._filling and not any(w.is_running for w in app.workers):
            break
        await pilot.pause(0.1)
    await pilot.pause(0.3)
    return screen


async def test_a_switch_after_the_preview_scrolled_is_one_arrangement_with_the_cursor_in_the_answer(library_dir):
    lib, slug = long_review(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await settled(app, pilot)
        assert screen.preview_on
        screen.go(0)
        await pilot.pause(0.5)
        frames = Frames(app)
        frames.watch(screen)
        preview = screen.query_one(PostPreview)
        for key in ("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+o", "ctrl+o", "ctrl+n"):
            scrolled = preview.scroll_y
            frames.frames.clear()
            frames.arranged = 0
            await pilot.press(key)
            await pilot.pause(0.4)
            editor = app.focused
            assert isinstance(editor, AnswerEditor) and editor.question_id == ANSWERS[screen.index]
            assert preview.scroll_y != scrolled  # the preview followed to the question
            _, cursor, want, arranged = frames.first_with(editor)
            # The terminal's cursor is at the end of the answer, in the frame
            # that first shows it: after one arrangement of the screen.
            assert cursor == want == tuple(editor.cursor_screen_offset)
            assert editor.region.contains(*cursor)
            assert arranged == 1, key


async def test_series_information_shows_with_the_cursor_after_the_title_in_its_first_frame(library_dir):
    lib, slug = long_review(library_dir)
    review = lib.load(slug)
    review.set_info(next(f for f in lib_template(review).info if f.id == "english_title"), TITLE)
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await settled(app, pilot)
        assert screen.query("#pane-info")  # made, hidden, once the screen settled
        screen.go(screen.count - 1)
        await pilot.pause(0.5)
        frames = Frames(app)
        frames.watch(screen)
        for visit in ("first", "again"):
            frames.frames.clear()
            frames.arranged = 0
            await pilot.press("ctrl+n")
            await pilot.pause(0.4)
            field = app.focused
            assert isinstance(field, Input) and field.id == "info-english_title", visit
            # The frame that shows the form has the focus in its first field
            # (no frame with no focus before it), the terminal's cursor after
            # the title, scrolled into the field.
            shown = [frame for frame in frames.frames if not isinstance(frame[0], AnswerEditor)]
            assert shown and shown[0][0] is field, visit  # never a frame with no focus
            _, cursor, want, arranged = shown[0]
            assert cursor == want, visit
            assert field.cursor_position == len(TITLE)
            assert arranged == 1, visit
            # Once settled: the end of the title in view, the terminal's
            # cursor just after it (where Textual puts it), on the field's row.
            assert field.scroll_x == field.max_scroll_x > 0, visit
            x, y = app.cursor_position
            assert (x, y) == tuple(field.cursor_screen_offset), visit
            assert y == field.region.y and field.region.x < x <= field.region.right, visit
            await pilot.press("ctrl+o")
            await pilot.pause(0.4)
            assert isinstance(app.focused, AnswerEditor)


def lib_template(review):
    from reviewdesk.review.template import load_template

    return load_template(review.template)


def sidebar_rows(app, screen) -> list[tuple[str, object]]:
    """The sidebar as the terminal gets it: each row's text and background."""
    sidebar = screen.query_one("#questions")
    region = sidebar.region
    strips = screen._compositor.render_strips()
    rows = []
    for y in range(region.y, region.bottom):
        strip = strips[y].crop(region.x, region.right)
        segments = [s for s in strip if s.text.strip()]
        rows.append(("".join(s.text for s in strip), segments[0].style.bgcolor if segments else None))
    return rows


async def test_the_sidebar_shows_the_new_highlight_and_the_new_word_count_after_a_switch(library_dir):
    lib, slug = long_review(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await settled(app, pilot)
        screen.go(0)
        await pilot.pause(0.3)
        sidebar = screen.query_one("#questions")
        highlight = sidebar.get_visual_style("option-list--option-highlighted").rich_style.bgcolor

        def highlighted_rows() -> list[str]:
            return [text.strip() for text, bg in sidebar_rows(app, screen) if text.strip() and bg == highlight]

        before = highlighted_rows()
        assert before and before[0].startswith("◐ 1.")
        words = screen.review.peek("watched").words
        await pilot.press("ctrl+n")
        await pilot.pause(0.3)
        rows = highlighted_rows()
        assert rows and rows[0].startswith("◐ 2.") and not any(r.startswith("◐ 1.") for r in rows)
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        await pilot.press(*" three more words")
        await pilot.press("ctrl+n")
        await pilot.pause(0.3)
        texts = [text for text, _ in sidebar_rows(app, screen)]
        assert any(f"{words + 3:,}" in text for text in texts)
        assert not any(f"{words:,} words" in text for text in texts)


async def test_an_answer_growing_past_the_editor_scrolls_it_without_laying_the_screen_out(library_dir):
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.set_answer("watched", "An android noir.")
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await settled(app, pilot)
        screen.preview_on = False  # the preview's own layouts aside
        screen.go(0)
        await pilot.pause(0.3)
        editor = app.focused
        assert isinstance(editor, AnswerEditor)
        editor.move_cursor(editor.document.end)
        frames = Frames(app)
        frames.watch(screen)
        for n in range(editor.size.height + 5):
            await pilot.press("enter", *f"line{n}")
        await pilot.pause(0.3)
        assert editor.show_vertical_scrollbar  # appeared as the answer outgrew the editor
        assert editor.virtual_size.height == editor.wrapped_document.height
        assert editor.vertical_scrollbar.window_virtual_size == editor.virtual_size.height
        assert editor.scroll_y == editor.max_scroll_y > 0  # the last line, being written, is in view
        assert editor.region.contains(*app.cursor_position)
        assert tuple(app.cursor_position) == tuple(editor.cursor_screen_offset)
        shown = [editor.render_line(y).text for y in range(editor.size.height)]
        assert any(f"line{editor.size.height + 4}" in line for line in shown)
        # New lines alone laid nothing out: the scrollbar appearing did, once
        # (and the rewrapping it caused, once more).
        assert sum(frame[3] for frame in frames.frames) + frames.arranged <= 2


async def test_a_paragraph_that_gains_a_line_in_the_preview_costs_one_layout(library_dir):
    lib, slug = long_review(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await settled(app, pilot)
        screen.go(2)
        await pilot.pause(0.5)
        editor = app.focused
        editor.move_cursor(editor.document.end)
        section = screen.query_one(PostPreview).section("q:thought")
        height = section.outer_size.height
        frames = Frames(app)
        frames.watch(screen)
        editor.insert(" And a sentence long enough to need a line more in the preview, zqend.")
        await pilot.pause(review_preview.PREVIEW_DELAY + 0.6)
        assert section.outer_size.height > height
        assert "zqend" in "".join(str(b._content) for b in section.query("MarkdownParagraph"))
        assert sum(frame[3] for frame in frames.frames) + frames.arranged == 1
