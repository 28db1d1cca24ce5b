"""A real terminal for the end-to-end and crash tests: a private tmux server,
keys sent with ``send-keys``, the screen read with ``capture-pane``, and waits
that poll for what the writer would see until a deadline (nothing is timed).

Each Terminal runs its own tmux server on a socket in a temporary folder
(``-S``), so tests run in parallel (``-n 2``) without touching each other or a
developer's tmux, and ``close()`` ends that server and the app's processes.
A focus change is waited for by what the screen shows (the terminal's
cursor in the new field, the editor's cursor on its placeholder), never by
a pause: keys sent before it would reach the widget losing the focus.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path

from waiting import poll, wait_until

WAIT = 20.0  # seconds: the longest any single step may take on a loaded machine
TAB_MOVES = 2.0  # seconds for a Tab to move the cursor; a Select takes the focus without moving it


class Terminal:
    """One tmux server with one window (120x40 unless told) running a command."""

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
        """The screen's text; empty once the window is gone (the app killed, the session closed)."""
        try:
            return self.tmux("capture-pane", "-p", "-t", self.name)
        except RuntimeError:
            return ""

    def shows(self) -> str:
        """What a failure says about the terminal: its screen."""
        return f"the screen shows:\n{self.screen()}"

    def keys(self, *keys: str) -> None:
        """Key names as tmux knows them (Enter, Tab, C-n, Escape...)."""
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)

    def type(self, text: str) -> None:
        """Literal text, as if typed."""
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def wait_until(self, condition: Callable[[], object], what: str, timeout: float = WAIT,
                   describe: Callable[[], str] | None = None) -> object:
        """``waiting.wait_until``, showing the screen (and ``describe()``) on failure."""
        return wait_until(condition, what, timeout,
                          describe=lambda: self.shows() + (f"; {describe()}" if describe else ""))

    def wait_for(self, *texts: str, timeout: float = WAIT) -> str:
        """Poll the screen until every text is on it; the screen."""
        return self.wait_until(lambda: (lambda s: all(t in s for t in texts) and s)(self.screen()),
                               f"{list(texts)} on the screen", timeout)

    def wait_for_row(self, pattern: str, timeout: float = WAIT) -> None:
        """Poll until one row of the screen matches the regex (a label and its value)."""
        regex = re.compile(pattern)
        self.wait_until(lambda: any(regex.search(row) for row in self.screen().splitlines()),
                        f"a row matching {pattern!r}", timeout)

    def wait_for_editor_cursor(self, timeout: float = WAIT) -> None:
        """Wait until the empty answer editor shows its cursor, as a writer would.
        The review screen can show the question before the editor has focus;
        keys typed in between would go elsewhere."""
        self.wait_for_cursor_on_placeholder("Write your answer", timeout)

    def wait_for_cursor_on_placeholder(self, placeholder: str, timeout: float = WAIT) -> None:
        """Wait until the empty field showing ``placeholder`` shows its cursor.

        The cursor is drawn over the placeholder's first letter with its own
        background colour, and only while the field has focus (it blinks, so
        poll); the terminal's own cursor does not always follow a field
        focused as its screen opens.
        """
        drawn = re.compile(r"((?:\x1b\[[\d;]*m)+)" + re.escape(placeholder[0]) + r"(?:\x1b\[[\d;]*m)*"
                           + re.escape(placeholder[1:]))

        def cursor_shown() -> bool:
            screen = self.tmux("capture-pane", "-e", "-p", "-t", self.name)
            return any("48;" in m.group(1) or ";7m" in m.group(1) or "[7m" in m.group(1)
                       for m in drawn.finditer(screen))

        self.wait_until(cursor_shown, f"the cursor on the placeholder {placeholder!r}", timeout)

    def cursor(self) -> tuple[int, int]:
        """Where the terminal's cursor is: Textual puts it at the focused field's cursor."""
        x, y = self.tmux("display-message", "-p", "-t", self.name, "#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def cursor_on(self, label: str) -> bool:
        """The cursor is in the field labelled by the regex ``label`` (see _label_before)."""
        x, y = self.cursor()
        return _label_before(self.screen().splitlines(), x, y, re.compile(label))

    def wait_for_cursor_after(self, label: str, timeout: float = WAIT) -> None:
        """Wait until the cursor sits on the row matching the regex ``label``, to
        its right: the field with that label has focus and the app has caught up."""
        self.wait_until(lambda: self.cursor_on(label), f"the cursor in the field {label!r}", timeout,
                        describe=lambda: f"the cursor is at {self.cursor()}")

    def wait_for_cursor_in(self, text: str, timeout: float = WAIT) -> None:
        """Wait until the cursor is on a row showing ``text``: the editor holding
        that text has the focus."""
        def there() -> bool:
            x, y = self.cursor()
            rows = self.screen().splitlines()
            return y < len(rows) and text in rows[y]

        self.wait_until(there, f"the cursor on the row of {text!r}", timeout)

    def tab_to(self, label: str, most: int = 30) -> None:
        """Press Tab, one field at a time, until the cursor is in the field ``label``.

        After each Tab, wait for the cursor to move, so that a slow app is never
        a Tab behind; a Select takes the focus without moving it, hence the
        short limit that is no failure.
        """
        for _ in range(most):
            if self.cursor_on(label):
                return
            before = self.cursor()
            self.keys("Tab")
            poll(lambda: self.cursor() != before, TAB_MOVES)
        raise AssertionError(f"{most} Tabs never reached the field {label!r}; {self.shows()}")

    def pane_pid(self) -> int:
        """The pane's process (the app, or the shell running it), ended for sure by close()."""
        pid = int(self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        self.app_pids.add(pid)
        return pid

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
        """Close the terminal window: the app gets SIGHUP."""
        self.tmux("kill-session", "-t", self.name)

    def close(self) -> None:
        """Kill the tmux server; then end any of our processes still running (an app
        that does not exit after its terminal closed must not outlive the test)."""
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)
        poll(lambda: all(process_ended(p) for p in self.app_pids), 5)
        for pid in self.app_pids:
            if not process_ended(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


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
