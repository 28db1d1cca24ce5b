"""The real app in a real terminal (tmux), for the crash tests.

Each test runs its own tmux server (``-L``), so tests run in parallel
(``-n 2``) without touching each other or a developer's tmux. Waits poll
for what the writer would see, or for the file on disk, until a deadline.
"""

from __future__ import annotations

import os
import shlex
import signal
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

WAIT = 20.0  # seconds: the longest one step may take on a loaded machine


def pytest_configure(config):
    config.addinivalue_line("markers", "crash: kills the real app (SIGKILL, SIGHUP, SIGTERM) and checks the disk")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/crash/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.crash)
            if shutil.which("tmux") is None:
                item.add_marker(pytest.mark.skip(reason="tmux is not installed: the crash tests need a real terminal"))


class Terminal:
    """One tmux server with one window running the app."""

    def __init__(self, command: str, cwd: Path, env: dict[str, str], width: int = 100, height: int = 30):
        self.socket = f"reviewdesk-crash-{uuid.uuid4().hex[:10]}"
        self.name = "desk"
        self.pid: int | None = None
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                  "-c", str(cwd), f"exec env {exports} {command}")

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10)
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args[:2])} failed: {result.stderr.strip()}")
        return result.stdout

    def screen(self) -> str:
        try:
            return self.tmux("capture-pane", "-p", "-t", self.name)
        except RuntimeError:
            return ""

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def wait_for(self, *texts: str, timeout: float = WAIT) -> float:
        """Poll until every text is on the screen; returns when it was seen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts):
                return time.monotonic()
            time.sleep(0.03)
        pytest.fail(f"never saw {[t for t in texts if t not in screen]} on the screen; it shows:\n{screen}")

    def pane_pid(self) -> int:
        self.pid = int(self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        return self.pid

    def kill_session(self) -> None:
        """Close the terminal window: the app gets SIGHUP."""
        self.tmux("kill-session", "-t", self.name)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)
        if self.pid is not None and not gone(self.pid):
            os.kill(self.pid, signal.SIGKILL)  # a test that failed must not leave a hung app behind


def wait_until(predicate, what: str, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.03)
    pytest.fail(f"timed out waiting for {what}")


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:  # killed but not yet reaped by tmux: a zombie is gone too
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except (OSError, IndexError):
        return False


@pytest.fixture
def app_env(library_dir, config_dir) -> dict[str, str]:
    return {
        "REVIEWDESK_LIBRARY": str(library_dir),
        "REVIEWDESK_CONFIG_DIR": str(config_dir),
        "TERM": "xterm-256color",
        "HOME": os.environ.get("HOME", str(config_dir)),
        "PATH": os.environ.get("PATH", ""),
    }


def app_command(*args: str) -> str:
    return " ".join(shlex.quote(a) for a in (sys.executable, "-m", "reviewdesk", *args))
