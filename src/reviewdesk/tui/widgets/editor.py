"""The answer editor: a Markdown TextArea that wraps like prose.

Textual's TextArea does the editing: soft wrap, undo, the cursor and the
selection, in the app theme's colours (see
:func:`reviewdesk.tui.theming.follow_app_theme`). Its own Markdown
highlighting keeps one tree-sitter tree of the whole answer and, on every
key, queries every highlight of every line again: about 10 ms a key at
8,000 words and 70 ms at 50,000. The answer editor highlights block by block
instead, through TextArea's public ``get_line`` (the line as drawn): the
answer is split at blank lines (a fenced code block, blank lines and all, is
one block; an indented block stays with the block before it, as a list
item's second paragraph does), a block is parsed on its own the first time
one of its lines is drawn, and the result is kept by the block's text. A key
parses the paragraph being written again, not the answer. The grammar,
highlight names and colours are the ones TextArea uses for Markdown.

TextArea draws every row again on every key when it wraps (its row cache is
kept by the selection, which every key moves), and a row is drawn from its
whole paragraph. The editor keeps the rows it drew by what they show (their
text and highlights; see :meth:`AnswerEditor.render_line`), so a key draws the
row being written and the ones after it in its paragraph, not the screen:
fewer rows drawn, and fewer strips made, each of which the garbage collector
walks until it is dropped.

The editor also shows a pasted control character as its picture instead of
sending it to the terminal.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict

from rich.style import Style
from rich.text import Span, Text
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea

from reviewdesk.publish.markdown_blocks import line_blocks
from reviewdesk.tui.safe_text import has_controls, visible

PLACEHOLDER = "Write your answer here. Markdown works: *emphasis*, **strong**, [links](https://…)."
_CACHE_BLOCKS = 512  # parsed blocks kept per editor (a 50,000-word answer has ~500)
_ROWS_KEPT = 512  # drawn rows kept per editor

# The highlights TextArea's Markdown language uses, by the names its themes style.
MARKDOWN_HIGHLIGHTS = """
(atx_heading (inline) @heading)
(setext_heading (paragraph) @heading)
[
  (atx_h1_marker) (atx_h2_marker) (atx_h3_marker) (atx_h4_marker) (atx_h5_marker) (atx_h6_marker)
  (setext_h1_underline) (setext_h2_underline)
] @heading.marker
[(link_title) (indented_code_block) (fenced_code_block)] @text.literal
[(fenced_code_block_delimiter)] @punctuation.delimiter
(code_fence_content) @none
[(link_destination)] @link.uri
[(link_label)] @link.label
[
  (list_marker_plus) (list_marker_minus) (list_marker_star) (list_marker_dot) (list_marker_parenthesis)
  (thematic_break)
] @list.marker
[(block_continuation) (block_quote_marker)] @punctuation.special
[(backslash_escape)] @string.escape
"""

Highlight = tuple[int, "int | None", str]  # start and end (UTF-8 byte columns; None: to the end), name


class MarkdownGrammar:
    """tree-sitter's Markdown grammar and the highlight query, made once for
    every editor, from whichever thread asks first."""

    parser = None
    query = None
    tried = False
    loading = threading.Lock()

    @classmethod
    def ready(cls) -> bool:
        if not cls.tried:
            with cls.loading:
                if not cls.tried:
                    try:
                        cls.load()
                    finally:
                        cls.tried = True
        return cls.parser is not None and cls.query is not None

    @classmethod
    def load(cls) -> None:
        try:
            import tree_sitter_markdown
            from tree_sitter import Language, Parser, Query

            language = Language(tree_sitter_markdown.language())
            cls.parser = Parser(language)
            cls.query = Query(language, MARKDOWN_HIGHLIGHTS)
        except (ImportError, OSError, ValueError, TypeError):  # no tree-sitter, or no grammar: plain text
            cls.parser = cls.query = None

    @classmethod
    def highlights(cls, text: str) -> dict[int, list[Highlight]]:
        """Row within ``text`` -> its highlights, in the order TextArea adds them."""
        from tree_sitter import QueryCursor

        # A block is followed by a blank line in the answer: parse it so, and
        # its last row's captures (a code block's end) fall on that line.
        tree = cls.parser.parse((text + "\n\n").encode("utf-8"))
        found: dict[int, list[Highlight]] = {}
        for name, nodes in QueryCursor(cls.query).captures(tree.root_node).items():
            for node in nodes:
                (top, left), (bottom, right) = node.start_point, node.end_point
                if top == bottom:
                    found.setdefault(top, []).append((left, right, name))
                else:
                    found.setdefault(top, []).append((left, None, name))
                    for row in range(top + 1, bottom):
                        found.setdefault(row, []).append((0, None, name))
                    found.setdefault(bottom, []).append((0, right, name))
        return found


def warm_up() -> None:
    """Load the editor's modules and Markdown grammar now (from any thread),
    so that the first answer opened does not wait for them."""
    MarkdownGrammar.ready()


def markdown_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line ranges parsed on their own: runs of non-blank lines,
    a fenced code block whole, an indented block joined to the one before
    (the core's quick split, :func:`reviewdesk.publish.markdown_blocks.line_blocks`)."""
    return line_blocks(lines, join_indented=True)


def _char_offsets(line: str) -> dict[int, int] | None:
    """UTF-8 byte column -> character column for a line that is not ASCII."""
    if line.isascii():
        return None
    offsets, byte = {}, 0
    for index, char in enumerate(line):
        offsets[byte] = index
        byte += len(char.encode("utf-8"))
    offsets[byte] = len(line)
    return offsets


class AnswerEditor(TextArea):
    """One question's answer. Soft wrap, Markdown highlighting, undo."""

    DEFAULT_CSS = """
    AnswerEditor { height: 1fr; border: round $border-blurred; padding: 0 1; }
    AnswerEditor:focus { border: round $border; }
    """

    def __init__(self, text: str, question_id: str, **kwargs) -> None:
        super().__init__(
            text,
            language=None,  # highlighted block by block (get_line), not by TextArea
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=Content(PLACEHOLDER),
            **kwargs,
        )
        self.question_id = question_id
        self.syntax_styles: dict[str, Style] = {}  # highlight name -> style, from the app theme
        self.parsed_blocks: OrderedDict[str, dict[int, list[Highlight]]] = OrderedDict()
        self.block_ranges: list[tuple[int, int]] | None = None  # for the text being drawn
        self.block_starts: list[int] = []
        self.drawn_rows: LRUCache[tuple, Strip] = LRUCache(_ROWS_KEPT)
        self.visible_rows: dict[int, tuple[int, int]] | None = None  # worked out once per frame

    # Colours -------------------------------------------------------------------

    def on_mount(self) -> None:
        from reviewdesk.tui.theming import follow_app_theme

        follow_app_theme(self)  # the base, cursor and selection colours of the app theme
        self.take_syntax_colours(self.app.current_theme)
        self.app.theme_changed_signal.subscribe(self, self.take_syntax_colours)

    def on_unmount(self) -> None:
        """Let go of the theme and of every row and highlight drawn. Textual's
        TextArea stays on the app's list of theme watchers after it is gone
        (until the theme next changes), so an editor closed with its review
        would keep them in memory for the rest of the session."""
        from reviewdesk.tui.theming import forget_theme_changes

        forget_theme_changes(self)
        self.drawn_rows.clear()
        self.parsed_blocks.clear()
        self.block_ranges, self.block_starts, self.visible_rows = None, [], None
        self.notify_style_update()  # TextArea's own drawn rows

    def take_syntax_colours(self, theme) -> None:
        from reviewdesk.tui.theming import editor_theme

        self.syntax_styles = dict(editor_theme(theme).syntax_styles)
        self.refresh()

    # Drawing -----------------------------------------------------------------------

    def render_lines(self, crop: Region):
        self.block_ranges = None  # the text may have changed since the last frame
        self.visible_rows = None
        return super().render_lines(crop)

    def row_places(self) -> dict[int, tuple[int, int]]:
        """Wrapped row -> (line, section) for the rows on screen, and the
        cursor's row under the key -1: worked out once per frame from the
        wrap offsets (asking the wrapped document row by row costs a division
        of the row's whole paragraph each time)."""
        if self.visible_rows is None:
            wrapped, top = self.wrapped_document, self.scroll_offset.y
            bottom = top + self.size.height
            cursor_line, cursor_column = self.selection.end
            places: dict[int, tuple[int, int]] = {}
            row = 0
            for line_index in range(self.document.line_count):
                offsets = wrapped.get_offsets(line_index)
                if line_index == cursor_line:
                    places[-1] = (row + bisect_right(offsets, cursor_column), 0)
                if row + len(offsets) >= top:
                    for section in range(len(offsets) + 1):
                        if top <= row + section < bottom:
                            places[row + section] = (line_index, section)
                row += len(offsets) + 1
                if row >= bottom and line_index >= cursor_line:
                    break
            self.visible_rows = places
        return self.visible_rows

    def render_line(self, y: int) -> Strip:
        """Row ``y``, drawn again only when what it shows changed: its part of
        its line's text, the highlights on that part, the editor's size and theme
        (its colours: the rows are forgotten on every style update).
        TextArea draws the row with the cursor (which blinks), the rows of a
        line in the selection or with the bracket matching the cursor's, and
        anything when the answer is empty (its placeholder), every time."""
        document = self.document
        row = self.scroll_offset.y + y
        places = self.row_places() if self.soft_wrap else {}
        if row not in places or (document.line_count == 1 and not document[0]):
            return super().render_line(y)
        line_index, section = places[row]
        start, end = self.selection
        bracket = self.matching_bracket_location
        if ((start != end and min(start[0], end[0]) <= line_index <= max(start[0], end[0]))
                or (bracket is not None and bracket[0] == line_index)
                or (line_index == end[0] and abs(row - places[-1][0]) <= 1)):  # the cursor's row, and at a wrap
            return super().render_line(y)
        offsets = self.wrapped_document.get_offsets(line_index)
        line = document.get_line(line_index)
        first = offsets[section - 1] if section else 0
        last = section == len(offsets)
        past = len(line) if last else offsets[section]
        key = (self.size, self.scroll_offset.x, self.theme, self.indent_width, section == 0,
               last, line[first:past], tuple(self.row_highlights(line, line_index, first, past, last)))
        strip = self.drawn_rows.get(key)
        if strip is None:
            strip = self.drawn_rows[key] = super().render_line(y)
        return strip

    def row_highlights(self, line: str, line_index: int, first: int, past: int, last: bool):
        """The highlights on characters ``first`` to ``past`` of the line (and the
        cell after the line's end, on its last row), relative to ``first``."""
        if not (self.syntax_styles and MarkdownGrammar.ready()):
            return
        offsets = _char_offsets(line)
        limit = past + 1 if last else past
        for start, end, name in self.line_highlights(line_index):
            if offsets is not None:
                start, end = offsets.get(start, 0), offsets.get(end) if end else None
            end = end or len(line) + 1
            if start < limit and end > first:
                yield max(start, first) - first, min(end, limit) - first, name

    def notify_style_update(self) -> None:
        self.drawn_rows.clear()  # a theme or a focus change: the colours may be new
        super().notify_style_update()

    def get_line(self, line_index: int) -> Text:
        """The line as drawn: its Markdown highlights, and a pasted control
        character as its picture (␛ for ESC); the text itself is kept."""
        line = self.document.get_line(line_index)
        text = Text(visible(line) if has_controls(line) else line, end="", no_wrap=True)
        if self.syntax_styles and MarkdownGrammar.ready():
            offsets = _char_offsets(line)
            past = len(line) + 1  # TextArea adds a cell for the cursor; a highlight to the end covers it
            for start, end, name in self.line_highlights(line_index):
                style = self.syntax_styles.get(name)
                if style is None:
                    continue
                if offsets is not None:  # as TextArea reads a highlight's byte columns
                    start, end = offsets.get(start, 0), offsets.get(end) if end else None
                end = min(end, past) if end else past  # an end of None or 0 runs to the end of the line
                if start < end:
                    text.spans.append(Span(start, end, style))
        return text

    def line_highlights(self, line_index: int) -> list[Highlight]:
        lines = self.document.lines
        if self.block_ranges is None:
            self.block_ranges = markdown_blocks(lines)
            self.block_starts = [first for first, _ in self.block_ranges]
        at = bisect_right(self.block_starts, line_index) - 1
        if at < 0:
            return []
        first, end = self.block_ranges[at]
        following = self.block_ranges[at + 1][0] if at + 1 < len(self.block_ranges) else len(lines)
        if line_index > end or (line_index == end and following == end):
            return []  # a blank line between blocks (the one after a block may hold its end)
        text = "\n".join(lines[first:end])
        found = self.parsed_blocks.get(text)
        if found is None:
            found = self.parsed_blocks[text] = MarkdownGrammar.highlights(text)
            if len(self.parsed_blocks) > _CACHE_BLOCKS:
                self.parsed_blocks.popitem(last=False)
        else:
            self.parsed_blocks.move_to_end(text)
        return found.get(line_index - first, [])
