"""Switching questions stays cheap: the footer keeps its keys while they are
the same, and the open review's heap is set aside from garbage collection
until the screen goes."""

from __future__ import annotations

import gc

from reviewdesk.importer.markdown import import_file
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.library import LibraryScreen
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.widgets.footer import KeyFooter
from screen_styles import restyled_alike

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
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.count == 10
        footer = screen.query_one(KeyFooter)
        screen.go(0)
        await pilot.pause(0.1)
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
            await pilot.pause(0.1)
            assert screen.index == index and isinstance(app.focused, AnswerEditor)
            assert shown(footer) == labels
        assert redrawn == 0  # the same keys: the footer was left alone
        footer.refresh = original
        screen.go(9)  # the extra section: F4 joins the footer
        await pilot.pause(0.2)
        assert screen.on_extra and "Move into a question" in shown(footer)
        screen.go(0)
        await pilot.pause(0.2)
        assert shown(footer) == labels
        assert not footer.children  # one line of text, no widget per key


async def test_the_open_review_is_frozen_for_the_collector_and_thawed_when_it_closes(library_dir):
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.set_answer("watched", "An android noir from Bones.")
    lib.save(review)
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        screen = None
        for _ in range(50):
            await pilot.pause(0.1)
            screen = app.screen
            if isinstance(screen, ReviewScreen) and not screen._filling and gc.get_freeze_count():
                break
        assert isinstance(screen, ReviewScreen)
        assert gc.get_freeze_count() > 0  # frozen once the preview was filled
        await pilot.press("ctrl+n")
        await pilot.press(*"kept")
        await pilot.pause(0.2)
        assert screen.review.peek(screen.pages[screen.index].id).text.endswith("kept")
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert isinstance(app.screen, LibraryScreen)
        assert gc.get_freeze_count() == 0  # thawed with the screen gone


LONG = "\n\n".join(f"Paragraph {n}: " + "the brass score carries the episode " * 12 for n in range(60))


async def first_visit(library_dir, prepare: bool, monkeypatch):
    """Open a review whose third answer is long, wait until the screen has
    settled, then go to that answer for the first time: what the editor shows."""
    lib = Library(library_dir)
    review = lib.create(f"Prepared {prepare}", season="Winter 2024")
    review.set_answer("watched", "An android noir from Bones.")
    review.set_answer("thought", LONG)
    lib.save(review)
    if not prepare:
        monkeypatch.setattr(ReviewScreen, "_prepare_editors", lambda self: ([], ()))
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause(0.2)
        screen = app.screen
        for _ in range(50):
            if screen._settled and not any(w.group == "prepare" and w.is_running for w in app.workers):
                break
            await pilot.pause(0.1)
        index = [q.id for q in screen.pages].index("thought")
        editors = {e.question_id for e in screen.query(AnswerEditor)}
        assert ("thought" in editors) == prepare
        await pilot.press(*["ctrl+n"] * (index - screen.index))
        await pilot.pause(0.3)
        editor = app.focused
        assert isinstance(editor, AnswerEditor) and editor.question_id == "thought"
        wrapped = editor.wrapped_document
        fresh = type(wrapped)(editor.document)
        fresh.wrap(editor.wrap_width, editor.indent_width)
        assert wrapped._wrap_offsets == fresh._wrap_offsets  # wrapped for the width it is shown at
        await pilot.press(*" typed")
        await pilot.pause(0.1)
        shown = [editor.render_line(y).text for y in range(editor.size.height)]
        return editor.text, editor.cursor_location, editor.scroll_offset, shown, screen.review.peek("thought").text


async def test_a_prepared_editor_holds_the_answer_and_the_cursor_lands_where_it_did(library_dir, monkeypatch):
    prepared = await first_visit(library_dir, True, monkeypatch)
    monkeypatch.undo()
    made_on_visit = await first_visit(library_dir, False, monkeypatch)
    assert prepared == made_on_visit
    text, cursor, _, _, kept = prepared
    assert text == LONG + " typed" == kept
    assert cursor == (LONG.count("\n"), len(LONG.split("\n")[-1]) + len(" typed"))


async def test_the_first_resume_leaves_every_widget_styled_as_a_full_restyle_would(library_dir):
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.set_answer("watched", "An android noir from Bones.")
    lib.save(review)
    for size in ((160, 40), (100, 30), (70, 24)):
        app = ReviewDeskApp(library=lib, open_slug=review.slug)
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.3)
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            assert await restyled_alike(pilot, screen), size


async def test_series_information_takes_the_focus_in_its_first_field_never_in_the_form(library_dir):
    from reviewdesk.tui.widgets.info_form import InfoForm

    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause(0.2)
        screen = app.screen
        form = screen.query_one(InfoForm)
        focused: list[bool] = []
        screen.watch(form, "has_focus", focused.append, init=False)
        screen.go(screen.count - 1)
        await pilot.pause(0.1)
        for _ in range(2):  # first visit, then a revisit
            await pilot.press("ctrl+n")
            await pilot.pause(0.2)
            assert screen.on_info and app.focused is form.first_input()
            await pilot.press("ctrl+o")
            await pilot.pause(0.2)
            assert isinstance(app.focused, AnswerEditor)
        assert True not in focused  # the form itself never held it: no restyle of every field


async def test_the_first_frame_of_a_review_has_the_cursor_in_the_answer_and_no_form_yet(draft):
    lib, _slug = draft
    app = ReviewDeskApp(library=lib)
    frames: list[tuple[str, int]] = []  # (focused widget, Series Information forms) per frame shown
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        shown_before = app._display

        def display(screen, renderable):
            shown_before(screen, renderable)
            if renderable is not None and isinstance(app.screen, ReviewScreen):
                frames.append((type(app.focused).__name__, len(app.screen.query("#pane-info"))))

        app._display = display
        await pilot.press("enter", *"Bones")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        # A key typed as the screen appears goes into the answer, never the
        # question list; and the form, some forty widgets, waits until wanted.
        assert frames and frames[0] == ("AnswerEditor", 0)
        assert isinstance(app.focused, AnswerEditor) and app.focused.question_id == "happened"
        assert app.focused.text == "Bones"
        assert screen.query_one("#questions").highlighted == 1


async def test_series_information_is_made_when_first_wanted_and_takes_the_focus(draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        screen.go(screen.count)  # before the screen has settled: the form is made now
        await pilot.pause()
        assert screen.on_info
        assert app.focused is not None and app.focused.id == "info-english_title"
        await pilot.press(*"Metallic Rouge")
        await pilot.pause()
        assert screen.review.info.get("english_title") == "Metallic Rouge"
        screen.go(0)
        await pilot.pause()
        screen.go(screen.count)  # the same form again, with what was typed
        await pilot.pause()
        assert len(screen.query("#pane-info")) == 1
        assert app.focused.id == "info-english_title" and app.focused.value == "Metallic Rouge"


async def test_a_switch_arranges_the_screen_once_and_redraws_only_a_changed_sidebar_entry(library_dir):
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.set_answer("watched", "An android noir.")
    review.set_answer("happened", "Rouge hunts the Immortal Nine.")
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        screen.go(0)
        await pilot.pause(0.2)
        compositor = screen._compositor
        arranged = []
        arrange = compositor._arrange_root

        def counting(root, size, visible_only=True):
            arranged.append(visible_only)
            return arrange(root, size, visible_only)

        compositor._arrange_root = counting
        sidebar = screen.query_one("#questions")
        cleared = []
        clear = sidebar._clear_caches
        sidebar._clear_caches = lambda: cleared.append(1) or clear()
        await pilot.press("ctrl+n")
        await pilot.pause(0.2)
        assert screen.index == 1
        # One full arrangement (the layout), not a second one to find regions.
        assert arranged.count(False) == 1
        # Nothing typed in question 1: its entry stays, and so do the entries drawn.
        assert cleared == []
        await pilot.press(*" Bones")
        await pilot.press("ctrl+o")
        await pilot.pause(0.2)
        assert "6/300 words" in str(sidebar.get_option_at_index(1).prompt)


async def test_what_a_closed_review_leaves_is_collected_while_the_list_is_read(draft):
    lib, _slug = draft
    app = ReviewDeskApp(library=lib)
    full: list[str] = []

    def watch(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(type(app.screen).__name__)

    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ReviewScreen)
        gc.callbacks.append(watch)
        try:
            await pilot.press("escape")
            await pilot.pause(0.5)
        finally:
            gc.callbacks.remove(watch)
        assert isinstance(app.screen, LibraryScreen)
        # A full collection ran once the library was back, not later, in the next open.
        assert "LibraryScreen" in full


async def test_full_collections_wait_for_the_writer_to_pause(draft):
    """While a review is open Python's own full collection (30-100 ms on a
    long review) is held back; one that is due runs once typing stops, and
    the usual limits come back with the library."""
    import time

    from reviewdesk.tui.screens import review as review_module

    lib, _slug = draft
    usual = gc.get_threshold()
    app = ReviewDeskApp(library=lib)
    full: list[float] = []

    def watch(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(time.monotonic())

    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert gc.get_threshold()[2] == max(usual[2], review_module.FULL_GC_HELD)
        gc.callbacks.append(watch)
        try:
            await pilot.press(*"typing on")
            for _ in range(review_module.FULL_GC_DUE):
                gc.collect(1)  # each counts towards the next full collection
            screen.last_change = time.monotonic() + 60  # the writer is still typing
            await pilot.pause(0.8)
            assert full == []
            screen.last_change = time.monotonic()  # the last key, then a pause
            await pilot.pause(0.2)
            assert full == []
            await pilot.pause(0.8)
            assert len(full) == 1
            assert full[0] - screen.last_change >= review_module.PAUSE_BEFORE_GC
        finally:
            gc.callbacks.remove(watch)
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert isinstance(app.screen, LibraryScreen)
        assert gc.get_threshold() == usual
