"""Where an export may be written: never over a draft, nor into the library.

``export -o LIBRARY/beta.toml`` once replaced beta's draft with alpha's post,
and its text was nowhere. The library folder holds drafts, their history,
the trash and Review Desk's own files, so an export goes outside it, or into
its ``exports/`` folder (:func:`reviewdesk.publish.clipboard.exports_dir`),
where the app and ``copy`` keep posts. A draft that is a symlink counts by
the file it points to, wherever that is.

Asked to (``--force``), the export is written anyway, and the file it
replaces is kept first: a draft in its history (``reviewdesk history``), any
other file of the library in the trash. If it cannot be kept, nothing is
written. The command line and the app both write through :class:`Guard`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from reviewdesk.config.locations import trash_dir
from reviewdesk.errors import ReviewDeskError, SaveError
from reviewdesk.publish.clipboard import exports_dir

SUFFIX = ".toml"


class ExportRefused(ReviewDeskError):
    """An export that would replace a draft or write into the library."""


def _real(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives
        return False


class Guard:
    """The library's rules for one export (or one batch of them)."""

    def __init__(self, library_root: Path | str, force: bool = False) -> None:
        self.root = Path(library_root)
        self.force = force
        self._root_real = _real(self.root)
        self._exports_real = _real(exports_dir(self.root))
        self._drafts: dict[str, str] | None = None  # real path -> slug
        self._clear_folder: Path | None = None  # a batch's folder that holds no draft and is not the library

    def drafts(self) -> dict[str, str]:
        """Each draft's real file (through a symlink) and its slug; read once."""
        if self._drafts is None:
            found = {}
            try:
                with os.scandir(self.root) as entries:
                    for entry in entries:
                        if entry.name.endswith(SUFFIX) and not entry.name.startswith("."):
                            found[_real(entry.path)] = entry.name[: -len(SUFFIX)]
            except OSError:
                pass
            self._drafts = found
        return self._drafts

    def problem(self, path: Path) -> str | None:
        """Why ``path`` is no place for an export, or None."""
        real = _real(path)
        slug = self.drafts().get(real)
        if slug is not None:
            return (f"not written: {path} is the draft of {slug!r}; an export there would replace the review. "
                    f"Write it to {exports_dir(self.root)} or outside the library")
        if _inside(real, self._root_real) and not _inside(real, self._exports_real):
            return (f"not written: {path} is inside the library {self.root}, where the drafts, their history "
                    f"and the trash are kept. Write it to {exports_dir(self.root)} or outside the library")
        return None

    def check_folder(self, folder: Path) -> None:
        """For a batch: refuse a folder inside the library (but exports/)
        unless forced; its files are looked at one by one as they are written."""
        real = _real(folder)
        outside = not _inside(real, self._root_real) or _inside(real, self._exports_real)
        if outside and not any(_inside(draft, real) for draft in self.drafts()):
            self._clear_folder = Path(folder)  # its files need no look one by one
        if self.force or outside:
            return
        raise ExportRefused(f"not written: {folder} is inside the library {self.root}, where the drafts, their "
                            f"history and the trash are kept. Export to {exports_dir(self.root)} or outside the "
                            "library")

    def prepare(self, path: Path) -> None:
        """Before writing ``path``: :class:`ExportRefused` if it is no place
        for an export, unless forced; forced, the file there is kept first
        (a draft in its history, any other file in the trash)."""
        if self._clear_folder is not None and Path(path).parent == self._clear_folder and not os.path.islink(path):
            return
        why = self.problem(path)
        if why is None:
            return
        if not self.force:
            raise ExportRefused(why)
        if not os.path.lexists(path):
            return
        slug = self.drafts().get(_real(path))
        try:
            if slug is not None:
                self._keep_draft(slug)
            else:
                self._keep_in_trash(Path(path))
        except (OSError, ReviewDeskError) as exc:
            raise SaveError(f"not written: the file at {path} could not be kept first "
                            f"({getattr(exc, 'strerror', None) or exc}), so it was left as it is") from None

    def _keep_draft(self, slug: str) -> None:
        from reviewdesk.review import history

        kept = history.snapshot(self.root, slug, self.root / f"{slug}{SUFFIX}")
        if kept is None:
            raise SaveError("the draft could not be read")

    def _keep_in_trash(self, path: Path) -> None:
        trash = trash_dir(self.root)
        trash.mkdir(exist_ok=True)
        target, n = trash / path.name, 2
        while os.path.lexists(target):
            target = trash / f"{path.stem}.{n}{path.suffix}"
            n += 1
        shutil.copy2(path, target)


def write(library_root: Path | str, path: Path, text: str, force: bool = False, make_folder: bool = False) -> Path:
    """Write one export to ``path`` through :class:`Guard`, atomically (its
    folder made first with ``make_folder``, once the place is allowed);
    returns the path written. Raises :class:`ExportRefused` (nothing
    written) or OSError. Over a draft (forced), its write lock is held."""
    from contextlib import nullcontext

    from reviewdesk.config.locations import locks_dir
    from reviewdesk.review import write_lock
    from reviewdesk.review.atomic import atomic_write

    guard = Guard(library_root, force)
    slug = guard.drafts().get(_real(path))
    held = (write_lock.holding(locks_dir(guard.root) / f"{slug}{write_lock.SUFFIX}", f"{slug}{SUFFIX}")
            if slug is not None else nullcontext())
    with held:
        guard.prepare(path)
        if make_folder:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text.encode("utf-8"))
    return path
