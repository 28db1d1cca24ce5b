"""The answer editor highlights Markdown block by block; what it draws is
what Textual's own Markdown TextArea draws for the same text, through edits
that reach across blocks (a fence opened above), undo, and text that is not
ASCII. One difference, in a selection: the selection's text colour wins over
the Markdown colours there (TextArea lays the selection over the line the
editor gives it), where TextArea's own highlighting keeps them."""

from __future__ import annotations

from textual.app import App
from textual.widgets import TextArea

from reviewdesk.tui.theming import follow_app_theme, install_themes
from reviewdesk.tui.widgets.editor import AnswerEditor
from drawn import drawn_lines
from waiting import wait_for

ANSWER = """## Episode 4

*Metallic Rouge* finally **delivers**: Rouge and Naomi walk into the théâtre — “at last”.

- the brass score
- the `Nean` question

  a list item's second paragraph

> a quote
> on two lines

[bones]: https://www.bones.co.jp/ "Studio Bones"

```
a fenced note

with a blank line inside
```

Setext heading
--------------

An escaped \\*star\\* and a last paragraph that is long enough to wrap at least once in the editor."""


class Editors(App):
    AUTO_FOCUS = None  # neither editor focused: neither draws its cursor
    CSS = "Screen { layout: horizontal; } TextArea { width: 50; height: 40; }"

    def compose(self):
        yield AnswerEditor(ANSWER, "watched", id="ours")
        yield TextArea(ANSWER, language="markdown", soft_wrap=True, show_line_numbers=False,
                       highlight_cursor_line=False, id="theirs")

    def on_mount(self) -> None:
        install_themes(self)
        follow_app_theme(self.query_one("#theirs", TextArea))


def looks(editor) -> list[list[tuple]]:
    return [[(segment.text, segment.style) for segment in line] for line in drawn_lines(editor)]


def cells(editor) -> list[list[tuple]]:
    """Each cell's character and background."""
    return [[(char, segment.style.bgcolor) for segment in line for char in segment.text]
            for line in drawn_lines(editor)]


async def same(pilot, ours, theirs, what: str) -> None:
    await wait_for(pilot, lambda: ours.text == theirs.text, "both texts alike")
    await pilot.pause()
    assert looks(ours) == looks(theirs), what


async def test_the_editor_draws_what_textual_s_markdown_text_area_draws():
    app = Editors()
    async with app.run_test(size=(110, 42)) as pilot:
        ours, theirs = app.query_one(AnswerEditor), app.query_one("#theirs", TextArea)
        for editor in (ours, theirs):
            editor.cursor_blink = False
        for theme in ("desk-ink", "desk-paper", "textual-light"):
            app.theme = theme
            await same(pilot, ours, theirs, theme)
        edits = [((0, 0), "```\n"),  # a fence opened above: everything below is code
                 ((0, 0), ""),
                 ((2, 10), " *more*"),
                 ((5, 0), "# "),
                 ((30, 0), "\n\nA new paragraph with `code`.")]
        for location, text in edits:
            for editor in (ours, theirs):
                if text:
                    editor.insert(text, location)
                else:
                    editor.undo()
            await same(pilot, ours, theirs, f"after {text or 'undo'!r} at {location}")
        # Typing at the end of a long paragraph, a word at a time, the cursor
        # moving: rows the editor kept and rows it drew again alike.
        end = (ours.document.line_count - 1, len(ours.document[-1]))
        for word in " and more words, typed one after the other until the paragraph wraps again".split(" "):
            for editor in (ours, theirs):
                editor.insert(word + " ", end)
            end = ours.cursor_location
            await same(pilot, ours, theirs, f"typed {word!r}")
            drawn = {}
            for editor in (ours, theirs):  # each with the focus: its cursor drawn
                app.set_focus(editor)
                await pilot.pause()
                drawn[editor] = looks(editor)
            app.set_focus(None)
            assert drawn[ours] == drawn[theirs], f"typed {word!r}, focused"
        for editor in (ours, theirs):
            editor.move_cursor((2, 5))
        await same(pilot, ours, theirs, "the cursor moved up")
        for editor in (ours, theirs):
            editor.select_all()
        await pilot.pause()
        assert cells(ours) == cells(theirs)  # the same text, the same selection
