"""The live preview of the post, built so that typing never waits for it.

The post is a column of sections (title, tagline, one per question, Series
Information). Each section is split into blocks at blank lines (outside code
fences), and the blocks are grouped into chunks, one Markdown widget each.
A change re-renders only the chunks that differ from what is shown, so a
keystroke in a 20,000-word answer costs one chunk's render, not the whole
answer's.

Chunk boundaries are content-defined (a block whose checksum falls on a
boundary ends its chunk, as rsync does with file blocks): typing in one
paragraph changes one chunk and never shifts the chunks after it. Grouping
keeps the number of widgets, which is what costs time to mount, about six
times smaller than one widget per paragraph. New chunks are mounted a few at
a time, yielding in between, so filling a long preview never freezes typing.
"""

from __future__ import annotations

import asyncio
import zlib

from markdown_it import MarkdownIt
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.visual import visualize
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBlock, MarkdownParagraph

from reviewdesk.publish.markdown_blocks import line_blocks
from reviewdesk.tui.safe_text import visible



def split_chunks(text: str) -> list[str]:
    """Split Markdown at blank lines, keeping fenced code blocks whole (the
    core's quick split, :func:`reviewdesk.publish.markdown_blocks.line_blocks`)."""
    lines = text.split("\n")
    return ["\n".join(lines[first:end]) for first, end in line_blocks(lines)]


BOUNDARY_EVERY = 6  # blocks per chunk, on average
MAX_CHUNK_WORDS = 400  # a chunk ends here whatever the checksums say
MOUNT_BATCH = 6  # chunks mounted between two yields to the event loop


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
    return group_blocks(split_chunks(text))


_PARAGRAPH_BREAK = Content("\n\n")


class _Steady:
    """A block of the preview whose new height needs no second layout.

    Textual lays the screen out again whenever a widget's scrollable size
    changes, which for a block is its height: a paragraph that gained a line
    cost two layouts of the whole screen, the one that measured it and one
    more (the scrollbars of a block that scrolls still follow its size)."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, False)


class _ArrangedByWidth(_Steady):
    """Arranges its children for a width alone.

    Every part of the preview has an automatic height, set by its content and
    its width. Textual arranges a container for the size it is given, height
    included, and keys what it keeps by that size: a line added to a long
    answer's preview changes its section's height, and then every chunk of it
    was arranged (and measured) again, each time the section grew: ~100 ms of
    layout at 50,000 words, in the middle of typing. For the same width the
    arrangement is the same; it is kept by width."""

    def arrange(self, size: Size, optimal: bool = False):
        return super().arrange(Size(size.width, 0), optimal)


_STEADY: dict[type, type] = {}


def _steady(block_class: type[MarkdownBlock]) -> type[MarkdownBlock]:
    """``block_class`` with :class:`_Steady` (same name, so the same CSS)."""
    found = _STEADY.get(block_class)
    if found is None:
        found = _STEADY[block_class] = type(block_class.__name__, (_Steady, block_class), {})
    return found


_Paragraph = _steady(MarkdownParagraph)


class ChunkMarkdown(_ArrangedByWidth, Markdown):
    """One chunk of the preview.

    Consecutive top-level paragraphs are shown by one paragraph widget, their
    texts a blank line apart (as separate paragraphs would look): every
    widget costs time in each layout of the screen and memory, and a long
    post is mostly paragraphs. A chunk whose paragraphs are still the same
    (the usual case: a word typed into one of them) is updated in place:
    the text changes, no widget is removed or mounted, and when the height
    stays the same (most keys) the screen needs no layout."""

    def get_block_class(self, block_name: str) -> type[MarkdownBlock]:
        return _steady(super().get_block_class(block_name))

    def _parse_markdown(self, tokens):
        run: list[MarkdownBlock] = []
        for block in super()._parse_markdown(tokens):
            if type(block) is _Paragraph and not block._blocks:
                run.append(block)
                continue
            if run:
                yield _merged(run)
                run = []
            yield block
        if run:
            yield _merged(run)

    def update_in_place(self, markdown: str) -> bool:
        """True when done in place; False when the chunk needs :meth:`update`."""
        if self.lock.is_locked:  # an update is under way: let it finish, then update again
            return False
        parser = MarkdownIt("gfm-like") if self._parser_factory is None else self._parser_factory()
        new = list(self._parse_markdown(parser.parse(markdown)))
        old = [child for child in self.children if isinstance(child, MarkdownBlock)]
        if len(new) != len(old) or not all(type(a) is _Paragraph and type(b) is _Paragraph
                                           for a, b in zip(old, new)):
            return False
        self._markdown = markdown
        for block, fresh in zip(old, new):
            block.source_range = fresh.source_range
            block._copy_context(fresh)
            if block._content.plain == fresh._content.plain and block._content.spans == fresh._content.spans:
                continue
            width, height = block._content_height_cache
            same = False
            if width is not None:
                visual = visualize(block, fresh._content, markup=block._render_markup)
                same = visual.get_height(block.styles, width) == height
            block._content = fresh._content
            block.update(fresh._content, layout=not same)
            if same:
                block._content_height_cache = (width, height)
        return True


def _merged(paragraphs: list[MarkdownBlock]) -> MarkdownBlock:
    """One paragraph widget for a run of paragraphs."""
    first = paragraphs[0]
    if len(paragraphs) > 1:
        first.set_content(_PARAGRAPH_BREAK.join(p._content for p in paragraphs))
        first.source_range = (first.source_range[0], paragraphs[-1].source_range[1])
    return first


class PreviewSection(_ArrangedByWidth, Vertical):
    """One part of the post, re-rendered chunk by chunk."""

    DEFAULT_CSS = """
    PreviewSection { height: auto; }
    PreviewSection > Markdown { margin: 0; padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._chunks: list[str] = []
        self._lock = asyncio.Lock()
        self.last_changed: Markdown | None = None  # the first chunk the last show changed

    @property
    def chunks(self) -> list[str]:
        return list(self._chunks)

    async def show(self, markdown: str) -> int:
        """Bring the section up to date; returns how many chunks re-rendered."""
        async with self._lock:
            return await self._show(chunk_markdown(visible(markdown)))

    async def _show(self, new: list[str]) -> int:
        old = self._chunks
        if new == old:
            return 0
        start = 0
        while start < min(len(old), len(new)) and old[start] == new[start]:
            start += 1
        end_old, end_new = len(old), len(new)
        while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
            end_old -= 1
            end_new -= 1
        widgets = list(self.query_children(Markdown))
        self._chunks = new
        self.last_changed = widgets[start] if start < min(len(widgets), end_old) else None
        changed = 0
        # Chunks present in both: update in place.
        common = min(end_old - start, end_new - start)
        for i in range(common):
            widget = widgets[start + i]
            if not (isinstance(widget, ChunkMarkdown) and widget.update_in_place(new[start + i])):
                await widget.update(new[start + i])
            changed += 1
        if end_old - start > common:  # chunks removed
            await self.remove_children(widgets[start + common:end_old])
        elif end_new - start > common:  # chunks added, a few at a time
            fresh = [ChunkMarkdown(chunk, open_links=False) for chunk in new[start + common:end_new]]
            after = widgets[start + common - 1] if start + common > 0 else None
            before = widgets[start + common] if start + common < len(widgets) else None
            for i in range(0, len(fresh), MOUNT_BATCH):
                batch = fresh[i:i + MOUNT_BATCH]
                if after is not None:
                    await self.mount_all(batch, after=after)
                elif before is not None:
                    await self.mount_all(batch, before=before)
                else:
                    await self.mount_all(batch)
                after = batch[-1]
                if self.last_changed is None:
                    self.last_changed = batch[0]
                changed += len(batch)
                if i + MOUNT_BATCH < len(fresh):
                    await asyncio.sleep(0)  # let keys and saves through
        return changed


def section_id(key: str) -> str:
    """``q:watched`` -> ``preview-q-watched`` (``:`` is not allowed in ids)."""
    return "preview-" + key.replace(":", "-")


class PostPreview(VerticalScroll):
    """The whole post: one PreviewSection per part, filled after mounting."""

    DEFAULT_CSS = """
    PostPreview { padding: 0 1; }
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # The post grew or shrank (a line more in the paragraph being
        # written) and nothing else moved: Textual lays the whole screen out
        # again for the new scrollable height, a second layout after the one
        # that measured it. The scrollbar follows the height without one
        # (and asks for a layout itself if it appears or goes).
        if layout and size == self._size and container_size == self._container_size:
            layout = False
        return super()._size_updated(size, virtual_size, container_size, layout)

    def section(self, key: str) -> PreviewSection | None:
        # Looked up among the sections, not by a query: a query walks every
        # block of a long post.
        wanted = section_id(key)
        for child in self._nodes:
            if child.id == wanted and isinstance(child, PreviewSection):
                return child
        return None

    async def show(self, key: str, markdown: str) -> int:
        """Show ``markdown`` as part ``key``, adding the section if new."""
        section = self.section(key)
        if section is None:
            section = PreviewSection(id=section_id(key))
            await self.mount(section)
        return await section.show(markdown)

    def follow(self, key: str) -> None:
        """Scroll so the chunk just changed in part ``key`` is in view: the
        preview follows the paragraph being written."""
        section = self.section(key)
        chunk = section.last_changed if section is not None else None
        if chunk is not None and chunk.is_mounted:
            self.scroll_to_widget(chunk, animate=False)

    def reveal(self, key: str) -> None:
        """Scroll so the section being written is at the top."""
        section = self.section(key)
        if section is not None:
            self.scroll_to_widget(section, animate=False, top=True)
