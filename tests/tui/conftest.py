"""Helpers for driving the app as a writer would."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest

from reviewdesk.publish import clipboard as clipboard_module


@pytest.fixture
def no_clipboard(monkeypatch):
    """No system clipboard, as on a server reached over SSH."""
    from reviewdesk.errors import ClipboardError

    def refuse(text: str) -> str:
        raise ClipboardError("no system clipboard is reachable (no xclip, xsel or wl-copy)")

    monkeypatch.setattr(clipboard_module, "copy_system", refuse)


@pytest.fixture
def draft(library, write_draft):
    """A review of Metallic Rouge with its first answer written: (library, slug)."""
    return library, write_draft(watched="An android noir from Bones.").slug


@pytest.fixture
def review_app(draft):
    """The app started on the draft's review screen (after one round of
    messages): ``async with review_app() as (app, pilot):``, at 120x40 unless
    ``size`` says otherwise. ``app.notes`` keeps every notification's message."""
    from reviewdesk.tui.app import ReviewDeskApp
    from waiting import notes_of

    lib, slug = draft

    @asynccontextmanager
    async def start(size: tuple[int, int] = (120, 40)):
        app = ReviewDeskApp(library=lib, open_slug=slug)
        app.notes = notes_of(app)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            yield app, pilot

    return start
