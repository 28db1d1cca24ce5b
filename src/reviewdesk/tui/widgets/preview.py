"""The live preview of the post, built so that typing never waits for it.

The post is a column of sections (title and tagline, one per question,
Series Information, other shows), one :class:`PreviewSection` each. A section
is split into chunks of a few paragraphs, one Textual ``Markdown`` widget
each; a change updates (``Markdown.update``) only the chunks whose text
changed. A long answer's preview is then as cheap to keep up to date as a
short one's: ``Markdown.update`` rebuilds every block of its document, about
0.2 s for an answer of 8,000 words, where one chunk takes a few milliseconds.

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

from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown

from reviewdesk.tui.safe_text import visible

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")

BOUNDARY_EVERY = 6  # paragraphs per chunk, on average
MAX_CHUNK_WORDS = 400  # a chunk ends here whatever the checksums say
MOUNT_BATCH = 6  # chunks mounted between two yields to the event loop


def split_blocks(text: str) -> list[str]:
    """Split Markdown at blank lines, keeping fenced code blocks whole."""
    blocks: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * 3
        elif fence is not None and m and m.group(1).startswith(fence):
            fence = None
        if fence is None and not line.strip() and not m:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


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


class PreviewSection(Vertical):
    """One part of the post, updated chunk by chunk."""

    DEFAULT_CSS = """
    PreviewSection { height: auto; }
    PreviewSection > Markdown { margin: 0; padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.shown_chunks: list[str] = []
        self.updating = asyncio.Lock()
        self.last_changed: Markdown | None = None  # the first chunk the last show changed

    async def show(self, markdown: str) -> int:
        """Bring the section up to date; returns how many chunks changed."""
        async with self.updating:
            return await self.show_chunks(chunk_markdown(visible(markdown)))

    async def show_chunks(self, new: list[str]) -> int:
        old = self.shown_chunks
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
        self.shown_chunks = new
        self.last_changed = widgets[start] if start < min(len(widgets), end_old) else None
        changed = 0
        common = min(end_old, end_new) - start  # chunks in both, their text changed
        for i in range(common):
            await widgets[start + i].update(new[start + i])
            changed += 1
        if end_old - start > common:  # chunks removed
            await self.remove_children(widgets[start + common:end_old])
        elif end_new - start > common:  # chunks added, a few at a time
            fresh = [Markdown(chunk, open_links=False) for chunk in new[start + common:end_new]]
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

    def section(self, key: str) -> PreviewSection | None:
        # Looked up among the sections, not by a query: a query walks every
        # block of a long post.
        wanted = section_id(key)
        for child in self.children:
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

    def rendering(self) -> bool:
        """True while a section is being brought up to date (its chunks'
        blocks built and mounted)."""
        return any(isinstance(section, PreviewSection) and section.updating.locked()
                   for section in self.children)
