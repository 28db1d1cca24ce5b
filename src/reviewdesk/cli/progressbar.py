"""A progress bar for long commands, on standard error.

On a terminal it redraws one line (``[#####-----]  5/10  slug``); anywhere
else (a log, a pipe, a test) it writes one line per step, so the record
stays readable; past ``MAX_LINES`` steps, one line per hundredth of the
run and the last step's (thousands of lines would bury the report and cost
more than the steps). It writes nothing to standard output, which stays the
data.
"""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 24
MAX_LINES = 100


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, label: str = ""):
        self.stream = stream or sys.stderr
        self.label = label
        try:
            self.live = self.stream.isatty()
        except (AttributeError, ValueError):
            self.live = False
        self._drawn = False

    def __call__(self, done: int, total: int, item: str = "") -> None:
        if not self.live and total > MAX_LINES and done != total and done % (total // MAX_LINES):
            return
        filled = WIDTH * done // total if total else WIDTH
        bar = "#" * filled + "-" * (WIDTH - filled)
        count = f"{done:>{len(str(total))}}/{total}"
        name = "".join(ch if ch.isprintable() else "?" for ch in item)[:40]
        line = f"{self.label}[{bar}] {count}  {name}"
        if self.live:
            self.stream.write("\r\x1b[2K" + line)
            self._drawn = True
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.live and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
