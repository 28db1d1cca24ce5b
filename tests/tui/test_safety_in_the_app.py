"""Issue 15 in the app: the same core checks as the command line, shown the app's way.

- Export "Save" refuses a draft's file and the library (but its exports/).
- The Published URL field takes a web address only; the Images dialog
  refuses an image source that would run code.
- A save over the size a draft can hold shows its message as any save
  error does, and leaves the file as it was.
"""

from __future__ import annotations

from textual.widgets import Input

from reviewdesk.review import draftfile
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.export import ExportScreen
from reviewdesk.tui.screens.images import ImagesScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.info_form import InfoForm
from waiting import mounted, notes_of, on_screen, wait_for


async def save_export_as(pilot, path) -> None:
    field = pilot.app.screen.query_one("#filename", Input)
    field.value = str(path)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_export_save_never_writes_over_a_draft_nor_into_the_library(draft, tmp_path):
    lib, slug = draft
    other = lib.create("Frieren")
    other_path = lib.path_for(other.slug)
    before = other_path.read_bytes()
    app = ReviewDeskApp(library=lib, open_slug=slug)
    app.export_folder = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        seen = notes_of(app)
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await save_export_as(pilot, other_path)  # saved as frieren.toml.md: beside the draft
        assert other_path.read_bytes() == before and not other_path.with_name("frieren.toml.md").exists()
        assert "inside the library" in seen[-1] and "exports" in seen[-1]
        await save_export_as(pilot, lib.root / "notes" / "post.md")
        assert not (lib.root / "notes").exists()
        assert "inside the library" in seen[-1]
        await save_export_as(pilot, lib.root / "exports" / "post.md")
        assert (lib.root / "exports" / "post.md").read_text().startswith("# Metallic Rouge")
        assert seen[-1].startswith("Saved ")


async def test_the_url_field_takes_a_web_address_only(review_app):
    async with review_app(size=(160, 40)) as (app, pilot):
        screen = await on_screen(pilot, ReviewScreen)
        screen.go(screen.count - 1)
        await pilot.press("ctrl+n")
        form = await mounted(pilot, screen, InfoForm)
        url = form.query_one("#field-url", Input)
        url.focus()
        await pilot.press(*"javascript:alert(2)")
        await pilot.pause()
        problem = form.query_one("#problem-url")
        assert problem.has_class("-shown") and "web address" in str(problem.render())
        assert screen.review.url == ""
        url.value = "https://animeblog.example/rouge"
        await pilot.pause()
        assert not problem.has_class("-shown")
        assert screen.review.url == "https://animeblog.example/rouge"


async def test_the_images_dialog_refuses_a_source_that_runs_code(draft):
    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        seen = notes_of(app)
        screen = await on_screen(pilot, ReviewScreen)
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, ImagesScreen)
        await pilot.press(*"javascript:alert(1)", "enter")
        app.focused.value = "caption"
        await pilot.press("enter")
        await pilot.pause()
        assert "an image source is a file path" in seen[-1]
        assert screen.review.peek("watched").images == []


async def test_a_draft_too_large_to_read_again_is_not_saved_and_says_why(draft, monkeypatch):
    lib, slug = draft
    path = lib.path_for(slug)
    before = path.read_bytes()
    monkeypatch.setattr(draftfile, "MAX_BYTES", len(before) + 200)  # a little room, as 32 MB is in life
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        seen = notes_of(app)
        screen = await on_screen(pilot, ReviewScreen)
        editor = await mounted(pilot, screen, AnswerEditor)
        editor.insert("word " * 200)  # as a paste
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("a draft can hold and still be read; nothing was written" in n for n in seen),
                       "the draft's size said")
        assert path.read_bytes() == before
