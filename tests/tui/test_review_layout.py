"""The review screen at any window size (issue 18, items 1, 2, 3, 6, 15):
Series Information's values seen whole, the preview following the part being
edited, the editor keeping 50 columns at 80x24 with the preview stepped
aside (and ctrl+r to bring it back), the footer keeping the way out, Escape
leaving focus mode first, and F1 listing every key of the screen."""

from __future__ import annotations

from textual.widgets import Input, Static

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.keys import KeysScreen
from reviewdesk.tui.screens.library import LibraryScreen
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.footer import KeyFooter
from reviewdesk.tui.widgets.preview import PostPreview
from waiting import wait_for

LONG_TITLE = "Metallic Rouge: The Android Noir of Bones"  # 41 characters


def make(library_dir, **info) -> tuple[Library, str]:
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.set_answer("watched", "An android noir from Bones.")
    for key, value in info.items():
        review.info[key] = value
    lib.save(review)
    return lib, review.slug


def footer(screen) -> str:
    return str(screen.query_one(KeyFooter).render())


async def opened(app, pilot) -> ReviewScreen:
    screen = await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the review")
    await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor), "the first answer")
    return screen


async def on_series_information(app, pilot) -> ReviewScreen:
    screen = await opened(app, pilot)
    screen.go(screen.count)
    await wait_for(pilot, lambda: isinstance(app.focused, Input) and app.focused.region, "the form's first field")
    return screen


def seen_whole(field: Input) -> bool:
    """The field's value fits in it: nothing scrolled out of sight."""
    return field.content_size.width > len(field.value) and field.scroll_offset.x == 0


async def test_series_information_values_are_seen_whole_at_80x24(library_dir):
    lib, slug = make(library_dir, english_title=LONG_TITLE)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_series_information(app, pilot)
        field = screen.query_one("#info-english_title", Input)
        field.cursor_position = len(field.value)
        await pilot.pause()
        assert field.value == LONG_TITLE and seen_whole(field), field.content_size


async def test_series_information_values_are_seen_whole_at_120x40_with_the_preview(library_dir):
    lib, slug = make(library_dir, genres=["Action", "Science Fiction"])
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await on_series_information(app, pilot)
        assert screen.query_one(PostPreview).display
        genres = screen.query_one("#info-genres", Input)
        title = screen.query_one("#field-title", Input)
        assert genres.value == "Action, Science Fiction" and seen_whole(genres), genres.content_size
        assert title.value == "Metallic Rouge (Season One)" and seen_whole(title), title.content_size


def in_view(preview: PostPreview, key: str) -> bool:
    widget = preview.first_widget_from(key)
    if widget is None or not widget.is_mounted:
        return False
    top = preview.scroll_offset.y
    return top <= widget.virtual_region.y < top + preview.size.height


async def test_the_preview_follows_to_series_information_on_the_first_visit(library_dir):
    lib, slug = make(library_dir)
    review = lib.load(slug)
    for question in ("happened", "thought", "favourite_moment", "least_favourite_moment", "more", "learned"):
        review.set_answer(question, "\n\n".join(f"Paragraph {n} of a long answer that fills the preview." for n in range(8)))
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot)
        preview = screen.query_one(PostPreview)
        await wait_for(pilot, lambda: preview.section("info") is not None and not preview.rendering(), "the preview")
        screen.go(screen.count - 1)  # the last question, then on with ctrl+n as a writer goes
        await wait_for(pilot, lambda: in_view(preview, f"q:{screen.pages[-1].id}"), "the last answer in the preview")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.focused, Input), "the form")
        await pilot.press(*"Metallic Rouge")
        await wait_for(pilot, lambda: "Metallic Rouge" in preview.section("info").markdown, "the table, updated")
        await wait_for(pilot, lambda: in_view(preview, "info"), "Series Information in the preview")


async def test_at_80x24_the_editor_keeps_50_columns_and_the_footer_says_how_to_show_the_preview(review_app):
    async with review_app(size=(80, 24)) as (app, pilot):
        screen = await opened(app, pilot)
        preview = screen.query_one(PostPreview)
        editor = app.focused
        assert not preview.display and editor.region.width >= 50
        hint = screen.pages[screen.index].hint
        assert " ".join(str(screen.query_one("#q-hint", Static).render()).split()) == hint  # wrapped, not cut
        keys = footer(screen)
        for key in ("^r Preview", "esc Library", "^q Quit", "^n Next", "f1 Keys"):
            assert key in keys, keys
        await pilot.press("ctrl+r")  # in the question list's place
        await wait_for(pilot, lambda: preview.display and preview.size.width, "the preview")
        assert not screen.query_one("#sidebar").display and editor.region.width >= 50
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not preview.display and screen.query_one("#sidebar").display, "the list again")
        screen.go(screen.count)
        await wait_for(pilot, lambda: "f6 Look up" in footer(screen), "Series Information's keys")
        assert "esc Library" in footer(screen) and "^q Quit" in footer(screen), footer(screen)


async def test_a_window_narrowed_under_the_writer_hides_the_preview_and_says_so(review_app):
    async with review_app(size=(120, 40)) as (app, pilot):
        notes = app.notes
        screen = await opened(app, pilot)
        preview = screen.query_one(PostPreview)
        assert preview.display
        await pilot.resize_terminal(70, 24)
        await wait_for(pilot, lambda: not preview.display, "the preview stepping aside")
        assert any("ctrl+r" in note for note in notes), notes
        assert app.focused.region.width >= 50
        await pilot.resize_terminal(120, 40)
        await wait_for(pilot, lambda: preview.display, "the preview back")


async def test_escape_in_focus_mode_leaves_focus_mode_and_the_footer_says_so(review_app):
    async with review_app(size=(120, 40)) as (app, pilot):
        screen = await opened(app, pilot)
        await pilot.press("f8")
        await wait_for(pilot, lambda: screen.has_class("-focus"), "focus mode")
        await wait_for(pilot, lambda: "esc Leave focus mode" in footer(screen), "the way out of focus mode")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not screen.has_class("-focus"), "out of focus mode")
        assert app.screen is screen and isinstance(app.focused, AnswerEditor)
        assert screen.query_one(PostPreview).display and screen.query_one("#sidebar").display
        await wait_for(pilot, lambda: "esc Library" in footer(screen), "escape for the library again")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")


async def test_the_footer_shows_copy_and_images_where_there_is_room(review_app):
    async with review_app(size=(120, 40)) as (app, pilot):
        screen = await opened(app, pilot)
        await wait_for(pilot, lambda: "^l Copy" in footer(screen), "the footer")
        assert "^f Images" in footer(screen)


async def test_f1_lists_every_key_of_the_screen_from_its_bindings(review_app):
    async with review_app(size=(80, 24)) as (app, pilot):
        screen = await opened(app, pilot)
        await pilot.press("f1")
        keys = await wait_for(pilot, lambda: isinstance(app.screen, KeysScreen) and app.screen, "the keys")
        listed = str(keys.query_one("#keys-text", Static).render())
        for _node, binding, _enabled, _tooltip in screen.active_bindings.values():
            if binding.description and not binding.system:
                assert binding.description in listed, binding.description
        for line in ("^l", "Copy", "^f", "Images", "f8", "Focus mode", "f5", "History", "^q", "Quit"):
            assert line in listed, line
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.screen is screen, "the review again")
        await pilot.press("escape")
        library = await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen, "the library")
        await pilot.press("f1")
        keys = await wait_for(pilot, lambda: isinstance(app.screen, KeysScreen) and app.screen, "the library's keys")
        listed = str(keys.query_one("#keys-text", Static).render())
        assert "New" in listed and "Import" in listed, listed
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is library, "the library again")
