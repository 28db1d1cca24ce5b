"""Every shipped theme renders the review screen: one snapshot each, at 100x30.

The theme is chosen the way a writer's is, through the settings file, and
the answer on screen uses a heading, emphasis, a list, a link definition and
code so the editor's Markdown colours show. Look at each SVG after
``--snapshot-update`` (``rsvg-convert x.svg -o x.png``) before committing it.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from textual.widgets import Input, TextArea

from reviewdesk.review import draftfile
from reviewdesk.config import locations
from reviewdesk.review.library import Library
from reviewdesk.review.model import Review
from reviewdesk.tui.app import ReviewDeskApp

THEMES = sorted(p.stem for p in locations.shipped_themes_dir().glob("*.toml"))
WHEN = datetime(2024, 4, 14, 12, 0, tzinfo=timezone.utc)
ANSWER = """\
## Episode 4

*Metallic Rouge* finally **delivers**: Rouge and Naomi walk into the theatre.

- the brass score
- the `Nean` question

[bones]: https://www.bones.co.jp/

```
a fenced note
```
"""


def write_draft(library) -> str:
    review = Review(template="anime-season", title="Metallic Rouge (Season One)", season="Winter 2024",
                    created=WHEN, updated=WHEN,
                    tagline="On a Mars where humans live alongside androids, Rouge hunts the Immortal Nine.")
    review.set_answer("watched", ANSWER)
    review.set_done("watched")
    review.set_answer("happened", "A monster of the week, then a war.")
    library.mkdir(parents=True, exist_ok=True)
    (library / "metallic-rouge.toml").write_text(draftfile.dumps(review), encoding="utf-8")
    return "metallic-rouge"


async def settle(pilot) -> None:
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()
    for screen in app.screen_stack:
        for widget in screen.query("TextArea, Input"):
            assert isinstance(widget, (TextArea, Input))
            widget.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
def test_review_screen_in_each_theme(snap_compare, library_dir, config_dir, theme):
    (config_dir / "settings.toml").write_text(f'theme = "{theme}"\n')
    slug = write_draft(library_dir)
    app = ReviewDeskApp(library=Library(library_dir), open_slug=slug)

    async def run_before(pilot) -> None:
        await settle(pilot)
        assert app.theme == theme
        assert type(app.screen).__name__ == "ReviewScreen"
        for _ in range(2):  # it opens at the first unanswered question; walk back to the first
            await pilot.press("ctrl+o")
            await settle(pilot)
        assert app.screen.focused.text == ANSWER

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
