"""The batch export's cheaper write: still the old bytes or the new, never
half, no litter, permissions and symlinks kept as ``atomic_write`` keeps them."""

from __future__ import annotations

import os
import stat

import pytest

from reviewdesk.review import atomic
from reviewdesk.review.atomic import replace_unsynced


@pytest.fixture
def folder(tmp_path):
    """A folder of its own (the test's folder also holds its config and library)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_writes_a_new_file_with_the_usual_permissions_and_no_litter(folder):
    path = folder / "post.md"
    replace_unsynced(path, b"hello\n")
    assert path.read_bytes() == b"hello\n"
    assert os.listdir(folder) == ["post.md"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~atomic._UMASK


def test_replacing_keeps_the_files_permissions(folder):
    path = folder / "post.md"
    path.write_bytes(b"old")
    path.chmod(0o600)
    replace_unsynced(path, b"new")
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(folder) == ["post.md"]


def test_a_symlink_is_followed_and_kept(folder):
    real = folder / "real.md"
    real.write_bytes(b"old")
    link = folder / "post.md"
    link.symlink_to(real)
    replace_unsynced(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_stray_temporary_file_of_the_same_name_is_left_alone(folder):
    path = folder / "post.md"
    stray = folder / f".post.md.{os.getpid()}.tmp"
    stray.write_bytes(b"someone else's")
    replace_unsynced(path, b"new")
    assert path.read_bytes() == b"new" and stray.read_bytes() == b"someone else's"
    assert sorted(os.listdir(folder)) == sorted(["post.md", stray.name])


@pytest.mark.parametrize("where", ["write", "replace"])
def test_a_failing_step_leaves_the_old_file_and_no_temp_file(folder, monkeypatch, where):
    path = folder / "post.md"
    path.write_bytes(b"old")

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, where, refuse)
    with pytest.raises(OSError):
        replace_unsynced(path, b"new" * 1000)
    monkeypatch.undo()
    assert path.read_bytes() == b"old" and os.listdir(folder) == ["post.md"]
