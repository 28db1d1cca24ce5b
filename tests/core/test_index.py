"""The summary index: fast listings that never trust the cache over the disk."""

from __future__ import annotations

import json
import os

from reviewdesk.review.index import INDEX_NAME
from reviewdesk.review.library import Library
import full_listing


def make(library, title, season="Winter 2024", answer=""):
    review = library.create(title, season=season)
    if answer:
        review.set_answer("watched", answer)
        library.save(review)
    return review


def test_summaries_match_the_drafts_and_fill_the_index(library):
    make(library, "Metallic Rouge", answer="Bones made an android noir.")
    make(library, "Frieren", season="Fall 2023")
    listed = {s.slug: s for s in library.summaries()}
    full = {e.slug: e for e in full_listing.entries(library)}
    assert set(listed) == set(full) == {"metallic-rouge", "frieren"}
    for slug, s in listed.items():
        e = full[slug]
        assert (s.title, s.season, s.status, s.answered, s.total, s.words) == \
               (e.title, e.season, e.status, e.answered, e.total, e.words)
    index = json.loads((library.root / INDEX_NAME).read_text())
    assert set(index["files"]) == {"metallic-rouge.toml", "frieren.toml"}


def test_a_change_made_outside_the_app_is_seen(library):
    review = make(library, "Metallic Rouge")
    assert library.summaries()[0].words == 0
    other = Library(library.root).load(review.slug)  # another window, a sync tool
    other.set_answer("happened", "Rouge hunts the Immortal Nine across Mars.")
    Library(library.root).save(other)
    [summary] = library.summaries()
    assert summary.words == 7 and summary.answered == 1


def test_added_removed_and_broken_files_are_seen(library):
    make(library, "Metallic Rouge")
    library.summaries()
    (library.root / "hand-made.toml").write_text('format = 1\ntitle = "oops\n')
    slugs = {s.slug: s for s in library.summaries()}
    assert slugs["hand-made"].broken and slugs["hand-made"].error.line == 2
    (library.root / "hand-made.toml").unlink()
    assert [s.slug for s in library.summaries()] == ["metallic-rouge"]


def test_a_corrupt_index_is_ignored_and_rewritten(library):
    make(library, "Metallic Rouge")
    (library.root / INDEX_NAME).write_text("{not json")
    assert [s.title for s in library.summaries()] == ["Metallic Rouge"]
    assert json.loads((library.root / INDEX_NAME).read_text())["version"] == 2


def test_a_stale_index_entry_with_a_lying_summary_is_not_trusted(library):
    make(library, "Metallic Rouge")
    library.summaries()
    index = json.loads((library.root / INDEX_NAME).read_text())
    index["files"]["metallic-rouge.toml"]["title"] = "Wrong"
    index["files"]["metallic-rouge.toml"]["stamp"][1] += 1  # not this file's size any more
    (library.root / INDEX_NAME).write_text(json.dumps(index))
    assert library.summaries()[0].title == "Metallic Rouge"


def test_listing_works_when_the_index_cannot_be_written(library, monkeypatch):
    make(library, "Metallic Rouge")
    import reviewdesk.review.index as index_module

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(index_module, "atomic_write", refuse)
    assert [s.title for s in library.summaries()] == ["Metallic Rouge"]


def test_summaries_count_skipped_questions_out_and_show_progress_toward_targets(library):
    review = make(library, "Metallic Rouge", answer="word " * 75)  # half of question 1's 150
    review.set_skipped("more")
    library.save(review)
    [summary] = library.summaries()
    assert summary.total == 8 and summary.answered == 1
    assert summary.target == sum(q.target for q in review_template().questions if q.id != "more")
    assert summary.toward_target == 75
    assert summary.target_percent == int(100 * 75 / summary.target)


def review_template():
    from reviewdesk.review.template import load_template

    return load_template("anime-season")


def _age(*paths, seconds=3600):
    """Back-date files, as drafts written long ago are: the index trusts a
    stamp only once it is older than a clock tick could hide."""
    import time

    then = time.time_ns() - seconds * 1_000_000_000
    for path in paths:
        os.utime(path, ns=(then, then))


def _count_reads(monkeypatch):
    import reviewdesk.review.index as index_module

    reads = []
    original = index_module.draftfile.read

    def counting(path):
        reads.append(path.name)
        return original(path)

    monkeypatch.setattr(index_module.draftfile, "read", counting)
    return reads


def test_a_listing_with_a_fresh_index_reads_no_draft(library, monkeypatch):
    paths = [make(library, title).path for title in ("Metallic Rouge", "Frieren", "Dungeon Meshi")]
    _age(*paths)
    first = library.summaries()
    reads = _count_reads(monkeypatch)
    again = library.summaries()
    assert reads == []
    assert [(s.slug, s.title, s.words, s.answered, s.total) for s in again] == \
           [(s.slug, s.title, s.words, s.answered, s.total) for s in first]


def test_a_draft_replaced_by_another_of_the_same_size_and_time_is_read_again(library):
    """A sync tool renames a new file over the old one, keeping its time."""
    review = make(library, "Metallic Rouge", answer="Bones made an android noir.")
    path = review.path
    _age(path)
    assert library.summaries()[0].words == 5
    other = Library(library.root).load(review.slug)
    other.set_answer("watched", "Bones made an-android noir.")  # same length, a word less
    Library(library.root).save(other)
    replacement = path.with_name("incoming.tmp")
    os.replace(path, replacement)  # keeps the new text, takes the old time and size
    st = os.stat(replacement)
    old = json.loads((library.root / INDEX_NAME).read_text())["files"][path.name]["stamp"]
    os.utime(replacement, ns=(old[0], old[0]))
    assert st.st_size == old[1]
    os.replace(replacement, path)
    [summary] = library.summaries()
    assert summary.words == 4


def test_a_draft_rewritten_within_its_clock_tick_is_read_again(library):
    """Two writes of the same size within one tick of a coarse clock leave
    the same stamp: the index does not trust a file that young."""
    review = make(library, "Metallic Rouge", answer="Bones made an android noir.")
    path = review.path
    assert library.summaries()[0].title == "Metallic Rouge"
    st = path.stat()
    text = path.read_text(encoding="utf-8").replace("Metallic Rouge", "Metallic Rogue")
    with open(path, "w", encoding="utf-8") as f:  # in place: the same inode
        f.write(text)
    os.utime(path, ns=(st.st_mtime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_ino == st.st_ino
    assert library.summaries()[0].title == "Metallic Rogue"


def test_summaries_agree_with_the_full_progress_of_each_draft(library):
    from reviewdesk.aids.progress import review_progress
    from reviewdesk.review.template import load_template

    a = make(library, "Metallic Rouge", answer="word " * 400)  # over question 1's target
    a.set_answer("thought", "It's a well-made, hard-boiled show; Rouge’s arc works.")
    a.set_target("thought", 5)
    a.set_skipped("more")
    a.set_answer("more", "skipped but written")
    a.set_field("tagline", "An android hunts androids.")
    library.save(a)
    b = make(library, "Frieren", answer="Elves outlive everyone.")
    b.answers["not-a-question"] = type(b.answer("watched"))(text="kept extra words here")
    library.save(b)
    make(library, "Empty One")
    for summary in library.summaries():
        review = library.load(summary.slug)
        progress = review_progress(review, load_template(review.template))
        assert (summary.words, summary.target, summary.toward_target, summary.answered, summary.total) == \
               (review.words(), progress.target, progress.toward_target, progress.answered, progress.total)
