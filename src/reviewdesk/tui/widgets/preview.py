"""The live preview of the post, built so that typing never waits for it.

The post is a sequence of sections (title and tagline, one per question,
Series Information, other shows), each split into chunks of a few
paragraphs. A change redraws only the chunks whose text changed: a long
answer's preview is as cheap to keep up to date as a short one's, where
``Markdown.update`` of a whole answer rebuilds every block of it (about
0.2 s for 8,000 words).

A chunk of plain paragraphs (most of a long review) is one :class:`Prose`
widget: the paragraphs' text drawn the way Textual's Markdown draws a
paragraph, a blank line apart, as separate paragraphs look. Any other chunk
(a heading, a list, a table, code, a quote) is a stock ``Markdown`` widget.
The chunks sit side by side in the preview, with no container per section:
every widget, and every level of nesting, is more that each layout walks and
more lines that Textual keeps drawn, and a long preview's widgets and lines
were most of what Python's garbage collector had to walk.

Chunk boundaries are content-defined (a paragraph whose checksum falls on a
boundary ends its chunk, as rsync does with file blocks), so typing in one
paragraph changes one chunk and never shifts the chunks after it. New chunks
are mounted a few at a time, yielding in between, so that filling a long
preview never freezes typing.
"""

from __future__ import annotations

import asyncio
import re
import zlib
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.strip import Strip
from textual.content import Content, Span
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Markdown, Static

from reviewdesk.publish.markdown_blocks import line_blocks
from reviewdesk.tui.widgets.blank import background_rows
from reviewdesk.tui.safe_text import visible

_SPACES = re.compile(r"\s+")

BOUNDARY_EVERY = 6  # paragraphs per chunk, on average
MAX_CHUNK_WORDS = 400  # a chunk ends here whatever the checksums say
MOUNT_BATCH = 6  # chunks mounted between two yields to the event loop


def split_blocks(text: str) -> list[str]:
    """Split Markdown at blank lines, keeping fenced code blocks whole (the
    core's quick split, :func:`reviewdesk.publish.markdown_blocks.line_blocks`)."""
    lines = text.split("\n")
    return ["\n".join(lines[first:end]) for first, end in line_blocks(lines)]


def group_blocks(blocks: list[str]) -> list[str]:
    """Group blocks into chunks with content-defined boundaries."""
    chunks: list[str] = []
    current: list[str] = []
    words = 0
    for block in blocks:
        current.append(block)
        words += block.count(" ") + 1
        if zlib.crc32(block.encode("utf-8")) % BOUNDARY_EVERY == 0 or words >= MAX_CHUNK_WORDS:
            chunks.append("\n\n".join(current))
            current, words = [], 0
    if current:
        chunks.append("\n\n".join(current))
    return chunks


def chunk_markdown(text: str) -> list[str]:
    return group_blocks(split_blocks(text))


# Plain paragraphs, drawn as Markdown draws them ----------------------------------

_PARSER = MarkdownIt("gfm-like")  # the parser Textual's Markdown uses by default
_PARAGRAPH_BREAK = Content("\n\n")


def prose_content(markdown: str) -> Content | None:
    """The chunk's paragraphs as one Content, each drawn as Textual's
    Markdown draws a paragraph (its inline text and styles), a blank line
    apart; None when the chunk holds anything but paragraphs."""
    tokens = _PARSER.parse(markdown)
    paragraphs: list[Content] = []
    for n in range(0, len(tokens), 3):
        opened, inline, closed = tokens[n:n + 3] if n + 3 <= len(tokens) else (None, None, None)
        if (opened is None or opened.type != "paragraph_open" or opened.level != 0 or inline.type != "inline"
                or closed.type != "paragraph_close"):
            return None
        paragraphs.append(inline_content(inline))
    return _PARAGRAPH_BREAK.join(paragraphs) if paragraphs else None


def inline_content(token) -> Content:
    """A paragraph's inline token as Content, as Textual's Markdown makes it:
    text with runs of white space as one space, soft breaks as spaces, hard
    breaks as new lines; emphasis, strong, strikethrough and inline code as
    the ``.em``, ``.strong``, ``.s`` and ``.code_inline`` styles; a link or an
    image as a ``link(href)`` click action, an image shown as its alt text."""
    if token.children is None:
        return Content("")
    parts: list[str] = []
    spans: list[Span] = []
    open_styles: list[tuple[Style | str, int]] = []
    position = 0

    def add(text: str) -> None:
        nonlocal position
        parts.append(text)
        position += len(text)

    def close() -> None:
        style, start = open_styles.pop()
        spans.append(Span(start, position, style))

    for child in token.children:
        kind = child.type
        if kind == "text":
            add(_SPACES.sub(" ", child.content))
        if kind == "hardbreak":
            add("\n")
        if kind == "softbreak":
            add(" ")
        elif kind == "code_inline":
            open_styles.append((".code_inline", position))
            add(child.content)
            close()
        elif kind == "em_open":
            open_styles.append((".em", position))
        elif kind == "strong_open":
            open_styles.append((".strong", position))
        elif kind == "s_open":
            open_styles.append((".s", position))
        elif kind == "link_open":
            href = child.attrs.get("href", "")
            open_styles.append((Style.from_meta({"@click": f"link({href!r})"}), position))
        elif kind == "image":
            href = child.attrs.get("src", "")
            alt = child.attrs.get("alt", "")
            open_styles.append((Style.from_meta({"@click": f"link({href!r})"}), position))
            add("🖼  ")
            if alt:
                add(f"({alt})")
            for grandchild in child.children or ():
                add(grandchild.content)
            close()
        elif kind.endswith("_close"):
            close()
    return Content("".join(parts), spans=spans)


class Prose(Static):
    """A chunk of plain paragraphs, drawn by one widget as Markdown draws them."""

    COMPONENT_CLASSES = {"em", "strong", "s", "code_inline"}
    # A paragraph's look inside the preview's Markdown (Textual's Markdown and
    # MarkdownParagraph styles, with the preview's padding).
    DEFAULT_CSS = """
    Prose {
        width: 1fr;
        height: auto;
        color: $foreground;
        margin: 0 0 1 0;
        padding: 0 1;
        &:ansi > .code_inline {
            background: ansi_default !important;
        }
        &:dark > .code_inline {
            background: $warning 10%;
            color: $text-warning 95%;
        }
        &:light > .code_inline {
            background: $error 5%;
            color: $text-error 95%;
        }
        & > .em {
            text-style: italic;
        }
        & > .strong {
            text-style: bold;
        }
        & > .s {
            text-style: strike;
        }
    }
    """

    def __init__(self, markdown: str, content: Content) -> None:
        super().__init__(content, expand=True)
        self.source = markdown

    def show(self, markdown: str, content: Content) -> None:
        self.source = markdown
        self.update(content)

    def action_link(self, href: str) -> None:
        """The preview's links are not followed (nor are its Markdown widgets')."""


class Chunk(Markdown):
    """A chunk holding anything but plain paragraphs."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """Its blocks draw the text; of the chunk itself only its background
        shows (its padding, the gaps between blocks), drawn as Textual draws
        a blank cell of it. One strip serves every row: drawn the usual way,
        each row was a strip of its own, kept with every frame's cuts cached
        in it, and the preview's chunks held more strips than anything else on
        the review screen (widgets/blank.py says why that matters)."""
        return background_rows(self, crop)

    DEFAULT_CSS = """
    Chunk { margin: 0; padding: 0 1; }
    """

    def __init__(self, markdown: str) -> None:
        super().__init__(markdown, open_links=False)


def make_chunk(markdown: str) -> Widget:
    content = prose_content(markdown)
    return Chunk(markdown) if content is None else Prose(markdown, content)


async def show_in(widget: Widget, markdown: str) -> Widget | None:
    """Show ``markdown`` in chunk ``widget`` if it is of the right kind
    (returns it); None when a widget of the other kind is needed."""
    content = prose_content(markdown)
    if isinstance(widget, Prose) and content is not None:
        widget.show(markdown, content)
        return widget
    if isinstance(widget, Chunk) and content is None:
        await widget.update(markdown)
        return widget
    return None


@dataclass
class Section:
    """One part of the post: its chunks' texts and the widgets showing them."""

    key: str
    shown_chunks: list[str] = field(default_factory=list)
    chunks: list[Widget] = field(default_factory=list)
    last_changed: Widget | None = None  # the first chunk the last show changed
    updating: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def markdown(self) -> str:
        return "\n\n".join(self.shown_chunks)


class PostPreview(VerticalScroll):
    """The whole post: each part's chunks, in the post's order."""

    DEFAULT_CSS = """
    PostPreview { padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.sections: dict[str, Section] = {}  # in the post's order

    def on_unmount(self) -> None:
        # The chunk widgets are gone with the preview: a screen closed but kept
        # alive a while (by a thread that ran one of its workers) holds nothing.
        self.sections.clear()

    def section(self, key: str) -> Section | None:
        return self.sections.get(key)

    async def show(self, key: str, markdown: str) -> int:
        """Show ``markdown`` as part ``key`` (after the parts shown before it,
        if new); returns how many chunks changed."""
        section = self.sections.get(key)
        if section is None:
            section = self.sections[key] = Section(key)
        async with section.updating:
            return await self.show_chunks(section, chunk_markdown(visible(markdown)))

    def mount_point(self, section: Section, index: int) -> dict:
        """Where a chunk at ``index`` of ``section`` goes: after the chunk
        before it, else before the chunk after it, else after the last chunk
        of an earlier section, else before the first of a later one."""
        if index > 0:
            return {"after": section.chunks[index - 1]}
        if section.chunks:
            return {"before": section.chunks[0]}
        keys = list(self.sections)
        at = keys.index(section.key)
        for key in reversed(keys[:at]):
            if self.sections[key].chunks:
                return {"after": self.sections[key].chunks[-1]}
        for key in keys[at + 1:]:
            if self.sections[key].chunks:
                return {"before": self.sections[key].chunks[0]}
        return {}

    async def show_chunks(self, section: Section, new: list[str]) -> int:
        old = section.shown_chunks
        if new == old:
            return 0
        start = 0
        while start < min(len(old), len(new)) and old[start] == new[start]:
            start += 1
        end_old, end_new = len(old), len(new)
        while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
            end_old -= 1
            end_new -= 1
        widgets = section.chunks
        section.shown_chunks = new
        section.last_changed = None
        changed = 0
        common = min(end_old, end_new) - start  # chunks in both, their text changed
        for i in range(common):
            index = start + i
            shown = await show_in(widgets[index], new[index])
            if shown is None:  # now of the other kind: a new widget in its place
                shown = make_chunk(new[index])
                await self.mount(shown, after=widgets[index])
                await widgets[index].remove()
                widgets[index] = shown
            if section.last_changed is None:
                section.last_changed = shown
            changed += 1
        if end_old - start > common:  # chunks removed
            gone = widgets[start + common:end_old]
            del widgets[start + common:end_old]
            await self.remove_children(gone)
        elif end_new - start > common:  # chunks added, a few at a time
            index = start + common
            for first in range(0, end_new - index, MOUNT_BATCH):
                batch = [make_chunk(chunk) for chunk in new[index + first:min(end_new, index + first + MOUNT_BATCH)]]
                where = self.mount_point(section, index + first)
                widgets[index + first:index + first] = batch
                await self.mount_all(batch, **where)
                if section.last_changed is None:
                    section.last_changed = batch[0]
                changed += len(batch)
                if index + first + MOUNT_BATCH < end_new:
                    await asyncio.sleep(0)  # let keys and saves through
        return changed

    def first_widget_from(self, key: str) -> Widget | None:
        """The first chunk of part ``key``, or of the first part after it that has one."""
        keys = list(self.sections)
        if key not in keys:
            return None
        for later in keys[keys.index(key):]:
            if self.sections[later].chunks:
                return self.sections[later].chunks[0]
        return None

    def follow(self, key: str) -> None:
        """Scroll so the chunk just changed in part ``key`` is in view: the
        preview follows the paragraph being written."""
        section = self.sections.get(key)
        chunk = section.last_changed if section is not None else None
        if chunk is not None and chunk.is_mounted:
            self.scroll_to_widget(chunk, animate=False)

    def reveal(self, key: str) -> None:
        """Scroll so the section being written is at the top."""
        first = self.first_widget_from(key)
        if first is not None and first.is_mounted:
            self.scroll_to_widget(first, animate=False, top=True)
        elif key in self.sections:
            self.scroll_end(animate=False)  # an empty part at the end of the post

    def rendering(self) -> bool:
        """True while a part is being brought up to date (its chunks built and mounted)."""
        return any(section.updating.locked() for section in self.sections.values())
