"""A real terminal for the end-to-end tests: a private tmux server, keys sent
with ``send-keys``, the screen read with ``capture-pane``, and waits that poll
for what the writer would see until a deadline (nothing is timed)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import pytest

_CURSOR_ON_PLACEHOLDER = re.compile(r"((?:\x1b\[[\d;]*m)+)W(?:\x1b\[[\d;]*m)*rite your answer")
WAIT = 15.0  # seconds: the longest any single step may take on a loaded machine
FOCUS_PAUSE = 0.2  # keys sent right after a focus change can reach the widget losing it (STYLE.md)


class Terminal:
    """One tmux server with one 120x40 window running a command."""

    def __init__(self, command: str, cwd: Path, env: dict[str, str], width: int = 120, height: int = 40,
                 server_options: dict[str, str] | None = None):
        # A private server on a socket of our own (short path: sockets are limited to ~100 bytes).
        self.folder = Path(tempfile.mkdtemp(prefix="rd-tmux-"))
        self.socket = str(self.folder / "socket")
        self.name = "desk"
        self.app_pids: set[int] = set()  # the pane's processes, ended for sure by close()
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # COLUMNS/LINES from pytest's environment would override the window's size in Textual.
        try:
            # Server options are set in the same tmux call, before the command's first output.
            setup = [a for k, v in (server_options or {}).items() for a in ("set-option", "-s", k, v, ";")]
            self.tmux("-f", "/dev/null", "start-server", ";", *setup, "new-session", "-d", "-s", self.name,
                      "-x", str(width), "-y", str(height), "-c", str(cwd),
                      f"exec env -u COLUMNS -u LINES {exports} {command}")
        except BaseException:
            self.close()
            raise

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=10)
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args[:2])} failed: {result.stderr.strip()}")
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        """Key names as tmux knows them (Enter, Tab, C-n, Escape...)."""
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)

    def type(self, text: str) -> None:
        """Literal text, as if typed."""
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def wait_for(self, *texts: str, timeout: float = WAIT) -> str:
        """Poll the screen until every text is on it; fail showing the screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.05)
        missing = [t for t in texts if t not in screen]
        pytest.fail(f"never saw {missing} on the screen; it shows:\n{screen}")

    def wait_for_row(self, pattern: str, timeout: float = WAIT) -> None:
        """Poll until one row of the screen matches the regex (a label and its value)."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if any(regex.search(row) for row in screen.splitlines()):
                return
            time.sleep(0.05)
        pytest.fail(f"no row matched {pattern!r}; the screen shows:\n{screen}")

    def wait_for_editor_cursor(self, timeout: float = WAIT) -> None:
        """Wait until the empty answer editor shows its cursor, as a writer would.

        The cursor is drawn over the placeholder's first letter with its own
        background colour, and only while the editor has focus (it blinks, so
        poll). The review screen can show the question before the editor has
        focus; keys typed in between would go elsewhere.
        """
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.tmux("capture-pane", "-e", "-p", "-t", self.name)
            for m in _CURSOR_ON_PLACEHOLDER.finditer(screen):
                if "48;" in m.group(1) or ";7m" in m.group(1) or "[7m" in m.group(1):
                    return
            time.sleep(0.05)
        pytest.fail("the answer editor never showed its cursor; the screen shows:\n" + self.screen())

    def cursor(self) -> tuple[int, int]:
        """Where the terminal's cursor is: Textual puts it at the focused field's cursor."""
        x, y = self.tmux("display-message", "-p", "-t", self.name, "#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def wait_for_cursor_after(self, label: str, timeout: float = WAIT) -> None:
        """Wait until the cursor sits on the row matching the regex ``label``, to
        its right: the field with that label has focus and the app has caught up."""
        pattern = re.compile(label)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            x, y = self.cursor()
            screen = self.screen()
            if _label_before(screen.splitlines(), x, y, pattern):
                return
            time.sleep(0.05)
        pytest.fail(f"the cursor never reached the field {label!r} (it is at {self.cursor()}); "
                    f"the screen shows:\n{screen}")

    def cursor_on(self, label: str) -> bool:
        x, y = self.cursor()
        return _label_before(self.screen().splitlines(), x, y, re.compile(label))

    def tab_to(self, label: str, most: int = 30) -> None:
        """Press Tab, one field at a time, until the cursor is in the field ``label``.

        After each Tab, wait for the cursor to move (a Select does not move it,
        hence the short limit) so that a slow app is never a Tab behind.
        """
        for _ in range(most):
            if self.cursor_on(label):
                return
            before = self.cursor()
            self.keys("Tab")
            moved_by = time.monotonic() + 2.0
            while time.monotonic() < moved_by and self.cursor() == before:
                time.sleep(0.05)
            time.sleep(FOCUS_PAUSE)
        pytest.fail(f"{most} Tabs never reached the field {label!r}; the screen shows:\n{self.screen()}")

    def pane_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def track(self) -> None:
        """Remember the pane's process and its children, so close() can end them."""
        todo = [self.pane_pid()]
        while todo:
            pid = todo.pop()
            self.app_pids.add(pid)
            try:
                todo += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
            except (OSError, ValueError):
                pass

    def kill_session(self) -> None:
        self.tmux("kill-session", "-t", self.name)

    def close(self) -> None:
        """Kill the tmux server; then end any of our processes still running (an app
        that does not exit after its terminal closed must not outlive the test)."""
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not all(process_ended(p) for p in self.app_pids):
            time.sleep(0.05)
        for pid in self.app_pids:
            if not process_ended(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def wait_until(predicate, what: str, term: Terminal | None = None, timeout: float = WAIT, describe=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    shown = f"; the screen shows:\n{term.screen()}" if term is not None else ""
    if describe is not None:
        shown += f"; {describe()}"
    pytest.fail(f"timed out waiting for {what}{shown}")


def process_state(pid: int) -> str:
    """R, S, D, Z...: the state letter of a process, or "gone"."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return "gone"
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return "gone"
        return "alive"
    return stat.rsplit(")", 1)[1].split()[0]


def process_ended(pid: int) -> bool:
    """Ended: no such process, or a zombie waiting to be reaped."""
    return process_state(pid) in ("gone", "Z", "X")


def read_draft(path: Path) -> dict | None:
    """The draft's TOML, or None while it is missing or half-written."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None


def app_env(library: Path, config: Path) -> dict[str, str]:
    return {
        "REVIEWDESK_LIBRARY": str(library),
        "REVIEWDESK_CONFIG_DIR": str(config),
        "TERM": "xterm-256color",
        "HOME": str(config.parent),  # a rescue copy, should one be written, stays in the test's folder
        "PATH": os.environ.get("PATH", ""),
    }


def app_command(*args: str) -> str:
    return " ".join(shlex.quote(a) for a in (sys.executable, "-m", "reviewdesk", *args))


def _label_before(rows: list[str], x: int, y: int, pattern: re.Pattern) -> bool:
    """The cursor at (x, y) is in the field labelled ``pattern``: the label is
    on its row to its left, or (a narrow form puts labels above the fields)
    on the row above, starting at or left of the cursor."""
    m = pattern.search(rows[y]) if y < len(rows) else None
    if m and x >= m.end():
        return True
    above = pattern.search(rows[y - 1]) if 0 < y <= len(rows) else None
    return bool(above and above.start() <= x)
