"""The export modal: the final text per target, the warnings, copy and save."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, TextArea

from reviewdesk.review.library import Library
from reviewdesk.publish import clipboard as clipboard_module
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.export import ExportScreen
from waiting import notes_of


async def open_export(pilot):
    await pilot.pause()
    await pilot.press("ctrl+g")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def test_export_shows_the_markdown_and_what_to_fix_first(draft, tmp_path, clipboard):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    app.export_folder = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        text = screen.query_one("#markdown", TextArea).text
        assert text.startswith("# Metallic Rouge (Season One)\n")
        assert "## What did you watch?\n\nAn android noir from Bones." in text
        box = screen.query_one("#warnings")
        warnings = " ".join(str(box.get_option_at_index(i).prompt) for i in range(box.option_count))
        assert "Question 2 is unanswered: What happened?" in warnings
        assert "Episodes is empty" in warnings
        # Save proposes a file named for the slug, in the export folder.
        assert screen.query_one("#filename", Input).value == str(tmp_path / f"{slug}.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (tmp_path / f"{slug}.md").read_text() == text


async def test_switching_target_rewrites_the_post_and_the_file_name(draft, tmp_path, clipboard):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    app.export_folder = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        screen.query_one("#target", Select).value = "hugo"
        await pilot.pause()
        text = screen.query_one("#markdown", TextArea).text
        assert text.startswith("+++\n")
        assert 'title = "Metallic Rouge (Season One)"' in text
        screen.query_one("#target", Select).value = "jekyll"
        await pilot.pause()
        assert screen.query_one("#markdown", TextArea).text.startswith("---\n")
        name = Path(screen.query_one("#filename", Input).value).name
        assert name.endswith(f"-{slug}.md") and name[:4].isdigit()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert clipboard and clipboard[-1].startswith("---\n")


async def test_a_copy_that_cannot_reach_any_clipboard_leaves_the_post_on_disk(draft, tmp_path, monkeypatch,
                                                                             no_clipboard):
    from reviewdesk.errors import ClipboardError

    def too_large(text, tmux=None):
        raise ClipboardError("the post is too large for the terminal clipboard")

    monkeypatch.setattr(clipboard_module, "osc52_sequence", too_large)
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    app.export_folder = tmp_path
    notes = notes_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        messages = " ".join(notes)
        assert "too large" in messages and str(tmp_path / f"{slug}.md") in messages
    assert "An android noir from Bones." in (tmp_path / f"{slug}.md").read_text()


async def test_a_flagged_word_can_be_added_to_the_writers_list(library_dir, tmp_path, config_dir, write_draft):
    lib = Library(library_dir)
    review = write_draft(watched="the show is a glorpish delight.")
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        box = screen.query_one("#warnings")
        spelling = [i for i, f in enumerate(screen.findings) if f.word == "glorpish"]
        assert spelling, [f.message for f in screen.findings]
        box.focus()
        box.highlighted = spelling[0]
        await pilot.press("a")
        await pilot.pause()
        assert not any(f.word == "glorpish" for f in screen.findings)
    assert "glorpish" in (config_dir / "words.txt").read_text()


async def test_enter_on_a_warning_goes_to_its_question_and_line(library_dir, tmp_path, write_draft):
    from reviewdesk.tui.screens.review import ReviewScreen

    lib = Library(library_dir)
    review = write_draft(happened="Rouge hunts.\nShe is fast.\nTODO: the ending")
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        todo = [i for i, f in enumerate(screen.findings) if f.question == "happened" and f.line == 3]
        assert todo, [f.message for f in screen.findings]
        box = screen.query_one("#warnings")
        box.focus()
        box.highlighted = todo[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.index == 1
        assert app.focused.cursor_location == (2, 0)


async def test_a_review_with_spoilers_can_carry_a_warning_at_the_top(library_dir, tmp_path, clipboard, write_draft):
    from textual.widgets import Checkbox

    lib = Library(library_dir)
    review = write_draft(watched="An android noir from Bones.",
                         happened="Rouge hunts the Nine.\n\n:::spoiler\nRouge built them.\n:::")
    app = ReviewDeskApp(library=lib, open_slug=review.slug)
    app.export_folder = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        assert "Spoiler warning" not in screen.query_one("#markdown", TextArea).text
        await pilot.click("#spoiler-warning")
        await pilot.pause()
        assert screen.query_one("#spoiler-warning", Checkbox).value
        text = screen.query_one("#markdown", TextArea).text
        assert text.startswith("# Metallic Rouge (Season One)\n\n> **Spoiler warning:**")
        await pilot.press("ctrl+l")  # the copy holds what is shown
        await pilot.pause()
        assert clipboard[-1].startswith("# Metallic Rouge (Season One)\n\n> **Spoiler warning:**")


async def test_no_spoiler_warning_box_when_nothing_is_a_spoiler(draft, tmp_path):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    app.export_folder = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        assert not screen.query("#spoiler-warning")
