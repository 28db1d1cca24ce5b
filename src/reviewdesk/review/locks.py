"""Which process has a draft open: ``.locks/<slug>.lock`` in the library.

A lock is advisory: it never stops anyone opening a draft (the conflict
check in ``Library.save`` is what keeps words from being overwritten); it
lets the app say "Open in another window (pid N)" before two windows start
fighting over one file.

The lock file is JSON: pid, host name, start time, a random token, and on
Linux the boot id and the process's start tick, so a pid reused after a
crash or a reboot is not mistaken for the old holder. A lock whose process
is gone (killed with SIGKILL, a power cut) is stale: it is ignored and
replaced. A lock from another host (a library in a synced folder) cannot be
checked; it counts while its file is younger than :data:`OTHER_HOST_STALE`
(call :meth:`Lock.refresh` now and then to keep yours fresh).

Usage (the review screen)::

    lock = locks.acquire(library, slug)      # on open
    if lock.other:                           # someone else has it open
        notify(lock.other.describe())        # "Open in another window (pid 4242)"
    ...
    lock.release()                           # on close, and on quit

Nothing here raises for a disk problem: a lock that cannot be written is a
Lock with ``owned`` False and ``problem`` saying why.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.review.slug import check as check_slug
from reviewdesk.config.locations import locks_dir

if TYPE_CHECKING:
    from reviewdesk.review.library import Library

OTHER_HOST_STALE = 12 * 3600  # seconds


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started: datetime
    same_host: bool

    def describe(self) -> str:
        if self.same_host:
            return f"Open in another window (pid {self.pid})"
        return f"May be open on {self.host} (pid {self.pid})"


def _path(library: Library, slug: str) -> Path:
    return locks_dir(library.root) / f"{check_slug(library.root, slug)}.lock"


def _hostname() -> str:
    return socket.gethostname()


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return None


def _proc_stat(pid: int) -> tuple[str, int] | None:
    """(state, start tick) of a process, from /proc on Linux; None elsewhere."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    try:
        fields = raw[raw.rindex(")") + 2:].split()
        return fields[0], int(fields[19])
    except (ValueError, IndexError):
        return None


def start_ticks(pid: int) -> int | None:
    """When a process started (clock ticks since boot, Linux), else None."""
    stat = _proc_stat(pid)
    return stat[1] if stat else None


def process_alive(pid: int, ticks: int | None = None) -> bool:
    """Is ``pid`` a running process (and, given ``ticks``, the same one)?"""
    return _alive(pid, ticks)


def _alive(pid: int, ticks: int | None) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it exists
    except OSError:
        return False
    stat = _proc_stat(pid)
    if stat is not None:
        state, start = stat
        if state in ("Z", "X"):  # killed, not yet reaped by its parent
            return False
        if ticks is not None and start != ticks:
            return False  # the pid was reused by another process
    return True


def _record() -> dict:
    stat = _proc_stat(os.getpid())
    return {"pid": os.getpid(), "host": _hostname(), "started": datetime.now(timezone.utc).isoformat(),
            "token": uuid.uuid4().hex, "boot": _boot_id(), "ticks": stat[1] if stat else None}


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("pid"), int) or isinstance(data.get("pid"), bool):
        return None
    if not isinstance(data.get("host"), str):
        return None
    return data


def _live_holder(path: Path, data: dict | None) -> Holder | None:
    """The holder described by ``data`` if it still counts, else None."""
    if data is None:
        return None
    try:
        started = datetime.fromisoformat(str(data.get("started")))
    except ValueError:
        started = datetime.fromtimestamp(0, timezone.utc)
    pid, host = data["pid"], data["host"]
    if host != _hostname():
        try:
            age = time.time() - path.stat().st_mtime
        except OSError:
            return None
        return Holder(pid, host, started, same_host=False) if age < OTHER_HOST_STALE else None
    boot = data.get("boot")
    if boot and _boot_id() and boot != _boot_id():
        return None  # written before a reboot
    ticks = data.get("ticks") if isinstance(data.get("ticks"), int) else None
    if not _alive(pid, ticks):
        return None
    return Holder(pid, host, started, same_host=True)


class Lock:
    """This process's claim on a draft; ``other`` is who else holds it, if anyone."""

    def __init__(self, path: Path, record: dict, owned: bool, other: Holder | None = None,
                 problem: str | None = None):
        self.path = path
        self.record = record
        self.owned = owned
        self.other = other
        self.problem = problem

    def release(self) -> None:
        """Remove the lock file if it is still ours. Safe to call twice."""
        if not self.owned:
            return
        self.owned = False
        data = _read(self.path)
        if data is not None and data.get("token") == self.record["token"]:
            try:
                self.path.unlink()
            except OSError:
                pass

    def refresh(self) -> None:
        """Touch the lock so other hosts see it is still in use."""
        if self.owned:
            try:
                os.utime(self.path)
            except OSError:
                pass

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def acquire(library: Library, slug: str) -> Lock:
    """Claim the draft for this process.

    When another live process holds it, its lock is left alone and the
    returned Lock has ``owned`` False and ``other`` set: the caller opens
    the draft anyway and tells the writer. A stale lock is replaced.
    """
    path = _path(library, slug)
    record = _record()
    data = json.dumps(record).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(5):
            if _create(path, data):
                return Lock(path, record, owned=True)
            existing = _read(path)
            if existing is not None and existing["pid"] == os.getpid() and existing["host"] == _hostname():
                # This process already holds it (a second screen on the same draft).
                return Lock(path, existing, owned=False)
            live = _live_holder(path, existing)
            if live is not None:
                return Lock(path, record, owned=False, other=live)
            _replace_stale(path, data)
            if (_read(path) or {}).get("token") == record["token"]:
                return Lock(path, record, owned=True)
            # Another process replaced the stale lock at the same moment: look again.
        return Lock(path, record, owned=False, problem="the lock file kept changing; not locked")
    except OSError as exc:
        return Lock(path, record, owned=False, problem=f"the lock could not be written: {exc.strerror or exc}")


def _create(path: Path, data: bytes) -> bool:
    """Write the lock file only if there is none; False if there is one.

    The content is written first and linked into place, so nobody ever
    reads a lock file half written (and takes it for a stale one).
    """
    tmp = _tmp_with(path, data)
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    except OSError:
        pass  # no hard links here: create exclusively, then fill
    finally:
        tmp.unlink(missing_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return True


def _tmp_with(path: Path, data: bytes) -> Path:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_bytes(data)
    return tmp


def _replace_stale(path: Path, data: bytes) -> None:
    tmp = _tmp_with(path, data)
    try:
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
