"""Helpers for driving the app as a writer would."""

from __future__ import annotations

import pytest

from reviewdesk.publish import clipboard as clipboard_module
from reviewdesk.review.library import Library


@pytest.fixture
def no_clipboard(monkeypatch):
    """No system clipboard, as on a server reached over SSH."""
    from reviewdesk.errors import ClipboardError

    def refuse(text: str) -> str:
        raise ClipboardError("no system clipboard is reachable (no xclip, xsel or wl-copy)")

    monkeypatch.setattr(clipboard_module, "copy_system", refuse)


@pytest.fixture
def draft(library_dir):
    """A review of Metallic Rouge with its first answer written: (library, slug)."""
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.set_answer("watched", "An android noir from Bones.")
    lib.save(review)
    return lib, review.slug
