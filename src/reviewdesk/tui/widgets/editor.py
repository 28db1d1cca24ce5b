"""The answer editor: a Markdown TextArea that wraps like prose.

Textual's TextArea keeps one tree-sitter tree of the whole document and, on
every key, re-parses it and re-queries every highlight of every line: at
50,000 words that is well over 100 ms a key (the Markdown grammar gains
little from incremental parsing). The answer editor highlights block by
block instead: the document is split at blank lines (a fenced code block,
blank lines and all, is one block; an indented block stays with the block
before it, as a list item's second paragraph does), a block is parsed on its
own the first time one of its lines is drawn, and the result is cached by
the block's text. A key re-parses the paragraph being written, not the answer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict

from rich.text import Text
from textual.content import Content
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Region, Size, Spacing
from textual.widgets import TextArea

from reviewdesk.publish.markdown_blocks import line_blocks
from reviewdesk.tui.compositor import ShownWithoutArranging
from reviewdesk.tui.safe_text import has_controls as _has_controls
from reviewdesk.tui.safe_text import visible

_CACHE_BLOCKS = 512  # parsed blocks kept per editor (a 50,000-word answer has ~500)

Highlight = tuple[int, "int | None", str]


class _Markdown:
    """The Markdown parser and highlight query, made once for every editor."""

    parser = None
    query = None
    tried = False
    _loading = threading.Lock()  # the library screen loads it ahead, in a thread

    @classmethod
    def ready(cls) -> bool:
        if not cls.tried:
            with cls._loading:
                if not cls.tried:
                    try:
                        cls._load()
                    finally:
                        cls.tried = True
        return cls.parser is not None and cls.query is not None

    @classmethod
    def _load(cls) -> None:
        try:
            from textual._tree_sitter import get_language
            from tree_sitter import Parser, Query

            language = get_language("markdown")
            if language is None:
                return
            source = TextArea._get_builtin_highlight_query("markdown")
            cls.parser = Parser(language)
            cls.query = Query(language, source) if source else None
        except (ImportError, OSError, ValueError, TypeError):  # no tree-sitter, or no grammar: plain text
            cls.parser = None

    @classmethod
    def highlights(cls, text: str) -> list[tuple[int, Highlight]]:
        """(row within the block, highlight) for every capture, in the order
        TextArea itself would add them."""
        from tree_sitter import QueryCursor

        # A block is followed by a blank line in the answer: parse it so, and
        # its last row's captures (a code block's end) fall on that line.
        tree = cls.parser.parse((text + "\n\n").encode("utf-8"))
        found: list[tuple[int, Highlight]] = []
        for name, nodes in QueryCursor(cls.query).captures(tree.root_node).items():
            for node in nodes:
                (top, left), (bottom, right) = node.start_point, node.end_point
                if top == bottom:
                    found.append((top, (left, right, name)))
                else:
                    found.append((top, (left, None, name)))
                    found.extend((row, (0, None, name)) for row in range(top + 1, bottom))
                    found.append((bottom, (0, right, name)))
        return found


def warm_up() -> None:
    """Load the Markdown grammar now (from any thread): the first editor
    then highlights without waiting for it."""
    _Markdown.ready()


def markdown_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line ranges parsed on their own: runs of non-blank lines,
    a fenced code block whole, an indented block joined to the one before
    (the core's quick split, :func:`reviewdesk.publish.markdown_blocks.line_blocks`)."""
    return line_blocks(lines, join_indented=True)


class _BlockHighlights(dict):
    """Line index -> highlights, filled block by block as lines are drawn."""

    def __init__(self, editor: AnswerEditor) -> None:
        super().__init__()
        self._editor = editor
        self._starts: list[int] | None = None
        self._blocks: list[tuple[int, int]] = []

    def __bool__(self) -> bool:
        return True  # TextArea skips highlighting for an empty map

    def clear(self) -> None:
        super().clear()
        self._starts = None

    def __missing__(self, line: int) -> list[Highlight]:
        from bisect import bisect_right

        lines = self._editor.document.lines
        if self._starts is None:
            self._blocks = markdown_blocks(lines)
            self._starts = [first for first, _ in self._blocks]
        at = bisect_right(self._starts, line) - 1
        if at < 0 or line > self._blocks[at][1]:
            self[line] = []  # a blank line between blocks
            return self[line]
        first, end = self._blocks[at]
        by_row = self._editor._block_highlights("\n".join(lines[first:end]))
        for row in range(first, end):
            self[row] = by_row.get(row - first, [])
        if end < len(lines) and (at + 1 == len(self._blocks) or self._blocks[at + 1][0] > end):
            self[end] = by_row.get(end - first, [])  # the blank line after the block
        return self[line]


class _WrappedDocument(WrappedDocument):
    """Textual's wrapped document, with its height in O(1): the stock one adds
    up every line's wrap offsets, and TextArea asks for it once per drawn row."""

    @property
    def height(self) -> int:
        return len(self._offset_to_line_info)

    def wrapped_at(self, width: int, tab_width: int) -> bool:
        """True when the wrapping is already for ``width`` and ``tab_width``.

        TextArea keeps the wrapping in step with every edit (``wrap_range``)
        and a new text gets a new wrapped document, so the same width means
        the same wrapping."""
        return self._width == width and self._tab_width == tab_width

    def take_wrapping(self, other: WrappedDocument) -> None:
        """Use ``other``'s wrapping, made for the same lines (off the event loop)."""
        self._width, self._tab_width = other._width, other._tab_width
        self._wrap_offsets = other._wrap_offsets
        self._offset_to_line_info = other._offset_to_line_info
        self._line_index_to_offsets = other._line_index_to_offsets
        self._tab_width_cache = other._tab_width_cache


def wrap_lines(lines: list[str], width: int, height: int, scrollbar: int, tab_width: int) -> _WrappedDocument:
    """The wrapping an editor holding ``lines`` needs when shown with ``width``
    cells for its text (no scrollbar) and ``height`` rows: pure, so that it
    can be made in a thread. A scrollbar (``scrollbar`` cells) narrows the
    text when the wrapped answer is taller than the editor, as TextArea
    itself decides."""
    wrapped = _WrappedDocument(Document("\n".join(lines)), tab_width=tab_width)
    for wrap_width in (width, width - scrollbar):
        wrapped.wrap(max(0, wrap_width), tab_width)
        if wrapped.height <= height:
            break
    return wrapped


class AnswerEditor(ShownWithoutArranging, TextArea):
    """One question's answer. Soft wrap, Markdown highlighting, undo."""

    DEFAULT_CSS = """
    AnswerEditor { height: 1fr; border: round $border-blurred; padding: 0 1; }
    AnswerEditor:focus { border: round $border; }
    """

    _by_blocks = False  # True while the language is Markdown and tree-sitter works

    def __init__(self, text: str, question_id: str, **kwargs) -> None:
        super().__init__(
            text,
            language="markdown",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=Content("Write your answer here. Markdown works: *emphasis*, **strong**, [links](https://…)."),
            **kwargs,
        )
        self.question_id = question_id
        self._rows: dict[tuple, object] = {}  # drawn rows, by what they show (render_line)

    # Highlighting block by block -------------------------------------------
    def _set_document(self, text: str, language: str | None) -> None:
        # The language stays "markdown" (the theme follows it); the document is
        # plain text, so no edit re-parses the whole answer.
        self._by_blocks = language == "markdown" and _Markdown.ready()
        super()._set_document(text, None if self._by_blocks else language)
        self.wrapped_document.__class__ = _WrappedDocument

    def _build_highlight_map(self) -> None:
        if not self._by_blocks:
            if isinstance(self._highlights, _BlockHighlights):
                self._highlights = defaultdict(list)
            super()._build_highlight_map()
            return
        self._line_cache.clear()
        if isinstance(self._highlights, _BlockHighlights):
            self._highlights.clear()
        else:
            self._highlights = _BlockHighlights(self)

    def _rewrap_and_refresh_virtual_size(self) -> None:
        # TextArea re-wraps the whole answer on every resize, and a hidden
        # editor shown again (the question revisited) gets one, as do scrollbar
        # changes: at 50,000 words that is a few hundred milliseconds for
        # wrapping that has not changed. Only a new width re-wraps.
        # Its drawn lines stay too: the same wrap width is the same text width.
        wrapped = self.wrapped_document
        if isinstance(wrapped, _WrappedDocument) and wrapped.wrapped_at(self.wrap_width, self.indent_width):
            self._refresh_size()
            return
        super()._rewrap_and_refresh_virtual_size()

    # Drawn lines kept while they look the same ------------------------------
    _look: tuple = ()
    _row_width = 0

    def notify_style_update(self) -> None:
        # TextArea forgets every drawn line on any style update, and taking
        # or losing the focus is one (the border changes colour): a question
        # revisited drew all its lines again, 4-16 ms of a switch at 50,000
        # words. The lines are forgotten when their colours change, which
        # render_lines checks.
        super(TextArea, self).notify_style_update()

    def render_lines(self, crop: Region):
        theme = self._theme
        if theme:
            theme.apply_css(self)
            look = (theme, self.rich_style, theme.base_style, theme.cursor_style, theme.cursor_line_style,
                    theme.selection_style, theme.bracket_matching_style, theme.gutter_style)
        else:
            look = (None, self.rich_style)
        if look != self._look:
            self._line_cache.clear()
            self._rows.clear()
            self._look = look
        self._row_width = self.scrollable_content_region.width  # asked once per frame, not per row
        return super(TextArea, self).render_lines(crop)

    _ROWS_KEPT = 1024  # as many as TextArea keeps

    def render_line(self, y: int):
        """One row, drawn again only when something it shows changed.

        TextArea keys its drawn rows by the whole selection when the text
        wraps, so every key (the cursor moves) drew every row again: at
        50,000 words a long paragraph's row costs the whole paragraph's
        styling, ~0.4 ms, about 40 rows a key. Here a row is keyed by what
        it shows (see :meth:`_row_key`). Typing draws the row being
        written, not the screen, nor the rest of its paragraph."""
        document = self.document
        if not self.soft_wrap or (document.line_count == 1 and not document[0] and self.placeholder):
            return super().render_line(y)  # unwrapped rows are as wide as the widest line; a placeholder
        key = (self.size, self._row_width, self.scroll_offset.x, self._row_key(y),
               self.theme, self.match_cursor_bracket, self.highlight_cursor_line, self.soft_wrap,
               self.show_line_numbers, self.line_number_start, self.read_only, self.show_cursor, self.indent_width)
        rows = self._rows
        strip = rows.get(key)
        if strip is None:
            if len(rows) >= self._ROWS_KEPT:
                rows.clear()
            strip = rows[key] = self._render_line(y)
        return strip

    def _row_key(self, y: int) -> tuple:
        """What row ``y`` shows: its part of its line's text and the
        highlights on that part, and the cursor if it is on the row (or
        only that it is on the line: the line's other rows look the same
        wherever it is in the line). A paragraph is one line, and typing
        into it changes the text of its later rows only. Rows of a line
        with a selection, a lit bracket, a suggestion, a tab or a control
        character are keyed by the whole line, which they may depend on."""
        wrapped = self.wrapped_document
        try:
            line_index, section = wrapped._offset_to_line_info[self.scroll_offset.y + y]
        except IndexError:
            return ("none",)
        text = self.document[line_index]
        selection = self.selection
        start, end = selection
        top, bottom = sorted((start[0], end[0]))
        bracket = self._matching_bracket_location
        on_line = end[0] == line_index
        selected = start != end and top <= line_index <= bottom
        gutter = line_index if self.show_line_numbers else None
        if (selected or (bracket is not None and bracket[0] == line_index) or (on_line and self.suggestion)
                or "\t" in text or _has_controls(text)):
            return ("line", line_index, section, text, tuple(wrapped.get_offsets(line_index)),
                    tuple(self._highlights[line_index]), selection if selected else None,
                    (end, self._draw_cursor, self.has_focus, bracket, self.suggestion) if on_line else None)
        offsets = wrapped.get_offsets(line_index)
        first = offsets[section - 1] if section else 0
        last = section == len(offsets)
        past = len(text) if last else offsets[section]
        if text.isascii():
            low, high = first, past
        else:
            low = len(text[:first].encode("utf-8"))
            high = low + len(text[first:past].encode("utf-8"))
        if last:
            high += 1  # the space after the line, where the cursor rests at its end
        # A highlight's end of None or 0 runs to the end of the line, as TextArea reads it.
        marks = tuple((max(mark_start, low) - low, None if not mark_end or mark_end >= high else mark_end - low,
                       name)
                      for mark_start, mark_end, name in self._highlights[line_index]
                      if mark_start < high and (not mark_end or mark_end > low))
        cursor = None
        if on_line:
            column = end[1]
            cursor = ((column - first, self._draw_cursor, self.has_focus) if first <= column <= past
                      else ("on its line", self.has_focus))
        return ("row", gutter, section == 0, last, text[first:past], marks, cursor)

    def _placed(self) -> None:
        # Shown by a switch and just placed by the layout, before its frame
        # is drawn: wrapped for its width (a wrapping made ahead, in a thread,
        # is taken as it is) and scrolled to its cursor now, so that the
        # frame shows the end of the answer, not its top and then a jump.
        self._rewrap_and_refresh_virtual_size()
        if self._has_cursor:
            self._recompute_cursor_offset()
            x, y = self._cursor_offset
            self.scroll_to_region(Region(x, y, width=3, height=1), spacing=Spacing(right=self.gutter_width),
                                  animate=False, force=True, immediate=True)
        super()._placed()

    def _refresh_size(self) -> None:
        # A line more (a word wrapping, Enter) changes the answer's scrollable
        # height, and Textual lays the whole screen out again (with the
        # preview open, every part of the post) to tell the editor so, only
        # for the editor to update its scrollbar: it does that here. Its own
        # size does not depend on its text; a scrollbar that appears or goes
        # still asks for a layout.
        if not (self.soft_wrap and self._size and self.display):
            super()._refresh_size()
            return
        virtual_size = Size(0, self.wrapped_document.height)
        if virtual_size != self.virtual_size:
            self.set_reactive(TextArea.virtual_size, virtual_size)
            self._scroll_update(virtual_size)
            self.refresh()
        self._refresh_scrollbars()

    def take_wrap(self, wrapped: _WrappedDocument, lines: list[str]) -> bool:
        """Use ``wrapped`` (from :func:`wrap_lines`) if the text is still
        ``lines`` and the editor has not been wrapped for a width meanwhile
        (an editor never shown is wrapped for none)."""
        mine = self.wrapped_document
        if not isinstance(mine, _WrappedDocument) or mine._width or self.document.lines != lines:
            return False
        mine.take_wrapping(wrapped)
        return True

    def _block_highlights(self, text: str) -> dict[int, list[Highlight]]:
        cache = self.__dict__.setdefault("_parsed_blocks", OrderedDict())
        found = cache.get(text)
        if found is None:
            found = {}
            for row, highlight in _Markdown.highlights(text):
                found.setdefault(row, []).append(highlight)
            cache[text] = found
            if len(cache) > _CACHE_BLOCKS:
                cache.popitem(last=False)
        else:
            cache.move_to_end(text)
        return found

    def get_line(self, line_index: int) -> Text:
        """The line as shown: a pasted control character appears as its picture
        (␛ for ESC) instead of reaching the terminal; the text itself is kept."""
        line = self.document.get_line(line_index)
        return Text(visible(line) if _has_controls(line) else line, end="", no_wrap=True)

    def on_mount(self) -> None:
        from reviewdesk.tui.theming import follow_app_theme

        follow_app_theme(self)  # Markdown colours from the app theme, switching with it
