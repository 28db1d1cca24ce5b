"""The review screen's containers and the preview's Markdown chunks draw
their own rows as one blank strip (widgets/blank.py): what they draw must be
what Textual draws for them, cell for cell, in every kind of theme."""

import pytest
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, Markdown

from reviewdesk.tui.widgets.blank import BlankHorizontal, BlankSwitcher, BlankVertical
from reviewdesk.tui.widgets.preview import Chunk

PAIRS = ((Vertical, BlankVertical), (Horizontal, BlankHorizontal), (ContentSwitcher, BlankSwitcher))
TEXT = "## A heading\n\nA paragraph with *emphasis*.\n\n- a list"


class Side(App):
    CSS = """
    Vertical, Horizontal, ContentSwitcher { padding: 0 1; height: 3; background: $panel; }
    Markdown.stock { margin: 0; padding: 0 1; }  /* as a Chunk is */
    """

    def compose(self):
        for stock, blank in PAIRS:
            yield stock(classes="stock")
            yield blank(classes="blank")
        yield Markdown(TEXT, classes="stock")
        yield Chunk(TEXT)


def cells(widget) -> list[list[tuple]]:
    """The widget's own rows, cell by cell: (character, style)."""
    return [[(ch, segment.style) for segment in strip for ch in segment.text]
            for strip in widget.render_lines(widget.region.reset_offset)]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi-dark", "nord"])
async def test_blank_widgets_draw_what_textual_draws(theme):
    app = Side()
    async with app.run_test(size=(40, 40)) as pilot:
        app.theme = theme
        await pilot.pause()
        stock, blank = list(app.query(".stock")), [*app.query(".blank"), app.query_one(Chunk)]
        for ours, theirs in zip(blank, stock, strict=True):
            assert ours.size == theirs.size and ours.size.height > 0
            assert cells(ours) == cells(theirs), (theme, type(ours).__name__)
