"""The answer editor highlights Markdown block by block, as TextArea would
for the whole answer, and keeps the highlights right while the writer types."""

from __future__ import annotations

from textual.app import App
from textual.widgets import TextArea

from reviewdesk.tui.widgets.editor import AnswerEditor, markdown_blocks

SAMPLE = """\
## Episode 4

*Metallic Rouge* finally **delivers**: Rouge and Naomi walk into the theatre.

- the brass score
- the `Nean` question

[bones]: https://www.bones.co.jp/

```
a fenced note

with a blank line inside
```

> a quote
> that goes on

Setext heading
===
"""


def painted(line: str, highlights) -> list[str | None]:
    """The highlight name each cell ends up with, as TextArea applies them."""
    cells: list[str | None] = [None] * (len(line.encode()) + 1)
    for start, end, name in highlights:
        for i in range(start, min(end or len(cells), len(cells))):
            cells[i] = name
    return cells


class Pair(App):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self):
        yield TextArea(self.text, language="markdown", id="reference")
        yield AnswerEditor(self.text, "watched", id="answer")


async def test_block_highlights_match_the_whole_documents():
    app = Pair(SAMPLE)
    async with app.run_test():
        reference = app.query_one("#reference", TextArea)
        answer = app.query_one("#answer", AnswerEditor)
        assert answer.language == "markdown"
        assert not answer.is_syntax_aware  # no whole-document tree to re-parse on each key
        lines = reference.document.lines
        for i, line in enumerate(lines[:-4]):  # the setext heading's marker order differs: see below
            assert painted(line, answer._highlights[i]) == painted(line, reference._highlights.get(i, [])), (i, line)
        heading = lines.index("===")
        assert {name for _, _, name in answer._highlights[heading]} >= {"heading.marker"}


async def test_highlights_follow_an_edit():
    app = Pair("Plain words.\n\nMore plain words.")
    async with app.run_test() as pilot:
        answer = app.query_one("#answer", AnswerEditor)
        assert answer._highlights[2] == []
        answer.focus()
        answer.move_cursor((2, 0))
        await pilot.press("#", " ")
        await pilot.pause()
        assert answer.document.lines[2] == "# More plain words."
        assert ("heading.marker" in {name for _, _, name in answer._highlights[2]})
        assert answer._highlights[0] == []  # the paragraph above is untouched


async def test_a_fence_opened_above_turns_the_blocks_below_into_code():
    app = Pair("Intro.\n\ncode one\n\ncode two\n")
    async with app.run_test() as pilot:
        answer = app.query_one("#answer", AnswerEditor)
        assert answer._highlights[2] == []
        answer.focus()
        answer.move_cursor((1, 0))
        await pilot.press(*"```")
        await pilot.pause()
        assert answer.document.lines[1] == "```"
        assert "text.literal" in {name for _, _, name in answer._highlights[4]}


async def test_the_wrapped_height_is_the_number_of_rows():
    app = Pair("word " * 400 + "\n\n" + "more " * 300)
    async with app.run_test(size=(60, 20)) as pilot:
        answer = app.query_one("#answer", AnswerEditor)
        await pilot.pause()
        wrapped = answer.wrapped_document
        assert wrapped.height == sum(len(offsets) + 1 for offsets in wrapped._wrap_offsets) > 3
        answer.focus()
        answer.move_cursor(answer.document.end)
        await pilot.press(*"typing on")
        assert wrapped.height == sum(len(offsets) + 1 for offsets in wrapped._wrap_offsets)


def test_blocks_split_at_blank_lines_outside_fences():
    lines = ["one", "", "```", "code", "", "more", "```", "", "- item", "", "    continued", "", "two"]
    assert markdown_blocks(lines) == [(0, 1), (2, 7), (8, 11), (12, 13)]


async def test_an_editor_shown_again_keeps_its_wrapping_and_rewraps_for_a_new_width():
    text = "word " * 400 + "\n\n" + "more " * 300
    app = Pair(text)
    async with app.run_test(size=(60, 20)) as pilot:
        answer = app.query_one("#answer", AnswerEditor)
        await pilot.pause()
        wrapped = answer.wrapped_document
        rows = wrapped.height
        offsets = wrapped._wrap_offsets
        answer.display = False  # as the review screen hides a question's editor
        await pilot.pause()
        answer.display = True
        await pilot.pause()
        answer._rewrap_and_refresh_virtual_size()  # what a resize or a scrollbar change calls
        assert answer.wrapped_document is wrapped and wrapped._wrap_offsets is offsets  # not wrapped again
        answer.focus()
        answer.move_cursor(answer.document.end)
        await pilot.press(*" typed")
        await pilot.pause()
        assert answer.text == text + " typed"
        assert wrapped.height == sum(len(o) + 1 for o in wrapped._wrap_offsets) >= rows
        await pilot.resize_terminal(40, 20)
        await pilot.pause()
        assert wrapped._width == answer.wrap_width and wrapped.height > rows  # narrower: wrapped anew
        fresh = type(wrapped)(answer.document)
        fresh.wrap(answer.wrap_width, answer.indent_width)
        assert wrapped._wrap_offsets == fresh._wrap_offsets


def rows_drawn(monkeypatch, editor: AnswerEditor) -> list[int]:
    """The rows TextArea draws for ``editor`` from now on (a list that fills)."""
    drawn: list[int] = []
    original = TextArea._render_line

    def counted(self, y):
        if self is editor:
            drawn.append(y)
        return original(self, y)

    monkeypatch.setattr(TextArea, "_render_line", counted)
    return drawn


async def test_an_editor_shown_again_draws_only_its_cursor_row_until_its_colours_change(monkeypatch):
    """Hiding, showing and focusing an editor (a question switch) keeps its
    drawn lines; a new theme draws them again in the new colours."""
    app = Pair(SAMPLE)
    async with app.run_test(size=(60, 20)) as pilot:
        answer = app.query_one("#answer", AnswerEditor)
        answer.focus()
        await pilot.pause()
        original = TextArea._render_line
        drawn = rows_drawn(monkeypatch, answer)
        app.query_one("#reference").focus()
        answer.display = False
        await pilot.pause()
        answer.display = True
        answer.focus()
        await pilot.pause()
        assert len(drawn) <= 1  # the cursor's row: it shows the cursor again
        colours = answer._theme.base_style
        drawn.clear()
        app.theme = "textual-light"
        await pilot.pause()
        assert answer._theme.base_style != colours
        anew = rows_as_drawn_anew(answer)
        # Every row, in the new colours (rows that look alike, blank ones, are drawn once).
        assert len(drawn) >= len({tuple(row) for row in anew}) - 1
        assert rows_shown(answer) == anew
        assert app.query_one("#answer").render_line(0) == original(answer, 0)


async def writing_at_the_end(app: Pair, pilot) -> AnswerEditor:
    """The answer editor, focused, its cursor at the end of the text."""
    answer = app.query_one("#answer", AnswerEditor)
    answer.focus()
    answer.move_cursor(answer.document.end)
    await pilot.pause()
    return answer


def rows_as_drawn_anew(editor: AnswerEditor) -> list:
    return [TextArea._render_line(editor, y) for y in range(editor.content_size.height)]


def rows_shown(editor: AnswerEditor) -> list:
    return [editor.render_line(y) for y in range(editor.content_size.height)]


async def test_a_key_draws_the_rows_of_its_paragraph_and_every_row_is_right(monkeypatch):
    """Rows are kept by what they show: a key redraws the paragraph being
    written (not the screen), and whatever the cursor, selection and
    brackets do, each row is the one TextArea would draw."""
    paragraph = "A long paragraph about the brass score and the theatre scene. " * 6
    text = "\n\n".join([paragraph] * 4) + "\n\n(brackets) and *emphasis*"
    app = Pair(text)
    async with app.run_test(size=(60, 30)) as pilot:
        answer = await writing_at_the_end(app, pilot)
        original = TextArea._render_line
        drawn = rows_drawn(monkeypatch, answer)
        await pilot.press(*" more")
        await pilot.pause()
        monkeypatch.setattr(TextArea, "_render_line", original)
        assert 0 < len(set(drawn)) <= 3  # the last paragraph's rows (and the cursor's), not 30
        assert rows_shown(answer) == rows_as_drawn_anew(answer)
        for keys in (["home"], ["up", "up"], ["shift+up", "shift+left"], ["ctrl+home"], ["right"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert rows_shown(answer) == rows_as_drawn_anew(answer), keys
        answer.move_cursor((len(answer.document.lines) - 1, 0))  # on "(": its partner is lit
        await pilot.pause()
        assert answer._matching_bracket_location is not None
        assert rows_shown(answer) == rows_as_drawn_anew(answer)
        answer.blur()
        await pilot.pause()
        assert rows_shown(answer) == rows_as_drawn_anew(answer)


async def test_typing_at_the_end_of_a_long_paragraph_draws_its_last_rows_only(monkeypatch):
    """A paragraph is one line of many rows; a key at its end changes its
    last row (two when a word wraps), and the rows above it stay drawn."""
    paragraph = "The brass score swells as Rouge walks into the theatre, “again” — and again. " * 8
    app = Pair(paragraph)
    async with app.run_test(size=(60, 30)) as pilot:
        answer = await writing_at_the_end(app, pilot)
        rows = answer.wrapped_document.height
        assert rows > 10
        drawn = rows_drawn(monkeypatch, answer)
        for key in "more words":
            drawn.clear()
            await pilot.press(key if key != " " else "space")
            await pilot.pause()
            assert 0 < len(set(drawn)) <= 2, key
        assert rows_shown(answer) == rows_as_drawn_anew(answer)


async def test_every_row_is_right_through_edits_moves_and_selections_in_a_wrapped_paragraph():
    """Rows are kept by their own part of the line: after each of these
    steps, every row is the one TextArea would draw (curly quotes and other
    characters of more than one byte, emphasis across rows, code, links)."""
    import random

    rng = random.Random(11)
    words = ["score", "*brass* band", "“quoted”", "Naomi’s", "**loud**", "`Nean`", "[link](https://x.y/z)",
             "café", "—", "🎺", "theatre", "walks"]
    text = "\n\n".join(" ".join(rng.choice(words) for _ in range(60)) for _ in range(3))
    app = Pair(text)
    async with app.run_test(size=(50, 40)) as pilot:
        answer = app.query_one("#answer", AnswerEditor)
        answer.focus()
        await pilot.pause()
        steps = [["end"], ["ctrl+end"], list("*a*"), ["left"] * 5, list(" “x”"), ["up"], ["home"],
                 ["shift+right"] * 4, ["backspace"], ["down", "down"], list("🎺 é"), ["ctrl+home"],
                 ["shift+down"], ["right"], list("`code` "), ["backspace"] * 3, ["ctrl+z"], ["ctrl+y"]]
        for keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            assert rows_shown(answer) == rows_as_drawn_anew(answer), keys
