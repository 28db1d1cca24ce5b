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
from pathlib import Path


def atomic_write(path: Path, data: bytes, verify: Callable[[bytes], object] | None = None) -> None:
    """Replace ``path`` with ``data``; ``verify`` checks the bytes read back."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
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
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    _fsync_dir(folder)


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
