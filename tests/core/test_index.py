"""The summary index: fast listings that never trust the cache over the disk."""

from __future__ import annotations

import json

from reviewdesk.index import INDEX_NAME
from reviewdesk.library import Library


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
    full = {e.slug: e for e in library.entries()}
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
    import reviewdesk.index as index_module

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
    from reviewdesk.template import load_template

    return load_template("anime-season")
