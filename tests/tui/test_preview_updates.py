"""The preview catches up once typing pauses, shows exactly the final text,
and updates a paragraph in place (no widget rebuilt) when it can."""

from __future__ import annotations

from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownParagraph

from reviewdesk.publish.export import post_parts
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens import review_preview
from reviewdesk.tui.widgets.preview import PostPreview


def long_review(library_dir, paragraphs: int = 60):
    lib = Library(library_dir)
    review = lib.create("Long", season="Winter 2024")
    review.set_answer("watched", "\n\n".join(f"Paragraph {n} says something about the show." for n in range(paragraphs)))
    lib.save(review)
    return lib, review.slug


def shown(section) -> str:
    return "\n\n".join(w.source for w in section.query_children(Markdown))


async def first_answer(app, pilot):
    """The review screen at the first answer, its editor focused, the preview settled."""
    await pilot.pause(0.5)
    screen = app.screen
    screen.go(0)
    await pilot.pause(0.5)
    return screen, app.focused


async def test_the_preview_shows_the_final_text_after_a_burst(library_dir):
    lib, slug = long_review(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen, editor = await first_answer(app, pilot)
        editor.move_cursor(editor.document.end)
        await pilot.press(*" and then the burst ends zqfinal")
        await pilot.pause(review_preview.PREVIEW_DELAY + 0.6)
        section = screen.query_one(PostPreview).section("q:watched")
        expected = post_parts(screen.review, screen.template, (), screen.export_options)["q:watched"]
        assert shown(section).strip() == expected.strip()
        assert "zqfinal" in shown(section)
        assert not screen._preview_pending


async def type_without_a_pause(pilot, text: str, after_each=lambda: None) -> None:
    """Keys 50 ms apart, as a writer who never pauses types them."""
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
        await pilot.pause(0.05)
        after_each()


async def test_continuous_typing_still_reaches_the_preview(library_dir, monkeypatch):
    """A writer who never pauses: the preview follows every PREVIEW_MAX_WAIT."""
    monkeypatch.setattr(review_preview, "PREVIEW_MAX_WAIT", 0.3)
    lib, slug = long_review(library_dir, 5)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen, editor = await first_answer(app, pilot)
        editor.move_cursor(editor.document.end)
        section = screen.query_one(PostPreview).section("q:watched")
        seen: list[bool] = []
        await type_without_a_pause(pilot, " zqmid and more words typed without a pause",
                                   lambda: seen.append("zqmid" in shown(section)))
        assert any(seen)


async def test_a_word_typed_into_a_paragraph_updates_it_in_place(library_dir):
    lib, slug = long_review(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen, editor = await first_answer(app, pilot)
        section = screen.query_one(PostPreview).section("q:watched")
        blocks = list(section.query(MarkdownParagraph))
        editor.move_cursor((20, 0))
        editor.insert("Edited: ")
        await pilot.pause(review_preview.PREVIEW_DELAY + 0.6)
        assert list(section.query(MarkdownParagraph)) == blocks  # same widgets, new text
        edited = [b for b in blocks if "Edited: Paragraph 10 " in b._content.plain]
        assert len(edited) == 1
        expected = post_parts(screen.review, screen.template, (), screen.export_options)["q:watched"]
        assert shown(section).strip() == expected.strip()
        # A new paragraph changes the chunk's blocks: rebuilt, and still right.
        editor.move_cursor((20, 0))
        editor.insert("A paragraph of its own.\n\n")
        await pilot.pause(review_preview.PREVIEW_DELAY + 0.6)
        expected = post_parts(screen.review, screen.template, (), screen.export_options)["q:watched"]
        assert shown(section).strip() == expected.strip()


async def test_without_a_pause_the_preview_catches_up_just_after_a_keys_frame(library_dir, monkeypatch):
    """The catch-up (a chunk re-rendered, a layout) starts once the latest
    key is on screen, at the start of the gap before the next key, not at
    a moment that may fall between a key and its frame."""
    monkeypatch.setattr(review_preview, "PREVIEW_MAX_WAIT", 0.3)
    lib, slug = long_review(library_dir, 5)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen, editor = await first_answer(app, pilot)
        editor.move_cursor(editor.document.end)
        editor.cursor_blink = False  # a blink redraws the editor's cursor row at any moment
        catch_ups: list[bool] = []  # for each: was the latest key already drawn?
        original = type(screen)._bring_preview_up_to_date

        async def watched(self, paused):
            if not paused:
                catch_ups.append(editor not in self._dirty_widgets and not self._layout_required)
            await original(self, paused)

        monkeypatch.setattr(type(screen), "_bring_preview_up_to_date", watched)
        await type_without_a_pause(pilot, "zqmid and more words typed without a pause")
        assert catch_ups  # it caught up while the writer typed on
        assert all(catch_ups)  # each time with the latest key already drawn
