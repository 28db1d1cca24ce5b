"""Run the command line in-process, as a script would, and read what it said:
the ``cli`` fixture of every test layer (registered in tests/conftest.py)."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass

from reviewdesk.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def __iter__(self):
        """``code, out, err = cli(...)``."""
        return iter((self.code, self.out, self.err))

    def json(self):
        """Standard output read as JSON (``--json``)."""
        import json

        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def assert_one_clean_error_line(self, *fragments: str) -> str:
        """A failure: non-zero exit, exactly one line on stderr, no traceback."""
        assert self.code != 0, (self.code, self.out, self.err)
        assert len(self.err_lines) == 1, self.err
        line = self.err_lines[0]
        assert line.startswith("reviewdesk: "), line
        assert "Traceback" not in self.err
        for fragment in fragments:
            assert fragment in line, (fragment, line)
        return line


def run(capsys, monkeypatch, *argv: str, stdin: bytes | str | None = None) -> Result:
    """``reviewdesk ARGV`` through reviewdesk.cli.main, with optional standard input."""
    capsys.readouterr()  # drop anything printed before
    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: usage errors and --help
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)

