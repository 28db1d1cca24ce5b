"""Nothing larger than a draft can hold gets into one (issue 15.5).

A draft over draftfile.MAX_BYTES (32 MB) cannot be read again: `answer
--file` of 50 MB, `import` of 40 MB and two 18 MB answers each used to
write one, and from then on `show`, `export` and `answer` refused it.
`--file /dev/zero` and an endless standard input ate memory until the
machine gave out (5.9 GB in 8 s). Now the save refuses before writing, and
input is read no further than the limit.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk.errors import SaveError
from reviewdesk.review import draftfile

MB = 1024 * 1024


def text_file(path: Path, megabytes: int) -> Path:
    with open(path, "wb") as f:
        line = b"Rouge hunts the Immortal Nine across Mars, and Naomi follows her. " * 16 + b"\n"
        for _ in range(megabytes * MB // len(line) + 1):
            f.write(line)
    return path


@pytest.fixture
def draft(library):
    review = library.create("Limits")
    review.set_answer("watched", "What was there before.")
    library.save(review)
    return review


def unchanged(library, draft) -> bytes:
    return library.path_for(draft.slug).read_bytes()


def test_a_50mb_answer_file_is_refused_and_the_draft_is_unchanged(cli, library, draft, tmp_path):
    before = unchanged(library, draft)
    big = text_file(tmp_path / "big.txt", 50)
    cli("answer", draft.slug, "2", "--file", str(big)).assert_one_clean_error_line(
        "big.txt", "over 32 MB", "nothing was changed")
    assert unchanged(library, draft) == before
    assert cli("show", draft.slug).code == 0


def test_two_18mb_answers_the_second_is_refused_before_writing(cli, library, draft, tmp_path):
    part = text_file(tmp_path / "part.txt", 18)
    assert cli("answer", draft.slug, "1", "--file", str(part)).code == 0
    before = unchanged(library, draft)
    versions = len(list((library.root / ".history" / draft.slug).iterdir()))
    cli("answer", draft.slug, "2", "--file", str(part)).assert_one_clean_error_line(
        "could not save", "over the 32 MB a draft can hold", "nothing was written")
    assert unchanged(library, draft) == before
    assert len(list((library.root / ".history" / draft.slug).iterdir())) == versions  # no version for it
    assert cli("show", draft.slug).code == 0
    assert library.load(draft.slug).peek("happened").text == ""


def test_a_40mb_import_is_refused_and_makes_no_draft(cli, library, tmp_path):
    big = tmp_path / "big.md"
    big.write_bytes(b"# Big\n\n## What did you watch?\n\n" + text_file(tmp_path / "body", 40).read_bytes())
    cli("import", str(big)).assert_one_clean_error_line("big.md", "over 32 MB")
    assert library.slugs() == []


def test_the_save_checks_the_size_of_the_file_it_would_write(library, draft, monkeypatch):
    """The app's save goes through the same check, and shows its message as
    any save error (tests/tui/test_save_limits.py)."""
    monkeypatch.setattr(draftfile, "MAX_BYTES", 4096)
    before = unchanged(library, draft)
    draft.set_answer("happened", "word " * 1000)
    with pytest.raises(SaveError, match="a draft can hold and still be read; nothing was written"):
        library.save(draft)
    assert unchanged(library, draft) == before


def run_limited(argv: list[str], stdin=None) -> subprocess.CompletedProcess:
    """A real `reviewdesk` with its address space capped at 1 GB: reading
    without a limit would fail with MemoryError (a traceback), not a message."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1024 * MB, 1024 * MB))

    return subprocess.run([sys.executable, "-m", "reviewdesk", *argv], stdin=stdin, capture_output=True,
                          env=os.environ.copy(), timeout=120, preexec_fn=cap)


def assert_clean_refusal(result: subprocess.CompletedProcess) -> None:
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert "over 32 MB" in err and "nothing was changed" in err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_answer_from_dev_zero_stops_at_the_limit(library, draft):
    before = unchanged(library, draft)
    assert_clean_refusal(run_limited(["answer", draft.slug, "2", "--file", "/dev/zero"]))
    assert unchanged(library, draft) == before


def test_an_endless_standard_input_stops_at_the_limit(library, draft):
    before = unchanged(library, draft)
    endless = subprocess.Popen([sys.executable, "-c", "import sys\nwhile True: sys.stdout.buffer.write(b'y' * 65536)"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert_clean_refusal(run_limited(["answer", draft.slug, "2"], stdin=endless.stdout))
    finally:
        endless.kill()
        endless.wait(timeout=60)
    assert unchanged(library, draft) == before
