"""A long `export --all` shared between worker processes gives exactly what
one process gives: the same files and bytes, the same failures with the same
messages, the same notes and progress, in the same order. A worker that dies
has its share done by the parent. (A killed parent leaves no worker:
test_export_all_killed.py.)"""

from __future__ import annotations

import os

import pytest

from reviewdesk.publish import batch
from reviewdesk.publish import batch_pool
from reviewdesk.cli import main


@pytest.fixture
def forking(monkeypatch):
    """Share even a short batch between three workers, two drafts a task (also
    under xdist, whose workers run a second thread)."""
    monkeypatch.setattr(batch_pool, "workers", lambda items, per_worker: 3)
    monkeypatch.setattr(batch_pool, "CHUNK", 2)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 4)
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    return forks


def _make(library, n=10):
    for i in range(n):
        review = library.create(f"Show {i:02}", season="Winter 2024" if i % 2 else "Spring 2024")
        review.set_answer("watched", f"Episode {i} was *fine* | really.")
        if i % 3 == 0:  # a table: a note for Ghost
            review.set_answer("thought", "| a | b |\n|---|---|\n| 1 | 2 |\n")
        review.info["genres"] = ["Drama", f"Genre {i}"]
        library.save(review)
    # broken drafts in the middle of the order, and at its end
    (library.root / "show-04-broken.toml").write_text("format = 1\ntitle = [\n", encoding="utf-8")
    (library.root / "show-07-other.toml").write_text(
        'format = 1\ntemplate = "no-such-template"\ntitle = "Other"\n', encoding="utf-8")
    (library.root / "zz-broken.toml").write_text('format = 1\ntitle = "x"\ntitle = "y"\n', encoding="utf-8")


def _export(library, folder, target="ghost"):
    steps = []
    result = batch.export_all(library, folder, target, progress=lambda *step: steps.append(step))
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    return result, steps, files


def test_a_shared_batch_gives_what_one_process_gives(library, tmp_path, forking):
    _make(library)
    shared = _export(library, tmp_path / "shared")
    assert forking, "the batch was not shared"
    forking.clear()
    batch.PARALLEL_FROM = 10 ** 9  # restored by monkeypatch
    alone = _export(library, tmp_path / "alone")
    assert not forking
    (r1, steps1, files1), (r2, steps2, files2) = shared, alone
    assert [p.name for p in r1.written] == [p.name for p in r2.written] and len(r1.written) == 10
    assert r1.failed == r2.failed and [slug for slug, _ in r1.failed] == ["show-04-broken", "show-07-other",
                                                                           "zz-broken"]
    assert r1.notes == r2.notes and r1.notes
    assert steps1 == steps2 == [(n, 13, s) for n, s in enumerate(sorted(library.slugs()), 1)]
    assert files1 == files2 and not [name for name in files1 if name.startswith(".")]


def test_the_command_reports_the_same_when_shared(library, tmp_path, forking, capsys):
    _make(library)
    assert main(["export", "--all", "-o", str(tmp_path / "shared")]) == 1
    shared = capsys.readouterr()
    assert forking
    batch.PARALLEL_FROM = 10 ** 9
    assert main(["export", "--all", "-o", str(tmp_path / "alone")]) == 1
    alone = capsys.readouterr()
    assert shared.out == alone.out
    assert shared.err.replace("shared", "alone") == alone.err
    assert "3 failed:" in alone.err and "show-04-broken: line 3, column 1" in alone.err


def test_a_worker_that_dies_has_its_share_done_here(monkeypatch):
    monkeypatch.setattr(batch_pool, "CHUNK", 2)
    parent = os.getpid()

    def work(n):
        if os.getpid() != parent and n == 7:
            os._exit(3)  # a worker killed mid-way
        return n * n

    assert list(batch_pool.run(work, list(range(10)), 3)) == [n * n for n in range(10)]


def test_an_error_in_a_worker_is_raised_here(monkeypatch):
    monkeypatch.setattr(batch_pool, "CHUNK", 2)

    def work(n):
        if n == 5:
            raise ValueError("a bug")
        return n

    with pytest.raises(ValueError, match="a bug"):
        list(batch_pool.run(work, list(range(9)), 3))


def test_a_short_batch_or_a_threaded_process_is_not_shared(monkeypatch):
    monkeypatch.setattr(batch_pool, "cores", lambda: 4)
    monkeypatch.setattr(batch_pool.threading, "active_count", lambda: 1)
    assert batch_pool.workers(150, 100) == 0
    assert batch_pool.workers(2001, 100) == 4
    monkeypatch.setattr(batch_pool.threading, "active_count", lambda: 2)
    assert batch_pool.workers(2001, 100) == 0
