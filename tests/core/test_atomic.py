"""A write is the old bytes or the new, never half, and never leaves litter."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reviewdesk.review import atomic
from reviewdesk.review.atomic import atomic_write
from reviewdesk.errors import DraftError, SaveError
from reviewdesk.review.library import Conflict, Library

OLD = b'format = 1\ntitle = "old"\n'
NEW = b'format = 1\ntitle = "new"\n'


@pytest.fixture
def target(tmp_path) -> Path:
    folder = tmp_path / "folder"
    folder.mkdir()
    path = folder / "draft.toml"
    path.write_bytes(OLD)
    return path


def listing(folder: Path) -> list[str]:
    """The folder's files; the library's history folder is checked in tests/history,
    its write locks (.locks) in tests/core/test_write_lock.py."""
    return sorted(p.name for p in folder.iterdir() if p.name not in (".history", ".locks"))


def boom(*args, **kwargs):
    raise OSError(28, "No space left on device")


def test_replaces_the_file_and_leaves_nothing_else(target):
    atomic_write(target, NEW)
    assert target.read_bytes() == NEW
    assert listing(target.parent) == ["draft.toml"]


def test_creates_a_new_file_with_the_usual_permissions(tmp_path):
    path = tmp_path / "fresh.toml"
    atomic_write(path, NEW)
    assert path.read_bytes() == NEW
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_replacing_keeps_the_files_permissions(target):
    target.chmod(0o600)  # the writer made this draft private
    atomic_write(target, NEW)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == NEW


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_a_failing_step_leaves_the_old_file_and_no_temp_file(target, monkeypatch, where):
    monkeypatch.setattr(atomic.os, where, boom)
    with pytest.raises(OSError):
        atomic_write(target, NEW)
    assert target.read_bytes() == OLD
    assert listing(target.parent) == ["draft.toml"]


def test_a_failing_verify_leaves_the_old_file_and_no_temp_file(target):
    seen = []

    def verify(data: bytes):
        seen.append(data)
        raise ValueError("does not parse")

    with pytest.raises(ValueError):
        atomic_write(target, NEW, verify=verify)
    assert seen == [NEW]  # it checked what is actually on disk
    assert target.read_bytes() == OLD
    assert listing(target.parent) == ["draft.toml"]


def test_bytes_read_back_differently_are_refused(target, monkeypatch):
    real = Path.read_bytes

    def corrupt(self):
        data = real(self)
        return data[:-3] if self.name.endswith(".tmp") else data

    monkeypatch.setattr(Path, "read_bytes", corrupt)
    with pytest.raises(OSError, match="read back differ"):
        atomic_write(target, NEW, verify=lambda b: None)
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert listing(target.parent) == ["draft.toml"]


def test_an_interrupt_mid_write_leaves_no_temp_file(target, monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, NEW)
    assert target.read_bytes() == OLD
    assert listing(target.parent) == ["draft.toml"]


# Through the library ----------------------------------------------------------

@pytest.fixture
def saved(library):
    review = library.create("Metallic Rouge", season="Winter 2024")
    review.set_answer("watched", "The first answer, safely on disk.")
    library.save(review)
    return review


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_library_save_failing_raises_save_error_and_keeps_the_old_bytes(library, saved, monkeypatch, where):
    path = library.path_for(saved.slug)
    before = path.read_bytes()
    updated = saved.updated
    saved.set_answer("watched", "A second version that the disk refuses.")
    monkeypatch.setattr(atomic.os, where, boom)
    with pytest.raises(SaveError) as err:
        library.save(saved)
    assert "No space left on device" in str(err.value)
    assert saved.slug in str(err.value)
    assert path.read_bytes() == before
    assert listing(library.root) == [path.name]
    assert saved.updated == updated  # the review does not claim a save that did not happen


def test_library_save_refuses_a_file_that_would_not_read_back(library, saved, monkeypatch):
    path = library.path_for(saved.slug)
    before = path.read_bytes()

    def broken_loads(text, where="<draft>"):
        raise DraftError(where, "simulated parse failure", 3, 7)

    monkeypatch.setattr("reviewdesk.review.draftfile.loads", broken_loads)
    saved.set_answer("watched", "Changed.")
    with pytest.raises(SaveError, match="did not read back"):
        library.save(saved)
    assert path.read_bytes() == before
    assert listing(library.root) == [path.name]


def test_library_save_into_a_folder_that_refuses_new_files(library, saved, monkeypatch):
    path = library.path_for(saved.slug)
    before = path.read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    saved.set_answer("watched", "Changed.")
    with pytest.raises(SaveError, match="Permission denied"):
        library.save(saved)
    assert path.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes into a read-only folder anyway")
def test_library_save_in_a_read_only_folder(library, saved):
    path = library.path_for(saved.slug)
    before = path.read_bytes()
    saved.set_answer("watched", "Changed.")
    library.root.chmod(0o500)
    try:
        with pytest.raises(SaveError):
            library.save(saved)
    finally:
        library.root.chmod(0o700)
    assert path.read_bytes() == before
    assert listing(library.root) == [path.name]


def test_save_refuses_to_overwrite_a_file_changed_by_something_else(library, saved):
    path = library.path_for(saved.slug)
    edited = path.read_bytes().replace(b"safely on disk", b"edited by hand in vim")
    path.write_bytes(edited)
    os.utime(path, ns=(1, 1))  # a different stamp even on a coarse clock
    saved.set_answer("watched", "The app's version.")
    assert library.changed_on_disk(saved)
    with pytest.raises(Conflict):
        library.save(saved)
    assert path.read_bytes() == edited
    library.save(saved, force=True)
    assert library.load(saved.slug).answers["watched"].text == "The app's version."


def test_two_saves_in_a_row_need_no_force(library, saved):
    saved.set_answer("watched", "One.")
    library.save(saved)
    saved.set_answer("watched", "Two.")
    library.save(saved)
    assert Library(library.root).load(saved.slug).answers["watched"].text == "Two."
