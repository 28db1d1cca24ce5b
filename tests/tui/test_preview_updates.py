"""The preview catches up once typing pauses, shows exactly the final text,
and redraws only the chunk of the answer that changed."""

from __future__ import annotations

from textual.app import App

from reviewdesk.publish.export import post_parts
from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens import review_preview
from reviewdesk.tui.widgets.preview import Chunk, PostPreview, Prose, prose_content
from drawn import drawn_lines, rendered_text
from waiting import wait_for


def long_review(library_dir, paragraphs: int = 60):
    lib = Library(library_dir)
    review = lib.create("Long", season="Winter 2024")
    review.set_answer("watched", "\n\n".join(f"Paragraph {n} says something about the show." for n in range(paragraphs)))
    lib.save(review)
    return lib, review.slug


def shown(section) -> str:
    """The Markdown the section's chunks were given."""
    return "\n\n".join(w.source for w in section.chunks)


def expected(screen) -> str:
    return post_parts(screen.review, screen.template, (), screen.export_options)["q:watched"].strip()


async def first_answer(app, pilot):
    """The review screen at the first answer, its editor focused, the preview filled."""
    screen = await wait_for(pilot, lambda: app.screen if type(app.screen).__name__ == "ReviewScreen" else None,
                         "the review screen")
    preview = screen.query_one(PostPreview)
    await wait_for(pilot, lambda: preview.section("others") is not None and not preview.rendering(),
                "the preview to fill")
    screen.go(0)
    editor = await wait_for(pilot, lambda: getattr(app.focused, "question_id", None) == "watched" and app.focused,
                         "the first answer's editor")
    return screen, editor


async def test_the_preview_shows_the_final_text_after_a_burst(library_dir):
    lib, slug = long_review(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen, editor = await first_answer(app, pilot)
        editor.move_cursor(editor.document.end)
        await pilot.press(*" and then the burst ends zqfinal")
        section = screen.query_one(PostPreview).section("q:watched")
        await wait_for(pilot, lambda: "zqfinal" in rendered_text(*section.chunks), "the last word in the preview")
        assert shown(section).strip() == expected(screen)
        assert not screen._preview_pending


KEY_GAP = 0.05  # seconds between two keys: a writer's rhythm, the time the preview's debounce sees


async def type_without_a_pause(pilot, text: str, after_each=lambda: None) -> None:
    """Keys 50 ms apart, as a writer who never pauses types them: real time
    passes on purpose, since what is tested is the preview's timing under a
    steady stream of keys (its debounce never runs out)."""
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
        await pilot.pause(KEY_GAP)
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
                                   lambda: seen.append("zqmid" in rendered_text(*section.chunks)))
        assert any(seen)


async def test_a_word_typed_into_a_paragraph_redraws_its_chunk_only(library_dir):
    lib, slug = long_review(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        screen, editor = await first_answer(app, pilot)
        section = screen.query_one(PostPreview).section("q:watched")
        chunks = list(section.chunks)
        before = [rendered_text(chunk) for chunk in chunks]
        editor.move_cursor((20, 0))
        editor.insert("Edited: ")
        await wait_for(pilot, lambda: "Edited: Paragraph 10 " in rendered_text(*section.chunks), "the edit in the preview")
        assert section.chunks == chunks  # the same widgets, one with new text
        redrawn = [n for n, chunk in enumerate(chunks) if rendered_text(chunk) != before[n]]
        assert len(redrawn) == 1 and "Edited: Paragraph 10 " in rendered_text(chunks[redrawn[0]])
        assert shown(section).strip() == expected(screen)
        # A new paragraph in the middle: still only what changed, and still right.
        editor.move_cursor((20, 0))
        editor.insert("A paragraph of its own.\n\n")
        await wait_for(pilot, lambda: "A paragraph of its own." in rendered_text(*section.chunks), "the new paragraph")
        assert shown(section).strip() == expected(screen)


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
        editor.cursor_blink = False
        drawn: list[str] = []  # the editor's text at each frame
        app.post_display_hook = lambda: drawn.append(editor.text)
        catch_ups: list[bool] = []  # for each: had a frame shown the latest key already?
        original = type(screen)._bring_preview_up_to_date

        async def watched(self, paused):
            if not paused:
                catch_ups.append(bool(drawn) and drawn[-1] == editor.text)
            await original(self, paused)

        monkeypatch.setattr(type(screen), "_bring_preview_up_to_date", watched)
        await type_without_a_pause(pilot, "zqmid and more words typed without a pause")
        assert catch_ups  # it caught up while the writer typed on
        assert all(catch_ups)  # each time with the latest key already drawn


PROSE = """*Metallic Rouge* is the **original** anime ~~Studio~~ Bones made, with `code` and a [link](https://animeblog.example/rouge) in it.
A soft break, then a hard one:\\
and the line after it, plus an image ![Rouge on stage](images/ep4.png) inline.

A second paragraph, long enough to wrap at least once inside the preview's narrow column of text."""


def looks(line) -> list:
    """A drawn line's text and styles, with each cell's place in its widget's
    text left out (Textual's selection bookkeeping: a paragraph counts its
    own lines, a Prose chunk all of its paragraphs')."""
    from rich.style import Style

    return [(segment.text, segment.style + Style.from_meta({"offset": None}) if segment.style else None)
            for segment in line]


class Side(App):
    """A stock Markdown widget and a Prose widget given the same paragraphs."""

    CSS = "Screen { layout: horizontal; } Chunk, Prose { width: 40; }"

    def compose(self):
        yield Chunk(PROSE)
        yield Prose(PROSE, prose_content(PROSE))


async def test_plain_paragraphs_are_drawn_as_markdown_draws_them():
    """Styles, links, images, breaks and wrapping: a Prose chunk's lines are
    the Markdown widget's paragraphs, a blank line apart, in every theme."""
    app = Side()
    async with app.run_test(size=(100, 30)) as pilot:
        stock, prose = app.query_one(Chunk), app.query_one(Prose)
        for theme in ("textual-dark", "textual-light", "nord"):
            app.theme = theme
            await wait_for(pilot, lambda: not stock.lock.is_locked and stock.children, "the stock paragraphs")
            await pilot.pause()
            expected = []
            for block in stock.children:
                expected += [looks(line) for line in drawn_lines(block)] + [None]  # its margin: a blank line
            got = [looks(line) if line.text.strip() else None for line in drawn_lines(prose)]
            assert got == expected[:len(got)], theme
            assert any(line is not None for line in got)
