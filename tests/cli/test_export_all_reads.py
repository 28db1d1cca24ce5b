"""`export --all` reads each draft once, links season mates from the index, and
syncs the folder once rather than every file."""

from __future__ import annotations

import os

from reviewdesk.publish import batch
from reviewdesk.review import draftfile
from reviewdesk.cli import main


def _make(library, n=6):
    for i in range(n):
        review = library.create(f"Show {i}", season="Winter 2024" if i % 2 else "Spring 2024")
        review.set_answer("watched", f"Episode {i} was fine.")
        review.url = f"https://blog.example/{i}" if i % 3 else ""
        library.save(review)
    (library.root / "zz-broken.toml").write_text("format = 1\ntitle = [\n", encoding="utf-8")
    import time

    then = time.time_ns() - 3600 * 1_000_000_000  # written long ago: the index trusts them
    for path in library.root.glob("*.toml"):
        os.utime(path, ns=(then, then))


def test_export_all_reads_each_draft_once(library, capsys, tmp_path, record_calls):
    _make(library)
    library.summaries()  # an index, as any earlier listing leaves
    reads = record_calls(draftfile, "read", lambda path: path.name)
    assert main(["export", "--all", "-o", str(tmp_path / "out")]) == 1  # the broken one fails
    assert sorted(reads) == sorted(p.name for p in library.root.glob("*.toml"))


def test_export_all_links_the_same_season_mates_as_a_single_export(library, capsys, tmp_path):
    from reviewdesk.publish.targets import render
    from reviewdesk.review.template import load_template

    _make(library)
    result = batch.export_all(library, tmp_path / "out", "markdown")
    assert len(result.written) == 6 and [slug for slug, _ in result.failed] == ["zz-broken"]
    for summary in library.summaries():
        if summary.broken:
            continue
        review = library.load(summary.slug)
        single = render(review, load_template(review.template), library.season_mates(review), "markdown")
        assert (tmp_path / "out" / single.filename).read_text(encoding="utf-8") == single.text


def test_export_all_syncs_the_folder_once_not_each_file(library, tmp_path, monkeypatch):
    _make(library, n=4)
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    result = batch.export_all(library, tmp_path / "out", "markdown")
    assert len(result.written) == 4
    assert len(synced) <= 3  # the folder once, and the index (file and folder) if it was out of date
    library.summaries()
    synced.clear()
    result = batch.export_all(library, tmp_path / "again", "markdown")
    assert len(result.written) == 4 and len(synced) == 1


def test_export_all_of_a_season_still_links_mates_from_the_whole_library(library, tmp_path):
    _make(library)
    result = batch.export_all(library, tmp_path / "out", "markdown", season="winter 2024")
    names = sorted(p.name for p in result.written)
    assert names == ["show-1.md", "show-3.md", "show-5.md"]
    page = (tmp_path / "out" / "show-1.md").read_text(encoding="utf-8")
    assert "## Other shows from Winter 2024" in page and "Show 3" in page and "Show 5" in page
    assert "Show 2" not in page


def test_a_re_export_leaves_unchanged_posts_as_they_are_and_rewrites_the_rest(library, tmp_path):
    _make(library, n=3)
    out = tmp_path / "out"
    batch.export_all(library, out, "markdown")
    old = 1_000_000_000_000_000_000
    for path in out.iterdir():
        os.utime(path, ns=(old, old))
    review = library.load("show-1")
    review.set_answer("watched", "Changed my mind about episode 1.")
    library.save(review)
    (out / "show-2.md").write_text("edited by hand\n", encoding="utf-8")
    os.utime(out / "show-2.md", ns=(old, old))
    result = batch.export_all(library, out, "markdown")
    assert sorted(p.name for p in result.written) == ["show-0.md", "show-1.md", "show-2.md"]
    assert (out / "show-0.md").stat().st_mtime_ns == old  # unchanged: not written
    assert (out / "show-1.md").stat().st_mtime_ns != old
    assert "Changed my mind" in (out / "show-1.md").read_text(encoding="utf-8")
    assert (out / "show-2.md").read_text(encoding="utf-8") != "edited by hand\n"
