"""The library: a folder of drafts, one TOML file each, named by slug.

Every read goes through :mod:`reviewdesk.review.draftfile`; every write through
:func:`reviewdesk.review.atomic.atomic_write` with a parse-back. A file that does
not parse is listed as broken and never written to.

Every slug from outside goes through :meth:`Library.path_for`, which accepts
only a draft of this library (:func:`reviewdesk.review.slug.check`). Writes
to one draft happen one at a time (:mod:`reviewdesk.review.write_lock`):
``save`` holds the draft's lock from its conflict check to its stamp, and
:meth:`Library.edit` from the read to the save, so two commands changing
different answers of one draft both land.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.review import draftfile
from reviewdesk.review.atomic import atomic_write
from reviewdesk.errors import DraftError, NotFound, ReviewDeskError, SaveError
from reviewdesk.review.index import Summary, summaries
from reviewdesk.config.locations import locks_dir, trash_dir
from reviewdesk.review import write_lock
from reviewdesk.review.model import Review, check_title, normalize_text, now
from reviewdesk.review.slug import check as check_slug, is_draft_name, slugify
from reviewdesk.review.text import check_line
from reviewdesk.review.template import DEFAULT_TEMPLATE, load_template

if TYPE_CHECKING:
    from reviewdesk.review import history

SUFFIX = ".toml"


class Conflict(ReviewDeskError):
    """The file changed on disk since it was read: saving would overwrite it."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"{path.name} was changed on disk by something else since it was opened")


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells one version of a file from the next: modification time,
    size and inode (every save is a new file, renamed into place, so two
    saves within one tick of a coarse clock still differ)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} kB"


class Library:
    def __init__(self, root: Path | str, history_policy: history.Policy | None = None):
        self.root = Path(root)
        self._history_policy = history_policy
        # Why the last save or restore could not keep or prune history (the
        # save itself went through); None when history is fine.
        self.history_problem: str | None = None

    @property
    def history_policy(self) -> history.Policy:
        if self._history_policy is None:
            from reviewdesk.review import history

            self._history_policy = history.policy_from_settings()
        return self._history_policy

    # Paths ---------------------------------------------------------------
    def path_for(self, slug: str) -> Path:
        """The draft file of ``slug``; :class:`NotFound` for anything that is
        not a slug of this library (``../x``, ``/abs/path``, ``.history``)."""
        return self.root / f"{check_slug(self.root, slug)}{SUFFIX}"

    def check_slug(self, slug: str) -> str:
        """``slug`` if it can name a draft of this library, else :class:`NotFound`."""
        return check_slug(self.root, slug)

    def ensure(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SaveError(f"cannot create the library folder {self.root}: {exc.strerror or exc}") from None

    def slugs(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(
            p.name[: -len(SUFFIX)]
            for p in self.root.iterdir()
            if p.name.endswith(SUFFIX) and is_draft_name(self.root, p.name[: -len(SUFFIX)]) and p.is_file()
        )

    # Reading -------------------------------------------------------------
    def load(self, slug: str) -> Review:
        """The draft with this slug; NotFound or DraftError otherwise."""
        path = self.path_for(slug)
        if not path.is_file():
            raise NotFound(f"no draft {slug!r} in {self.root}")
        stamp = _stamp(path)
        review = draftfile.read(path)
        review.slug = slug
        review.disk_stamp = stamp
        return review

    def summaries(self) -> list[Summary]:
        """Every draft's summary (title, season, progress...), newest first.

        Backed by an index of summaries, so it stays fast with thousands of
        drafts; files changed outside the app are re-read."""
        if not self.root.is_dir():
            return []
        return summaries(self.root, SUFFIX)

    def season_mates(self, review: Review) -> list[tuple[str, str]]:
        """(title, url) of the writer's other reviews of the same season."""
        season = review.season.strip().casefold()
        if not season:
            return []
        mates = []
        for entry in self.summaries():
            if entry.broken or entry.slug == review.slug:
                continue
            if entry.season.strip().casefold() == season:
                mates.append((entry.title, entry.url))
        mates.sort(key=lambda m: m[0].casefold())
        return mates

    # Writing -------------------------------------------------------------
    def unique_slug(self, title: str) -> str:
        base = slugify(title)
        slug, n = base, 2
        while self.path_for(slug).exists() or (trash_dir(self.root) / f"{slug}{SUFFIX}").exists():
            slug = f"{base}-{n}"
            n += 1
        return slug

    def create(self, title: str, season: str = "", template: str = DEFAULT_TEMPLATE,
               tagline: str = "") -> Review:
        if not title.strip():
            raise ReviewDeskError("a review needs a title")
        title = check_title(title)
        season = check_line(season, "the season").strip()
        load_template(template)  # unknown or broken template: refuse before writing
        self.ensure()
        review = Review(template=template, title=title, season=season, tagline=normalize_text(tagline))
        for _ in range(100):
            review.slug = self.unique_slug(title)
            try:
                self.save(review, new=True)
                return review
            except SaveError:
                # Another window or command took this slug between the look
                # and the write: the two drafts stay separate, try the next.
                if not self.path_for(review.slug).exists():
                    raise
        raise SaveError(f"could not find a free file name for {title!r} in {self.root}")

    def write_lock(self, slug: str):
        """A context manager holding the draft's write lock (see
        :mod:`reviewdesk.review.write_lock`); a thread may take it again."""
        path = self.path_for(slug)
        return write_lock.holding(locks_dir(self.root) / f"{slug}{write_lock.SUFFIX}", path.name)

    @contextmanager
    def edit(self, slug: str) -> Iterator[Review]:
        """Read, change and save a draft with no other write in between::

            with library.edit(slug) as review:
                review.set_answer("watched", text)

        The draft's write lock is held from the read to the save, so two
        commands changing one draft run one after the other and both
        changes land. An exception inside the block saves nothing.
        """
        with self.write_lock(slug):
            review = self.load(slug)
            yield review
            self.save(review)

    def save(self, review: Review, *, force: bool = False, new: bool = False) -> None:
        """Write the draft atomically.

        Raises :class:`Conflict` when the file changed on disk since it was
        read (unless ``force``), :class:`SaveError` when the disk refuses or
        the draft would be too large to read again; in every case the file
        on disk is as it was. Holds the draft's write lock throughout.
        """
        if not review.slug:
            raise SaveError("the draft has no slug")
        with self.write_lock(review.slug):
            self._save(review, force, new)

    def _save(self, review: Review, force: bool, new: bool) -> None:
        path = self.path_for(review.slug)
        current = _stamp(path)
        if new and current is not None:
            raise SaveError(f"{path.name} already exists")
        # A file that is gone is no conflict: writing it again loses nothing
        # (a draft another window deleted is still in the trash).
        if not force and not new and current is not None and current != review.disk_stamp:
            raise Conflict(path)
        if current is None and not self.root.is_dir():
            # Never recreated here: under an unplugged drive's empty mount
            # point, a new folder would hide the drive's own when it is back.
            raise SaveError(f"could not save {path.name}: the library folder {self.root} is not there "
                            "(an unplugged drive, or a folder moved or removed?); nothing was written, "
                            "and saving works again once it is back")
        previous_updated = review.updated
        review.updated = max(now(), review.created)
        try:
            data = draftfile.dumps(review).encode("utf-8")
        except (RecursionError, ValueError) as exc:  # fields nested too deep for TOML
            review.updated = previous_updated
            raise SaveError(f"could not save {path.name}: the draft cannot be written as TOML ({exc})") from None
        if len(data) > draftfile.MAX_BYTES:
            review.updated = previous_updated
            raise SaveError(f"could not save {path.name}: it would be {_megabytes(len(data))}, over the "
                            f"{_megabytes(draftfile.MAX_BYTES)} a draft can hold and still be read; nothing was "
                            "written. Shorten the longest answers (or keep long text in a file of its own)")
        # Imported here: only saves need it, listing and start-up do not.
        from reviewdesk.review import history

        kept, self.history_problem = (None, None) if new else history.keep_previous(self.root, review.slug, path)
        try:
            atomic_write(path, data, verify=lambda b: draftfile.loads(b.decode("utf-8"), path), exclusive=new)
        except DraftError as exc:
            history.discard(kept)
            review.updated = previous_updated
            raise SaveError(f"could not save {path.name}: the written file did not read back ({exc.reason})") from None
        except FileExistsError:
            review.updated = previous_updated
            raise SaveError(f"{path.name} already exists") from None
        except OSError as exc:
            history.discard(kept)
            review.updated = previous_updated
            reason = exc.strerror or str(exc)
            raise SaveError(f"could not save {path.name}: {reason}") from None
        if kept is not None:
            self.history_problem = history.prune_quietly(self.root, review.slug, self.history_policy)
        review.path = path
        review.disk_stamp = _stamp(path)

    def restore_version(self, slug: str, ref: str | int) -> history.Version:
        """Make an earlier version of a draft (1 = the newest) its file again,
        holding the draft's write lock; the file it replaces goes into history
        first. See :func:`reviewdesk.review.history.restore`."""
        from reviewdesk.review import history

        with self.write_lock(slug):
            path = self.path_for(slug)
            version, self.history_problem = history.restore(self.root, slug, ref, path, self.history_policy)
        return version

    def changed_on_disk(self, review: Review) -> bool:
        """True when the draft's file is not the one this review was read from."""
        stamp = _stamp(self.path_for(review.slug))
        return stamp is not None and stamp != review.disk_stamp

    def delete(self, slug: str) -> Path:
        """Move a draft (broken or not) to the trash; returns where it went."""
        with self.write_lock(slug):
            return self._delete(slug)

    def _delete(self, slug: str) -> Path:
        path = self.path_for(slug)
        if not path.is_file():
            raise NotFound(f"no draft {slug!r} in {self.root}")
        trash = trash_dir(self.root)
        try:
            trash.mkdir(exist_ok=True)
            target = trash / path.name
            n = 2
            while target.exists():
                target = trash / f"{slug}.{n}{SUFFIX}"
                n += 1
            os.replace(path, target)
        except OSError as exc:
            raise SaveError(f"could not move {path.name} to the trash: {exc.strerror or exc}") from None
        return target

    def restore(self, trashed: Path) -> str:
        """Bring a trashed file back under a free slug; returns the slug."""
        name = trashed.name[: -len(SUFFIX)]
        slug = name.split(".")[0]
        target = self.path_for(slug)
        n = 2
        while target.exists():
            target = self.path_for(f"{slug}-{n}")
            n += 1
        try:
            os.replace(trashed, target)
        except OSError as exc:
            raise SaveError(f"could not restore {trashed.name}: {exc.strerror or exc}") from None
        return target.name[: -len(SUFFIX)]

    def trashed(self) -> list[Path]:
        trash = trash_dir(self.root)
        if not trash.is_dir():
            return []
        return sorted(trash.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
