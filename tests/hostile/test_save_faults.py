"""Faults injected into a save: the file on disk stays the last good version,
the error says what happened in one line, the words stay in memory, nothing
is left behind (no temporary file, no history entry), and the same save
simply succeeds once the fault is gone (no false conflict on the retry).

tests/core/test_atomic.py checks atomic_write's own cleanup step by step;
these go through Library.save, as the app's autosave and retry do.
"""

from __future__ import annotations

import errno
import os
import shutil

import pytest

from reviewdesk.review import atomic
from reviewdesk.review import history
from reviewdesk.errors import SaveError
from reviewdesk.review.library import Library


class FullDiskFile:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, real):
        self.real = real

    def write(self, data):
        self.real.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


def fail(code: int, text: str):
    def raiser(*args, **kwargs):
        raise OSError(code, text)

    return raiser


def inject(monkeypatch, fault: str) -> None:
    if fault == "full disk while writing":
        real_fdopen = os.fdopen
        monkeypatch.setattr(atomic.os, "fdopen", lambda *a, **k: FullDiskFile(real_fdopen(*a, **k)))
    elif fault == "full disk at fsync":
        monkeypatch.setattr(atomic.os, "fsync", fail(errno.ENOSPC, "No space left on device"))
    elif fault == "I/O error at fsync":
        monkeypatch.setattr(atomic.os, "fsync", fail(errno.EIO, "Input/output error"))
    elif fault == "permission denied":
        monkeypatch.setattr(atomic.tempfile, "mkstemp", fail(errno.EACCES, "Permission denied"))
    elif fault == "read-only file system":
        monkeypatch.setattr(atomic.tempfile, "mkstemp", fail(errno.EROFS, "Read-only file system"))
    elif fault == "rename refused":
        monkeypatch.setattr(atomic.os, "replace", fail(errno.EBUSY, "Device or resource busy"))
    elif fault == "rename denied":
        monkeypatch.setattr(atomic.os, "replace", fail(errno.EACCES, "Permission denied"))
    else:
        raise AssertionError(fault)


FAULTS = {
    "full disk while writing": "No space left on device",
    "full disk at fsync": "No space left on device",
    "I/O error at fsync": "Input/output error",
    "permission denied": "Permission denied",
    "read-only file system": "Read-only file system",
    "rename refused": "Device or resource busy",
    "rename denied": "Permission denied",
}


@pytest.fixture
def saved(library):
    review = library.create("Metallic Rouge")
    review.set_answer("watched", "The last good version.")
    library.save(review)
    return review


def litter(library: Library) -> list[str]:
    return [p.name for p in library.root.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_keeps_the_old_file_says_why_and_the_retry_succeeds(library, saved, monkeypatch, fault):
    path = library.path_for(saved.slug)
    good = path.read_bytes()
    versions = len(history.versions(library.root, saved.slug))
    saved.set_answer("watched", "Newer words the disk refuses.")
    inject(monkeypatch, fault)
    for _ in range(3):  # the app retries every two seconds while the fault lasts
        with pytest.raises(SaveError) as err:
            library.save(saved)
        message = str(err.value)
        assert message.startswith(f"could not save {path.name}: ") and FAULTS[fault] in message
        assert "\n" not in message
        assert path.read_bytes() == good
        assert litter(library) == []
        assert len(history.versions(library.root, saved.slug)) == versions
    assert saved.peek("watched").text == "Newer words the disk refuses."
    monkeypatch.undo()  # the disk has room again, the permission is back
    library.save(saved)
    assert Library(library.root).load(saved.slug).peek("watched").text == "Newer words the disk refuses."
    assert len(history.versions(library.root, saved.slug)) == versions + 1
    assert history.versions(library.root, saved.slug)[0].path.read_bytes() == good


def test_a_library_folder_that_disappears_says_so_and_the_save_lands_when_it_is_back(library, saved):
    """An unmounted drive or a removed folder: the save says where it tried,
    never recreates the folder (that would write under an empty mount point),
    and succeeds once the folder is back, with no false conflict."""
    moved = library.root.with_name("unplugged")
    os.replace(library.root, moved)
    saved.set_answer("watched", "Written while the drive was away.")
    for _ in range(2):
        with pytest.raises(SaveError) as err:
            library.save(saved)
        assert str(library.root) in str(err.value) and "not there" in str(err.value)
        assert not library.root.exists()
    os.replace(moved, library.root)  # plugged back in
    library.save(saved)
    assert Library(library.root).load(saved.slug).peek("watched").text == "Written while the drive was away."


def test_a_draft_deleted_while_open_is_written_again_not_lost(library, saved):
    """Another window moved the draft to the trash: the open window's next
    save writes it back (the trash keeps the other copy)."""
    library.delete(saved.slug)
    saved.set_answer("watched", "Still typing.")
    library.save(saved)
    assert library.load(saved.slug).peek("watched").text == "Still typing."
    assert len(library.trashed()) == 1


def test_a_removed_folder_with_everything_in_it_is_not_recreated(library, saved):
    shutil.rmtree(library.root)
    with pytest.raises(SaveError, match="not there"):
        library.save(saved)
    assert not library.root.exists()
    library.root.mkdir()  # the writer makes it again (or points the library elsewhere)
    library.save(saved)
    assert library.load(saved.slug).peek("watched").text == "The last good version."


def test_a_history_folder_on_a_full_disk_does_not_stop_the_save(library, saved, monkeypatch):
    def no_room(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(history.os, "link", no_room)
    monkeypatch.setattr(history, "atomic_write", no_room)
    saved.set_answer("watched", "Saved without history.")
    library.save(saved)
    assert library.load(saved.slug).peek("watched").text == "Saved without history."
    assert "No space left on device" in library.history_problem


def test_a_fault_while_pruning_history_does_not_stop_the_save(library, saved, monkeypatch):
    library._history_policy = history.Policy(keep=1, days=0)
    saved.set_answer("watched", "one")
    library.save(saved)
    real_unlink = type(library.root).unlink

    def refuse(self, *args, **kwargs):
        if ".history" in self.parts:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(type(library.root), "unlink", refuse)
    saved.set_answer("watched", "two")
    library.save(saved)
    assert library.load(saved.slug).peek("watched").text == "two"
    assert "could not be pruned" in library.history_problem


def test_a_failed_save_of_a_new_draft_leaves_no_file_and_the_slug_free(library, monkeypatch):
    inject(monkeypatch, "full disk at fsync")
    with pytest.raises(SaveError):
        library.create("Frieren")
    # left: the index, and the (empty) write lock of the slug it tried
    assert [p.name for p in library.root.iterdir() if not p.name.startswith((".reviewdesk", ".locks"))] == []
    monkeypatch.undo()
    assert library.create("Frieren").slug == "frieren"
