"""The review screen's live preview: what it shows and when. A mixin of
ReviewScreen, holding only view code: the post's parts come from the core
(:func:`reviewdesk.publish.export.post_part`), the season's other reviews
from the library, read in a worker.

The preview is filled part by part after opening, and brought up to date
for the part being written once typing pauses (PREVIEW_DELAY without a
change), or, for a writer who never pauses, just after a key's frame once
PREVIEW_MAX_WAIT has passed.
"""

from __future__ import annotations

import time

from reviewdesk.publish.export import post_part, post_parts
from reviewdesk.tui.threads import run_in_thread
from reviewdesk.tui.widgets.preview import PostPreview

PREVIEW_DELAY = 0.2  # s without a change before the preview catches up: it waits for a pause in typing
PREVIEW_MAX_WAIT = 2.0  # s: a writer who never pauses still sees the preview follow this often


class PreviewMixin:
    def watch_preview_on(self, on: bool) -> None:
        self.query_one(PostPreview).display = on
        if on:
            self.call_after_refresh(self._fill_preview)

    def part(self, key: str) -> str:
        """Part ``key`` of the post as the export makes it."""
        return post_part(self.review, self.template, key, self._mates, self.export_options)

    async def _fill_preview(self) -> None:
        """Show every part of the post, one after the other, so the screen
        stays live. Called from several places (open, toggle, reload); one
        fill runs at a time, and a request during a fill makes it go round
        once more."""
        if self._filling:
            self._refill = True
            return
        self._filling = True
        try:
            while True:
                self._refill = False
                preview = self.query_one(PostPreview)
                keys = [key for key in post_parts(self.review, self.template, (), self.export_options)
                        if key != "others"]  # once the season's reviews are read
                for key in keys:
                    self._preview_pending.discard(key)
                    await preview.show(key, self.part(key))
                if not self._refill:
                    break
        finally:
            self._filling = False
        self._reveal("info" if self.on_info else f"q:{self.pages[self.index].id}")
        self.settled()
        run_in_thread(self, self._load_mates, exclusive=True, group="mates")

    def _load_mates(self) -> None:
        """The season's other reviews, read off the typing path."""
        mates = self.library.season_mates(self.review)
        self.app.call_from_thread(self._show_mates, mates)

    async def _show_mates(self, mates) -> None:
        self._mates = mates
        previews = self.query(PostPreview)
        if previews:  # none once the screen is closing: read too late to show
            await previews.first().show("others", self.part("others"))

    def queue_preview(self, key: str) -> None:
        """Bring part ``key`` of the preview up to date once typing pauses.

        Rendering a changed chunk costs a few milliseconds and a layout, so
        it is not done between two keys: only when no change came for
        PREVIEW_DELAY. A writer who never pauses still sees it follow: once
        PREVIEW_MAX_WAIT has passed since the first change waiting, it
        catches up just after the frame that shows the latest key, the start
        of the gap before the next one."""
        now = time.monotonic()
        if not self._preview_pending:
            self._preview_waiting_since = now
        self._preview_pending.add(key)
        self._preview_changed_at = now
        if not self.preview_on:
            return
        if now - self._preview_waiting_since >= PREVIEW_MAX_WAIT:
            if not self._preview_after_frame:
                self._preview_after_frame = True
                self.call_after_refresh(self._catch_up_after_frame)
        elif self._preview_timer is None:
            self._preview_timer = self.set_timer(PREVIEW_DELAY, self._flush_preview)

    async def _catch_up_after_frame(self) -> None:
        self._preview_after_frame = False
        await self._bring_preview_up_to_date(paused=False)

    async def _flush_preview(self) -> None:
        self._preview_timer = None
        await self._bring_preview_up_to_date(paused=True)

    async def _bring_preview_up_to_date(self, paused: bool) -> None:
        if not self.preview_on or not self._preview_pending:
            return
        quiet = time.monotonic() - self._preview_changed_at
        if self._preview_busy or (paused and quiet < PREVIEW_DELAY):
            # Not yet: once typing pauses (or after the next key's frame).
            if self._preview_timer is None:
                wait = PREVIEW_DELAY if self._preview_busy else PREVIEW_DELAY - quiet
                self._preview_timer = self.set_timer(max(0.02, wait), self._flush_preview)
            return
        self._preview_busy = True
        try:
            preview = self.query_one(PostPreview)
            pending, self._preview_pending = self._preview_pending, set()
            # The preview shows the part being edited: the answer, or on
            # Series Information whichever of its parts (the table, the title
            # and tagline, the verdict, the season's other shows) changed.
            current = {"info", "head", "verdict", "others"} if self.on_info else {f"q:{self.pages[self.index].id}"}
            for key in pending:
                if preview.section(key) is not None:
                    await preview.show(key, self.part(key))
                    if key in current:
                        preview.follow(key)
                        # Again once laid out: a part shown for the first
                        # time (the table's first value) has no place yet.
                        preview.call_after_refresh(preview.follow, key)
        finally:
            self._preview_busy = False

    def _reveal(self, key: str) -> None:
        if self.preview_on:
            preview = self.query_one(PostPreview)
            preview.reveal(key)
            # And once more after the next layout: parts mounted or grown
            # since (the season's other shows, a chunk laid out at its
            # height) move the part, or leave it beyond the scroll's end.
            preview.call_after_refresh(preview.reveal, key)
