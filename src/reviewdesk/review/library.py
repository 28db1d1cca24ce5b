"""The library: a folder of drafts, one TOML file each, named by slug.

Every read goes through :mod:`reviewdesk.review.draftfile`; every write through
:func:`reviewdesk.review.atomic.atomic_write` with a parse-back. A file that does
not parse is listed as broken and never written to.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.review import draftfile
from reviewdesk.review.atomic import atomic_write
from reviewdesk.errors import DraftError, NotFound, ReviewDeskError, SaveError
from reviewdesk.review.index import Summary, summaries
from reviewdesk.config.locations import trash_dir
from reviewdesk.review.model import Review, normalize_text, now
from reviewdesk.review.slug import slugify
from reviewdesk.review.template import DEFAULT_TEMPLATE, load_template

if TYPE_CHECKING:
    from reviewdesk.review import history

SUFFIX = ".toml"


class Conflict(ReviewDeskError):
    """The file changed on disk since it was read: saving would overwrite it."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"{path.name} was changed on disk by something else since it was opened")


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


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
        return self.root / f"{slug}{SUFFIX}"

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
            if p.name.endswith(SUFFIX) and not p.name.startswith(".") and p.is_file()
        )

    # Reading -------------------------------------------------------------
    def load(self, slug: str) -> Review:
        """The draft with this slug; NotFound or DraftError otherwise."""
        path = self.path_for(slug)
        if "/" in slug or "\\" in slug or slug.startswith(".") or not path.is_file():
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
        title = normalize_text(title).strip()
        if not title:
            raise ReviewDeskError("a review needs a title")
        load_template(template)  # unknown or broken template: refuse before writing
        self.ensure()
        review = Review(template=template, title=title, season=normalize_text(season).strip(),
                        tagline=normalize_text(tagline))
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

    def save(self, review: Review, *, force: bool = False, new: bool = False) -> None:
        """Write the draft atomically.

        Raises :class:`Conflict` when the file changed on disk since it was
        read (unless ``force``), :class:`SaveError` when the disk refuses; in
        both cases the file on disk is as it was.
        """
        if not review.slug:
            raise SaveError("the draft has no slug")
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
        """Make an earlier version of a draft (1 = the newest) its file again;
        the file it replaces goes into history first. See
        :func:`reviewdesk.review.history.restore`."""
        from reviewdesk.review import history

        version, self.history_problem = history.restore(self.root, slug, ref, self.path_for(slug),
                                                        self.history_policy)
        return version

    def changed_on_disk(self, review: Review) -> bool:
        """True when the draft's file is not the one this review was read from."""
        stamp = _stamp(self.path_for(review.slug))
        return stamp is not None and stamp != review.disk_stamp

    def delete(self, slug: str) -> Path:
        """Move a draft (broken or not) to the trash; returns where it went."""
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
