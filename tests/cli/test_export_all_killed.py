"""`export --all` killed in the middle leaves nothing running: no worker of
its goes on writing into the folder after the command is gone (issue 15.12).
Real processes: the command runs in a session of its own, is killed with
SIGKILL once its progress shows it at work, and every process of that session
must be gone at once (a worker left on its own would still be exporting its
share, for a second or more)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk.review import draftfile
from reviewdesk.review.model import Review
from waiting import wait_until

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="lists processes through /proc")

DRAFTS = 1000


def session_processes(sid: int) -> list[int]:
    """The live processes of a session (zombies, already ended, left out)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdecimal():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (name) "
        state, session = fields[0], int(fields[3])
        if session == sid and state != "Z":
            found.append(int(entry.name))
    return found


def test_a_killed_export_leaves_no_worker_running(library_dir, tmp_path):
    text = "\n\n".join(f"Paragraph {n} of a long answer, with *some* Markdown in it." for n in range(150))
    for i in range(DRAFTS):
        review = Review("anime-season", f"Show {i:04}", season=f"Season {i % 7}", slug=f"show-{i:04}")
        for qid in ("watched", "happened", "thought"):
            review.answer(qid).text = text
        (library_dir / f"show-{i:04}.toml").write_text(draftfile.dumps(review), encoding="utf-8")
    out = tmp_path / "out"
    log = tmp_path / "progress.txt"
    with open(log, "wb") as progress:
        proc = subprocess.Popen([sys.executable, "-m", "reviewdesk", "export", "--all", "-o", str(out)],
                                stdout=subprocess.DEVNULL, stderr=progress, start_new_session=True,
                                env=os.environ.copy())
    try:
        # At work: its progress has passed the first drafts, and the rest is still to come.
        wait_until(lambda: f"/{DRAFTS}".encode() in log.read_bytes(), "the export's progress", timeout=60)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        written = len(list(out.iterdir()))
        assert written < DRAFTS, "the export finished before it was killed: the test needs more drafts"
        # "At once": half a second is the promise, not a guess at how long it takes.
        wait_until(lambda: not session_processes(proc.pid), "every process of the export to end", timeout=0.5)
    finally:
        for pid in session_processes(proc.pid):
            os.kill(pid, signal.SIGKILL)
