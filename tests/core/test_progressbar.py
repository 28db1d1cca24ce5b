"""The progress bar off a terminal: a line a step for a short run, at most
about a hundred for a long one, always the last step's."""

from __future__ import annotations

import io

from reviewdesk.cli.progressbar import MAX_LINES, ProgressBar


def lines_for(total: int) -> list[str]:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    for n in range(1, total + 1):
        bar(n, total, f"draft-{n}")
    bar.close()
    return stream.getvalue().splitlines()


def test_a_short_run_gets_a_line_a_step():
    lines = lines_for(MAX_LINES)
    assert len(lines) == MAX_LINES and lines[0].endswith("draft-1")
    assert lines[-1] == "[" + "#" * 24 + f"] {MAX_LINES}/{MAX_LINES}  draft-{MAX_LINES}"


def test_a_long_run_gets_about_a_hundred_lines_and_its_last_step():
    lines = lines_for(2001)
    assert MAX_LINES <= len(lines) <= MAX_LINES + 1
    assert lines[-1].endswith("2001/2001  draft-2001")
    assert lines[0].endswith("  20/2001  draft-20")
