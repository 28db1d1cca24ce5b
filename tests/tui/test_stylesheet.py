"""The app's CSS is parsed once per theme, and a new theme still re-colours it."""

from __future__ import annotations

from collections import Counter

import textual.css.stylesheet as stylesheet_module
from textual.color import Color

from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.stylesheet import CachingStylesheet


def _count_parses(monkeypatch) -> Counter:
    parsed: Counter = Counter()
    original = stylesheet_module.parse

    def counting(scope, css, read_from, *args, **kwargs):
        # A widget's CSS is read again, rightly, when a subclass brings it
        # with another tie-breaker: the same CSS with the same settings is
        # what must not be parsed twice.
        parsed[(css, read_from, scope, kwargs.get("is_default_rules"), kwargs.get("tie_breaker"))] += 1
        return original(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", counting)
    return parsed


async def test_at_start_each_piece_of_css_is_parsed_once(draft, monkeypatch):
    lib, slug = draft
    parsed = _count_parses(monkeypatch)
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        app.open_review(slug)
        await pilot.pause(0.5)
        assert isinstance(app.stylesheet, CachingStylesheet)
        assert parsed, "the count saw no CSS parsed"
        twice = {key[1:]: n for key, n in parsed.items() if n > 1}
        assert not twice  # Textual's own stylesheet parsed most of them two to six times


async def test_a_new_theme_parses_again_and_recolours_the_screen(draft, monkeypatch):
    lib, _slug = draft
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        before = app.screen.styles.background
        parsed = _count_parses(monkeypatch)
        app.theme = "desk-paper" if app.theme != "desk-paper" else "desk-ink"
        await pilot.pause(0.2)
        assert parsed  # new colours: the CSS is read again with them
        expected = Color.parse(app.current_theme.background)
        assert app.screen.styles.background != before
        assert app.screen.styles.background.rgb == expected.rgb
