"""The live preview of the post, built so that typing never waits for it.

The post is a column of sections (title, tagline, one per question, Series
Information). Each question section is split into chunks at blank lines
(outside code fences), one Markdown widget per chunk. A change re-renders
only the chunks that differ from what is shown, so a keystroke in a
20,000-word answer costs one paragraph's render, not the whole answer's.
"""

from __future__ import annotations

import re

from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def split_chunks(text: str) -> list[str]:
    """Split Markdown at blank lines, keeping fenced code blocks whole."""
    chunks: list[str] = []
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
                chunks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        chunks.append("\n".join(current))
    return chunks


class PreviewSection(Vertical):
    """One part of the post, re-rendered chunk by chunk."""

    DEFAULT_CSS = """
    PreviewSection { height: auto; }
    PreviewSection > Markdown { margin: 0; padding: 0 1; }
    """

    def __init__(self, markdown: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._chunks: list[str] = split_chunks(markdown)

    def compose(self):
        for chunk in self._chunks:
            yield Markdown(chunk, open_links=False)

    @property
    def chunks(self) -> list[str]:
        return list(self._chunks)

    async def show(self, markdown: str) -> int:
        """Bring the section up to date; returns how many chunks re-rendered."""
        new = split_chunks(markdown)
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
        changed = 0
        # Chunks present in both: update in place.
        common = min(end_old - start, end_new - start)
        for i in range(common):
            await widgets[start + i].update(new[start + i])
            changed += 1
        if end_old - start > common:  # chunks removed
            await self.remove_children(widgets[start + common:end_old])
        elif end_new - start > common:  # chunks added
            fresh = [Markdown(chunk, open_links=False) for chunk in new[start + common:end_new]]
            after = widgets[start + common - 1] if start + common > 0 else None
            if after is not None:
                await self.mount_all(fresh, after=after)
            elif widgets:
                await self.mount_all(fresh, before=widgets[0])
            else:
                await self.mount_all(fresh)
            changed += len(fresh)
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
        found = self.query(f"#{section_id(key)}")
        return found.first(PreviewSection) if found else None

    async def show(self, key: str, markdown: str) -> int:
        """Show ``markdown`` as part ``key``, adding the section if new."""
        section = self.section(key)
        if section is None:
            await self.mount(PreviewSection(markdown, id=section_id(key)))
            return 1
        return await section.show(markdown)

    def reveal(self, key: str) -> None:
        """Scroll so the section being written is at the top."""
        section = self.section(key)
        if section is not None:
            self.scroll_to_widget(section, animate=False, top=True)
