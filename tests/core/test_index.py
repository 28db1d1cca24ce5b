"""The summary index: fast listings that never trust the cache over the disk."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reviewdesk.review.index as index_module
from reviewdesk.review.index import INDEX_NAME, INDEX_VERSION
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
    assert set(index_rows(library)) == {"metallic-rouge.toml", "frieren.toml"}


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
    assert json.loads((library.root / INDEX_NAME).read_bytes().partition(b"\n")[0])["version"] == INDEX_VERSION


def test_a_stale_index_entry_with_a_lying_summary_is_not_trusted(library):
    make(library, "Metallic Rouge")
    library.summaries()
    break_index(library, lambda d: (d["files"]["metallic-rouge.toml"].update(title="Wrong"),
                                    d["files"]["metallic-rouge.toml"]["stamp"].__setitem__(1, 1)))
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


def test_a_listing_with_a_fresh_index_reads_no_draft(library, record_calls):
    paths = [make(library, title).path for title in ("Metallic Rouge", "Frieren", "Dungeon Meshi")]
    _age(*paths)
    first = library.summaries()
    reads = record_calls(index_module.draftfile, "read", lambda path: path.name)
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
    old = index_rows(library)[path.name]["stamp"]
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


# A hand-broken index (issue 15.8) ----------------------------------------------------


def settled(library):
    """Two drafts listed once, old enough that the index trusts their rows."""
    make(library, "Metallic Rouge", answer="Bones made an android noir.")
    make(library, "Frieren", season="Fall 2023")
    for path in library.root.glob("*.toml"):
        os.utime(path, (path.stat().st_atime - 3600, path.stat().st_mtime - 3600))
    truth = [(s.slug, s.title, s.season, s.status, s.words, s.answered, s.updated) for s in library.summaries()]
    return truth


def index_rows(library) -> dict:
    """The index's rows (its second line; the first is its header)."""
    return json.loads((library.root / INDEX_NAME).read_bytes().partition(b"\n")[2])


def break_index(library, change) -> None:
    """Edit the index's rows by hand: ``change`` gets ``{"files": rows}``; the
    header line is left as it was, as a text editor leaves it."""
    path = library.root / INDEX_NAME
    header, _, _ = path.read_bytes().partition(b"\n")
    data = {"files": index_rows(library)}
    change(data)
    path.write_bytes(header + b"\n" + json.dumps(data["files"]).encode("utf-8"))


def listed(library):
    return [(s.slug, s.title, s.season, s.status, s.words, s.answered, s.updated) for s in library.summaries()]


def row(name):
    return lambda data: data["files"][name]


@pytest.mark.parametrize("change", [
    lambda d: d["files"]["metallic-rouge.toml"].update(season=None),
    lambda d: d["files"]["metallic-rouge.toml"].update(title=5),
    lambda d: d["files"]["frieren.toml"].update(title=["a", "list"], season={"a": 1}),
    lambda d: d["files"]["frieren.toml"].update(words=10 ** 400),
    lambda d: d["files"]["frieren.toml"].update(words=-3, target=1.5),
    lambda d: d["files"]["frieren.toml"].update(answered="watched"),
    lambda d: d["files"]["frieren.toml"].update(answered=[1, 2]),
    lambda d: d["files"]["frieren.toml"].update(updated="2024-01-01T00:00:00"),  # no zone: cannot be sorted
    lambda d: d["files"]["frieren.toml"].update(updated="yesterday"),
    lambda d: d["files"]["frieren.toml"].update(status="gone"),
    lambda d: d["files"]["frieren.toml"].update(error={"reason": 5, "line": "x"}),
    lambda d: d["files"]["frieren.toml"].update(error="broken"),
    lambda d: d["files"].update({"frieren.toml": ["not", "a", "row"]}),
    lambda d: d["files"].update({"frieren.toml": None}),
    lambda d: d.update(files=["frieren.toml"]),
    lambda d: d.clear() or d.update(version=INDEX_VERSION, files="x"),
], ids=["season-null", "title-number", "lists", "huge", "negative", "ids-text", "ids-numbers", "naive-time",
        "bad-time", "status", "error-types", "error-text", "row-list", "row-null", "files-list", "files-text"])
def test_a_hand_broken_index_is_read_again_never_trusted(library, change):
    truth = settled(library)
    break_index(library, change)
    assert listed(library) == truth
    assert listed(library) == truth  # and the index was mended


@pytest.mark.parametrize("top", ["[]", "null", "5", '"text"', '{"version": 2}', '{"version": 2, "files": null}'])
def test_an_index_of_the_wrong_shape_is_ignored(library, top):
    truth = settled(library)
    (library.root / INDEX_NAME).write_text(top)
    assert listed(library) == truth


def test_a_hand_edit_that_looks_valid_is_not_trusted(library):
    truth = settled(library)
    break_index(library, lambda d: d["files"]["frieren.toml"].update(title="Another title", season="", words=0))
    assert listed(library) == truth


def test_an_index_written_by_review_desk_is_trusted(library, monkeypatch):
    settled(library)
    from reviewdesk.review import draftfile

    def refuse(path):
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(draftfile, "read", refuse)
    assert {s.title for s in library.summaries()} == {"Metallic Rouge", "Frieren"}


def test_list_season_and_export_all_never_trace_back_on_a_broken_index(cli, library, tmp_path):
    settled(library)
    break_index(library, lambda d: (d["files"]["metallic-rouge.toml"].update(season=None),
                                    d["files"]["frieren.toml"].update(title=5)))
    for argv in (["list"], ["list", "--json"], ["season"], ["season", "Winter 2024"],
                 ["export", "--all", "-o", str(tmp_path / "out")]):
        result = cli(*argv)
        assert result.code == 0 and "Traceback" not in result.err, (argv, result.err)
    assert "Metallic Rouge" in cli("list").out


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                        max_size=3), max_leaves=6)
FIELDS = ["title", "season", "status", "url", "template", "tagline", "updated", "words", "answered", "skipped",
          "target", "toward", "error", "stamp", "racy"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(changes=st.dictionaries(st.sampled_from(FIELDS), json_values, min_size=1, max_size=4))
def test_any_field_of_any_value_lists_the_drafts_as_they_are(library, changes):
    if not library.slugs():
        settled(library)
    truth = listed(library)
    break_index(library, lambda d: d["files"]["frieren.toml"].update(changes))
    assert listed(library) == truth
