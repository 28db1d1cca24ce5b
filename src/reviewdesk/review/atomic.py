"""Write a file so that it is either the old bytes or the new, never half.

jrnl's ``atomic_write`` plus an fsync and a read-back: the new bytes go to a
temporary file in the same folder, are flushed to the disk, read back and
checked, then renamed over the old file; the folder is synced so the rename
survives a power cut. On any error the temporary file is removed and the old
file is untouched.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path


def atomic_write(path: Path, data: bytes, verify: Callable[[bytes], object] | None = None,
                 exclusive: bool = False, sync: bool = True) -> None:
    """Replace ``path`` with ``data``; ``verify`` checks the bytes read back.

    ``sync=False`` skips the fsyncs, for files that can be made again (a
    batch export syncs its folder once at the end): still never half-written.

    A symlink is followed: the file it points to is replaced, the link stays
    (a writer who links a draft or a settings file into a synced folder keeps
    the link). With ``exclusive``, ``path`` must not exist yet: if another
    process creates it first, FileExistsError, and that file is untouched.
    """
    path = _follow(path)
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    with _removed_on_error(tmp):
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if verify is not None:
            written = tmp.read_bytes()
            if written != data:
                raise OSError("the bytes read back differ from the bytes written")
            verify(written)
        try:
            os.chmod(tmp, _mode_for(path))
        except OSError:
            pass
        if exclusive:
            _link_new(tmp, path)
        else:
            os.replace(tmp, path)
    if sync:
        _fsync_dir(folder)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (a write may take only part), then close it."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


@contextmanager
def _removed_on_error(tmp: Path):
    """Remove the temporary file ``tmp`` if anything goes wrong, and raise again."""
    try:
        yield
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def replace_unsynced(path: Path, data: bytes) -> None:
    """``atomic_write(path, data, sync=False)`` for the many files of a batch,
    at about half the cost: never half-written, not synced.

    The temporary file is named after the file and this process
    (``.post.md.<pid>.tmp``), claimed with ``O_EXCL`` instead of trying
    random names, and gets its permissions from the umask as it is created;
    only a file being replaced costs a ``stat`` (to keep its permissions).
    A symlink is followed as :func:`atomic_write` follows it. If the name is
    taken (a stray file), :func:`atomic_write` picks a random one.
    """
    path = _follow(path)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except FileExistsError:
        atomic_write(path, data, sync=False)
        return
    with _removed_on_error(tmp):
        write_all(fd, data)
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            pass  # a new file: the umask gave it the usual permissions
        else:
            if mode != 0o666 & ~_UMASK:
                try:
                    os.chmod(tmp, mode)
                except OSError:
                    pass
        os.replace(tmp, path)


def sync_folder(folder: Path) -> None:
    """Make the names written into ``folder`` durable (best effort)."""
    _fsync_dir(folder)


def _follow(path: Path) -> Path:
    """The real file behind a symlink (a dangling one: where it points)."""
    path = Path(path)
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def _link_new(tmp: Path, path: Path) -> None:
    """Give the temporary file the name ``path``, only if nothing has it."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system: claim the name, then rename onto it.
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        try:
            os.replace(tmp, path)
        except BaseException:
            path.unlink(missing_ok=True)  # the empty name we claimed, nobody else's
            raise
        return
    try:
        tmp.unlink()
    except OSError:
        pass  # the draft is written; a stray temporary file is only litter


def _mode_for(path: Path) -> int:
    """The replaced file's permissions (a writer may have made a draft
    private), or the usual ones for a new file."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once, at import: os.umask is process-wide


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
