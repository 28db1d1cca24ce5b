"""Every text the app draws reads at 4.5:1 or more, in every shipped theme.

Each theme drives the real app through every screen and dialog (library,
review questions, Series Information, focus mode, the season overview,
export, images, history, settings, new review, import, move, confirm,
conflict, notifications) and measures the colours actually drawn: each
character's text and background colour from the app's own screenshot
(tests/drawn.py). Dimmed and disabled text is held to the same 4.5:1; only
lines and blocks (borders, scrollbars, bars) are not text. Under a dialog,
only the dialog and its footer are measured: the screen behind it is
deliberately faded and not meant to be read.
"""

from __future__ import annotations

import json
import os
import unicodedata
from datetime import datetime, timezone

import pytest

from drawn import screen_cells
from lookup.web import recorded_json, serve
from reviewdesk.config import locations
from reviewdesk.review import draftfile
from reviewdesk.review.library import Library
from reviewdesk.review.model import Review
from reviewdesk.review.template import load_template
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.confirm import ConfirmScreen
from reviewdesk.tui.screens.conflict import ConflictScreen
from reviewdesk.tui.theming import MIN_CONTRAST, contrast_ratio
from waiting import wait_for

THEMES = sorted(p.stem for p in locations.shipped_themes_dir().glob("*.toml"))
WHEN = datetime(2024, 4, 14, 12, 0, tzinfo=timezone.utc)


def not_text(char: str) -> bool:
    """Box drawing, block elements and blanks: lines and shapes, not text."""
    return not char or char.isspace() or 0x2500 <= ord(char) <= 0x259F or unicodedata.category(char) == "Co"


def write_library(root) -> None:
    template = load_template("anime-season")
    rouge = Review(template="anime-season", title="Metallic Rouge (Season One)", season="Winter 2024",
                   status="ready", created=WHEN, updated=WHEN,
                   tagline="On a Mars where humans live alongside androids, Rouge hunts the Immortal Nine.")
    rouge.set_answer("watched", "## Episode 4\n\n*Metallic Rouge* finally **delivers**: see [Bones][b].\n\n"
                     "- the brass score\n- the `Nean` question\n\n[b]: https://www.bones.co.jp/\n")
    rouge.set_done("watched")
    rouge.set_answer("happened", "A monster of the week, then a war.")
    rouge.set_answer("notes", "Imported notes that matched no question.")
    rouge.answers["notes"].extra["heading"] = "Notes"
    rouge.add_image("happened", "images/ep4.png", "Rouge Redstar in the theatre")
    rouge.set_info(template.info_field("Episodes"), "13")
    other = Review(template="anime-season", title="Delicious in Dungeon", season="Winter 2024",
                   status="published", created=WHEN, updated=WHEN)
    draft = Review(template="anime-season", title="Solo Leveling", season="Winter 2024", created=WHEN, updated=WHEN)
    root.mkdir(parents=True, exist_ok=True)
    for slug, review in (("metallic-rouge", rouge), ("delicious-in-dungeon", other), ("solo-leveling", draft)):
        (root / f"{slug}.toml").write_text(draftfile.dumps(review), encoding="utf-8")
    (root / "oshi-no-ko.toml").write_text('title = "Oshi no Ko\n', encoding="utf-8")
    lib = Library(root)
    review = lib.load("metallic-rouge")
    for text in ("A monster of the week, then a war.", "A monster of the week, then a long war."):
        review.set_answer("happened", text)
        lib.save(review)  # versions for the History dialog


class Measure:
    """Collects every text/background pair below the minimum, with where it was drawn."""

    def __init__(self, app) -> None:
        self.app = app
        self.problems: dict[tuple[str, str, str], tuple[float, str]] = {}
        self.places: list[str] = []

    def __call__(self, where: str) -> None:
        app = self.app
        self.places.append(where)
        screen = app.screen
        regions = None
        if screen.is_modal:  # the dialog and its footer; the faded screen behind is not meant to be read
            regions = [child.region for child in screen.children]
        grid = screen_cells(app)
        for y, row in enumerate(grid):
            for x, cell in enumerate(row):
                if not_text(cell.char) or not cell.fg or not cell.bg or cell.fg == cell.bg:
                    continue  # not text, or drawn in its background's colour: nothing shows
                if regions is not None and not any(r.contains(x, y) for r in regions):
                    continue
                ratio = contrast_ratio(cell.fg, cell.bg)
                if ratio < MIN_CONTRAST:
                    line = "".join(c.char for c in row[max(0, x - 12):x + 24]).strip()
                    key = (where, cell.fg, cell.bg)
                    if key not in self.problems:
                        self.problems[key] = (ratio, line)

    def report(self) -> str:
        return "\n".join(f"{where}: {fg} on {bg} is {ratio:.2f}:1 in “{line}”"
                         for (where, fg, bg), (ratio, line) in sorted(self.problems.items()))


async def settle(pilot) -> None:
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def visit(pilot, measure: Measure | None, where: str, *keys: str, until=None) -> None:
    """Press ``keys``, wait for ``until`` and a still screen, then measure it (unless ``measure`` is None)."""
    for key in keys:
        await pilot.press(key)
    if until is not None:
        await wait_for(pilot, until, what=where)
    await settle(pilot)
    if measure is not None:
        measure(where)


def on(name: str):
    return lambda app: type(app.screen).__name__ == name


@pytest.fixture
def series_web(web):
    """The lookup's local web: any anime search finds the recorded Jikan entry."""
    entry = recorded_json("jikan-anime.json")["data"]
    serve(web, "/jikan/v4/anime", json.dumps({"data": [entry]}))
    return web


@pytest.mark.parametrize("theme", THEMES)
async def test_every_text_the_app_draws_reads_at_4_5_to_1(theme, private_folders, tmp_path, series_web,
                                                         monkeypatch):
    # A blog account, so the export shows its Publish row (nothing is sent).
    monkeypatch.setenv("REVIEWDESK_GHOST_URL", "https://ghost.example")
    monkeypatch.setenv("REVIEWDESK_GHOST_ADMIN_KEY", "6489b1f2a3c4d5e6f7a8b9c0:" + "8f" * 32)
    private_folders.mkdir(parents=True, exist_ok=True)
    (private_folders / "settings.toml").write_text(f'theme = "{theme}"\n')
    root = tmp_path / "library"
    write_library(root)
    app = ReviewDeskApp(library=Library(root))
    app.export_folder = tmp_path / "exports"
    measure = Measure(app)
    async with app.run_test(size=(120, 40)) as pilot:
        is_ = lambda name: lambda: type(app.screen).__name__ == name  # noqa: E731
        await wait_for(pilot, lambda: is_("LibraryScreen")() and app.screen.selected_entry(), what="the library")
        assert app.theme == theme
        await visit(pilot, measure, "library")
        await visit(pilot, measure, "library, broken draft selected", "down", "down", "down")
        await visit(pilot, measure, "library, filter", "slash", "x", "y", "z")
        await visit(pilot, measure, "library, filter cleared", "escape", "escape")
        app.screen.reload(select="metallic-rouge")
        app.notify("An information toast.", title="Copied")
        app.notify("A warning toast.", title="Check", severity="warning")
        app.notify("An error toast.", title="Not saved", severity="error")
        await visit(pilot, measure, "notifications")
        app.clear_notifications()
        await visit(pilot, measure, "season overview", "s", until=is_("SeasonScreen"))
        await visit(pilot, None, "library again", "escape", until=is_("LibraryScreen"))
        await visit(pilot, measure, "new review", "n", until=is_("NewReviewScreen"))
        await visit(pilot, measure, "new review, no title", "enter")
        await visit(pilot, None, "library again", "escape", until=is_("LibraryScreen"))
        await visit(pilot, measure, "import", "i", until=is_("ImportScreen"))
        await visit(pilot, None, "library again", "escape", until=is_("LibraryScreen"))
        await visit(pilot, measure, "delete, asked", "d", until=is_("ConfirmScreen"))
        await visit(pilot, None, "library again", "escape", until=is_("LibraryScreen"))
        await visit(pilot, measure, "settings", "f2", until=is_("SettingsScreen"))
        await visit(pilot, None, "library again", "escape", until=is_("LibraryScreen"))

        app.screen.reload(select="metallic-rouge")
        await visit(pilot, measure, "review, first question", "enter", until=is_("ReviewScreen"))
        review = app.screen
        review.go(0)
        await visit(pilot, measure, "review, question 1 (done)")
        review.go(1)
        await visit(pilot, measure, "review, question 2 (images)")
        review.go(2)
        await visit(pilot, measure, "review, empty question")
        review.query_one("#questions").focus()
        await visit(pilot, measure, "review, the question list focused")
        review.go(0)
        review.current_editor().select_all()
        await visit(pilot, measure, "review, text selected")
        review.go(2)
        await visit(pilot, measure, "review, preview hidden", "ctrl+r")
        await visit(pilot, measure, "review, preview shown", "ctrl+r")
        await visit(pilot, measure, "focus mode", "f8")
        await visit(pilot, None, "review", "f8")
        review.go(review.questions)
        await visit(pilot, measure, "review, extra section")
        await visit(pilot, measure, "move", "f4", until=is_("MoveScreen"))
        await visit(pilot, None, "review again", "escape", until=is_("ReviewScreen"))
        review.go(review.count)
        await visit(pilot, measure, "Series Information")
        await visit(pilot, measure, "look up, candidates", "f6", until=lambda: is_("LookupScreen")() and (
            app.screen.query_one("#lookup-results").option_count))
        await visit(pilot, measure, "look up, fields to replace", "enter",
                    until=lambda: app.screen.has_class("-comparing"))
        await visit(pilot, measure, "look up, a field ticked", "space")
        await visit(pilot, None, "review again", "escape", "escape", until=is_("ReviewScreen"))
        review.go(1)
        await visit(pilot, measure, "images", "ctrl+f", until=is_("ImagesScreen"))
        await visit(pilot, None, "review again", "escape", until=is_("ReviewScreen"))
        review.go(2)
        await visit(pilot, measure, "images, none yet", "ctrl+f", until=is_("ImagesScreen"))
        await visit(pilot, None, "review again", "escape", until=is_("ReviewScreen"))
        await visit(pilot, measure, "history", "f5", until=is_("HistoryScreen"))
        await visit(pilot, None, "review again", "escape", until=is_("ReviewScreen"))
        await visit(pilot, measure, "export", "ctrl+g", until=is_("ExportScreen"))
        await visit(pilot, measure, "export, warnings", "tab", "tab")
        await visit(pilot, None, "review again", "escape", until=is_("ReviewScreen"))
        app.push_screen(ConflictScreen(review.library, review.review, review.template))
        await visit(pilot, measure, "conflict", until=is_("ConflictScreen"))
        app.pop_screen()
        app.push_screen(ConfirmScreen("[b]Unsaved text found[/b]: bring it back?", yes="Recover", no="Discard"))
        await visit(pilot, measure, "confirm", until=is_("ConfirmScreen"))
        app.pop_screen()
        await visit(pilot, measure, "command palette", "ctrl+p", until=is_("CommandPalette"))
        await visit(pilot, None, "review again", "escape", until=is_("ReviewScreen"))
    assert len(measure.places) > 25
    if measure.problems and os.environ.get("CONTRAST_REPORT"):
        with open(os.environ["CONTRAST_REPORT"], "a", encoding="utf-8") as out:
            out.write(f"== {theme}\n{measure.report()}\n")
    assert not measure.problems, f"{theme}: text below {MIN_CONTRAST}:1\n{measure.report()}"
