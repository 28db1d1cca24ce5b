"""Earlier versions of each draft: every save keeps the one it replaces.

``Library.save`` calls :func:`keep_previous` just before the new file is
renamed over the old one: the old file is hard-linked to
``.history/<slug>/<time>.toml`` in the library, named by the moment it
stopped being current; a draft that is a symlink (into a synced folder) is
copied through the link, so its versions hold what it held (see
:func:`snapshot`). A save that fails takes its
snapshot back (:func:`discard`); a save that succeeds prunes the folder
(:func:`prune`). History never fails a save: :func:`keep_previous` and
:func:`prune_quietly` return what went wrong, ``Library`` keeps it in
``history_problem`` for the caller to show, and the save goes on. This module
is given the library's folder and the draft's file, and never calls back
into the library.

Bounds (:class:`Policy`): the newest ``keep`` versions (default 20) are all
kept. Older ones are kept while younger than ``days`` (default 7), thinned
to one per ``spacing`` (default 10 minutes): autosave writes every second
or two while the writer types, and keeping every one of those for a week
would fill a disk. Nothing older than ``days`` beyond the newest ``keep``
survives. The settings file's ``[history]`` table sets ``keep`` and
``days``.

Versions are numbered for people: 1 is the newest (the version the current
file replaced), 2 the one before, and so on. :func:`restore` brings one back
byte for byte, and puts the file it replaces into history first, so a
restore is itself undone by restoring version 1.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from reviewdesk.review import draftfile
from reviewdesk.review.atomic import atomic_write
from reviewdesk.review.slug import check as check_slug
from reviewdesk.errors import DraftError, NotFound, ReviewDeskError, SaveError
from reviewdesk.config.locations import history_dir

DEFAULT_KEEP = 20
DEFAULT_DAYS = 7
DEFAULT_SPACING = timedelta(minutes=10)
SUFFIX = ".toml"
_STAMP = "%Y%m%dT%H%M%S.%fZ"


@dataclass(frozen=True)
class Policy:
    """How much history to keep; see the module docstring."""

    keep: int = DEFAULT_KEEP
    days: float = DEFAULT_DAYS
    spacing: timedelta = DEFAULT_SPACING


def policy_from_settings() -> Policy:
    """The writer's ``[history]`` settings, or the defaults (never raises)."""
    try:
        from reviewdesk.config import settings

        chosen = settings.load()[0].history
        return Policy(keep=chosen.keep, days=chosen.days)
    except Exception:  # a settings problem must never cost a save its history
        return Policy()


@dataclass(frozen=True)
class Version:
    number: int  # 1 = newest
    path: Path
    replaced: datetime  # when it stopped being the current file (from its name)
    saved: datetime  # when it was written (its modification time)
    size: int

    @property
    def id(self) -> str:
        """The stable name of this version (its file name without .toml)."""
        return self.path.name[: -len(SUFFIX)]

    def read(self):
        """The version as a Review; DraftError if it does not parse."""
        return draftfile.read(self.path)

    def words(self) -> int | None:
        """Its word count, or None when the version does not parse."""
        try:
            return self.read().words()
        except ReviewDeskError:
            return None


def folder(root: Path, slug: str) -> Path:
    return history_dir(root) / check_slug(root, slug)


def _parse_name(name: str) -> datetime | None:
    if not name.endswith(SUFFIX):
        return None
    stem = name[: -len(SUFFIX)].split("-")[0]
    try:
        return datetime.strptime(stem, _STAMP).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def versions(root: Path, slug: str) -> list[Version]:
    """Every kept version of a draft, newest first (numbered from 1)."""
    where = folder(root, slug)
    found = []
    try:
        names = os.listdir(where)
    except OSError:
        return []
    for name in names:
        replaced = _parse_name(name)
        if replaced is None:
            continue
        path = where / name
        try:
            st = path.stat()
        except OSError:
            continue
        found.append((replaced, name, path, st))
    found.sort(key=lambda f: (f[0], _seq(f[1])), reverse=True)
    return [Version(n, path, replaced, datetime.fromtimestamp(st.st_mtime, timezone.utc), st.st_size)
            for n, (replaced, _name, path, st) in enumerate(found, 1)]


def _seq(name: str) -> int:
    stem = name[: -len(SUFFIX)]
    _, _, n = stem.partition("-")
    return int(n) if n.isdecimal() else 1


def find(root: Path, slug: str, ref: str | int) -> Version:
    """A version by number (1 = newest) or by id (its file name)."""
    found = versions(root, slug)
    if not found:
        raise NotFound(f"{slug} has no earlier versions in {history_dir(root)}")
    text = str(ref).strip().removesuffix(SUFFIX)
    for v in found:
        if (text.isdecimal() and int(text) == v.number) or text == v.id:
            return v
    raise NotFound(f"{slug} has no version {text!r}: versions are 1 (newest) to {len(found)}; "
                   f"see `reviewdesk history {slug}`")


# Keeping ----------------------------------------------------------------------

def snapshot(root: Path, slug: str, path: Path) -> Path | None:
    """Put the current file ``path`` into history; returns the version's path.

    A regular file is hard-linked: a save replaces the draft by renaming a
    new file over it, so the linked one never changes again. A symlinked
    draft (or a file system without hard links) is copied through the link
    instead: a link to the symlink would follow the draft's current file.
    The copy is synced and named only when whole, with the modification
    time of the file it copies (when that was saved). None when there is no
    file to keep. Raises OSError when it cannot.
    """
    if not path.is_file():
        return None
    where = folder(root, slug)
    where.mkdir(parents=True, exist_ok=True)
    base = datetime.now(timezone.utc).strftime(_STAMP)
    if not path.is_symlink():
        try:
            return _link_free_name(path, where, base)
        except OSError as exc:
            if not _no_hard_links(exc):
                raise
    tmp = where / f".{base}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        with open(path, "rb") as source, open(tmp, "wb") as copy:
            shutil.copyfileobj(source, copy, 1 << 20)
            copy.flush()
            os.fsync(copy.fileno())
            st = os.fstat(source.fileno())
        os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
        try:
            return _link_free_name(tmp, where, base)
        except OSError as exc:
            if not _no_hard_links(exc):
                raise
        target = _free_name(where, base)
        os.replace(tmp, target)
        return target
    finally:
        try:
            os.unlink(tmp)  # gone already when it was renamed; else litter at worst
        except OSError:
            pass


def _names(where: Path, base: str):
    for n in range(1, 1000):
        yield where / (f"{base}{SUFFIX}" if n == 1 else f"{base}-{n}{SUFFIX}")


def _link_free_name(path: Path, where: Path, base: str) -> Path:
    """Hard-link ``path`` under the first free version name (two saves in
    one microsecond get two)."""
    for target in _names(where, base):
        try:
            os.link(path, target)
            return target
        except FileExistsError:
            continue
    raise FileExistsError(f"too many versions saved at {base}")


def _free_name(where: Path, base: str) -> Path:
    for target in _names(where, base):
        if not target.exists():
            return target
    raise FileExistsError(f"too many versions saved at {base}")


def _no_hard_links(exc: OSError) -> bool:
    """An error that says this file system has no hard links (FAT, some
    network folders), not that the disk refused."""
    return not isinstance(exc, FileExistsError) and exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS,
                                                                      errno.EACCES, errno.ENOENT, errno.EIO)


def keep_previous(root: Path, slug: str, path: Path) -> tuple[Path | None, str | None]:
    """Before a save: keep ``path``, the file about to be replaced. Never
    raises: (the version kept, None) or (None, why it could not be kept)."""
    try:
        return snapshot(root, slug, path), None
    except (OSError, ReviewDeskError) as exc:
        return None, f"the previous version of {slug} was not kept in history: {_why(exc)}"


def discard(kept: Path | None) -> None:
    """After a failed save: the file was not replaced, so its snapshot goes."""
    if kept is None:
        return
    try:
        kept.unlink()
    except OSError:
        pass


def prune(root: Path, slug: str, policy: Policy | None = None, now: datetime | None = None) -> list[Path]:
    """Remove versions the policy no longer keeps; returns what went.

    Raises OSError when a version cannot be removed."""
    policy = policy or Policy()
    now = now or datetime.now(timezone.utc)
    horizon = now - timedelta(days=policy.days)
    removed = []
    last_kept: datetime | None = None
    for v in versions(root, slug):
        if v.number <= policy.keep:
            keep = True
        elif v.replaced < horizon:
            keep = False
        else:
            keep = last_kept is None or last_kept - v.replaced >= policy.spacing
        if keep:
            last_kept = v.replaced
        else:
            v.path.unlink(missing_ok=True)
            removed.append(v.path)
    return removed


def prune_quietly(root: Path, slug: str, policy: Policy | None = None) -> str | None:
    """After a save: prune. Never raises: None, or why it could not."""
    try:
        prune(root, slug, policy)
    except (OSError, ReviewDeskError) as exc:
        return f"old versions of {slug} could not be pruned: {_why(exc)}"
    return None


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


# Restoring ----------------------------------------------------------------------

def restore(root: Path, slug: str, ref: str | int, path: Path,
            policy: Policy | None = None) -> tuple[Version, str | None]:
    """Make version ``ref`` the current file ``path`` again, byte for byte.

    The file it replaces goes into history first (when there is one), so the
    restore can be undone by restoring version 1. Returns the version that
    was restored and why old versions could not be pruned (None when they
    were). A version that does not parse is refused: it stays in history and
    the current file is untouched. The caller holds the draft's write lock
    (``Library.restore_version`` does).
    """
    version = find(root, slug, ref)
    try:
        data = version.path.read_bytes()
    except OSError as exc:
        raise SaveError(f"cannot read version {version.number} of {slug}: {_why(exc)}") from None
    try:
        draftfile.loads(data.decode("utf-8"), version.path)
    except UnicodeDecodeError:
        raise DraftError(version.path, "this version is not UTF-8 text; the current file was left as it is") from None
    try:
        kept = snapshot(root, slug, path)
    except OSError as exc:
        raise SaveError(f"not restored: the current {path.name} could not be kept in history first "
                        f"({_why(exc)}), so it was left as it is") from None
    try:
        atomic_write(path, data, verify=lambda b: draftfile.loads(b.decode("utf-8"), path))
    except (OSError, DraftError) as exc:
        discard(kept)
        raise SaveError(f"could not restore {path.name}: {_why(exc)}") from None
    return version, prune_quietly(root, slug, policy)
