"""One thing wrong with a file the writer keeps by hand (settings, a theme).

Settings and theme files are read leniently: each problem is collected, with
the file, the field and, for a file that does not parse, the line and column,
so the app shows them all in one notification and the command line one a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_AT = re.compile(r"at line (\d+), column (\d+)")


@dataclass(frozen=True)
class FileProblem:
    path: Path | None
    field: str | None
    message: str
    line: int | None = None
    column: int | None = None
    # How the file is named in the message: the whole path (settings) or a
    # shorter name (a theme file, named among the others of its folder).
    label: str | None = None

    def __str__(self) -> str:
        where = self.label if self.label is not None else str(self.path) if self.path else "?"
        if self.line is not None:
            where += f": line {self.line}, column {self.column}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


def toml_position(exc: ValueError) -> tuple[int | None, int | None]:
    """(line, column) of a TOML parse error, from the error or its message."""
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if line is None:
        m = _AT.search(str(exc))
        if m:
            return int(m.group(1)), int(m.group(2))
    return line, column


def toml_reason(exc: ValueError) -> str:
    """A TOML parse error's message without its position."""
    return str(exc).split(" (at ")[0]
