"""Every save keeps the version it replaces; history is bounded; restore is undoable."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

from reviewdesk.review import atomic
from reviewdesk.review import history
from reviewdesk.errors import DraftError, NotFound, SaveError
from reviewdesk.review.history import Policy
from reviewdesk.review.library import Library


def answer_of(path) -> str:
    from reviewdesk.review import draftfile

    return draftfile.read(path).peek("watched").text


@pytest.fixture
def draft(library):
    review = library.create("Metallic Rouge", season="Winter 2024")
    return review


def write_answers(library, review, *texts):
    for text in texts:
        review.set_answer("watched", text)
        library.save(review)


def test_each_save_keeps_the_version_it_replaced_newest_first(library, draft):
    assert history.versions(library.root, draft.slug) == []  # creating a draft has nothing to keep
    write_answers(library, draft, "one", "two", "three")
    found = history.versions(library.root, draft.slug)
    assert [answer_of(v.path) for v in found] == ["two", "one", ""]
    assert [v.number for v in found] == [1, 2, 3]
    assert answer_of(library.path_for(draft.slug)) == "three"


def test_a_kept_version_does_not_change_when_the_draft_is_saved_again(library, draft):
    write_answers(library, draft, "one", "two")
    kept = history.versions(library.root, draft.slug)[0]
    before = kept.path.read_bytes()
    write_answers(library, draft, "three", "four")
    assert kept.path.read_bytes() == before
    assert answer_of(kept.path) == "one"


def test_a_failed_save_keeps_no_version(library, draft, monkeypatch):
    write_answers(library, draft, "one")
    count = len(history.versions(library.root, draft.slug))

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    for _ in range(3):  # the app retries every two seconds
        draft.set_answer("watched", "refused")
        with pytest.raises(SaveError):
            library.save(draft)
    assert len(history.versions(library.root, draft.slug)) == count
    monkeypatch.undo()
    library.save(draft)
    assert [answer_of(v.path) for v in history.versions(library.root, draft.slug)][:1] == ["one"]


def test_history_that_cannot_be_written_never_fails_the_save(library, draft):
    history_root = library.root / ".history"
    history_root.mkdir(exist_ok=True)
    (history_root / draft.slug).write_text("a file where the folder should be")
    draft.set_answer("watched", "saved anyway")
    library.save(draft)
    assert answer_of(library.path_for(draft.slug)) == "saved anyway"
    assert library.history_problem is not None
    assert "previous version" in library.history_problem and draft.slug in library.history_problem
    (history_root / draft.slug).unlink()
    draft.set_answer("watched", "and history works again")
    library.save(draft)
    assert library.history_problem is None
    assert answer_of(history.versions(library.root, draft.slug)[0].path) == "saved anyway"


def test_a_symlinked_drafts_versions_are_copies_of_what_it_held(library, draft, tmp_path):
    """Issue 15.7: the versions of a draft linked into a synced folder were
    hard links to the symlink, so each was the current file and restore
    brought nothing back."""
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    real = synced / f"{draft.slug}.toml"
    library.path_for(draft.slug).rename(real)
    library.path_for(draft.slug).symlink_to(real)
    write_answers(library, draft, "one", "two", "three")
    found = history.versions(library.root, draft.slug)
    assert not any(v.path.is_symlink() for v in found)
    assert [answer_of(v.path) for v in found] == ["two", "one", ""]
    library.restore_version(draft.slug, 2)
    assert answer_of(real) == "one" and library.path_for(draft.slug).is_symlink()
    assert answer_of(history.versions(library.root, draft.slug)[0].path) == "three"


def test_a_version_keeps_the_time_its_file_was_saved(library, draft):
    write_answers(library, draft, "one")
    saved_at = library.path_for(draft.slug).stat().st_mtime_ns
    write_answers(library, draft, "two")
    assert history.versions(library.root, draft.slug)[0].path.stat().st_mtime_ns == saved_at


def test_without_hard_links_the_version_is_copied(library, draft, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(history.os, "link", no_links)
    write_answers(library, draft, "one", "two")
    found = history.versions(library.root, draft.slug)
    assert [answer_of(v.path) for v in found] == ["one", ""]
    assert library.history_problem is None


def test_versions_saved_in_the_same_instant_get_separate_names(library, draft, monkeypatch):
    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2024, 1, 1, 12, 0, 0, tzinfo=timezone.utc)

    monkeypatch.setattr(history, "datetime", Frozen)
    write_answers(library, draft, "one", "two", "three")
    monkeypatch.undo()
    found = history.versions(library.root, draft.slug)
    assert [answer_of(v.path) for v in found] == ["two", "one", ""]
    assert len({v.id for v in found}) == 3


# Bounds ---------------------------------------------------------------------------

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)


def fake_versions(library, slug, ages: list[timedelta]) -> None:
    folder = history.folder(library.root, slug)
    folder.mkdir(parents=True, exist_ok=True)
    for age in ages:
        name = (NOW - age).strftime(history._STAMP) + ".toml"
        (folder / name).write_text(f"# {age}\n")


def ages_left(library, slug) -> list[timedelta]:
    return [NOW - v.replaced for v in history.versions(library.root, slug)]


def test_the_newest_versions_are_all_kept_and_old_ones_go(library):
    ages = [timedelta(seconds=2 * i) for i in range(30)] + [timedelta(days=30), timedelta(days=400)]
    fake_versions(library, "x", ages)
    history.prune(library.root, "x", Policy(keep=25, days=7), now=NOW)
    left = ages_left(library, "x")
    assert left[:25] == ages[:25]  # every one of the newest 25, however close together
    assert timedelta(days=30) not in left and timedelta(days=400) not in left


def test_versions_from_the_last_days_are_kept_thinned_to_one_per_spacing(library):
    # Autosave every 2 s for an hour, one version a day for a week before that.
    typing = [timedelta(seconds=2 * i) for i in range(1800)]
    daily = [timedelta(days=d, hours=1) for d in range(1, 10)]
    fake_versions(library, "x", typing + daily)
    history.prune(library.root, "x", Policy(keep=20, days=7, spacing=timedelta(minutes=10)), now=NOW)
    left = ages_left(library, "x")
    assert left[:20] == typing[:20]
    older_typing = [a for a in left[20:] if a < timedelta(hours=2)]
    assert 4 <= len(older_typing) <= 7  # an hour of autosaves thinned to about one per 10 minutes
    gaps = [b - a for a, b in zip(older_typing, older_typing[1:])]
    assert all(g >= timedelta(minutes=10) for g in gaps)
    kept_days = [a for a in left if a >= timedelta(days=1)]
    assert kept_days == [timedelta(days=d, hours=1) for d in range(1, 7)]  # 7 days and older are gone
    assert len(left) < 40


def test_versions_set_aside_are_never_thinned_and_go_only_after_the_days(library):
    fake_versions(library, "x", [timedelta(seconds=2 * i) for i in range(40)])
    folder = history.folder(library.root, "x")
    for age in (timedelta(seconds=31), timedelta(seconds=61), timedelta(days=8)):
        (folder / ((NOW - age).strftime(history._STAMP) + history.KEPT + ".toml")).write_text("# aside\n")
    history.prune(library.root, "x", Policy(keep=5, days=7, spacing=timedelta(minutes=10)), now=NOW)
    found = history.versions(library.root, "x")
    assert [NOW - v.replaced for v in found if v.kept] == [timedelta(seconds=31), timedelta(seconds=61)]
    assert len([v for v in found if not v.kept]) == 5, "set-aside versions do not count against keep"


def test_a_version_is_found_by_the_stamp_the_draft_had_and_pinned(library, draft):
    stamp = library.load(draft.slug).disk_stamp
    write_answers(library, draft, "later")
    version = history.with_stamp(library.root, draft.slug, stamp)
    assert version is not None and version.number == 1 and not version.kept
    pinned = history.pin(library.root, draft.slug, version)
    assert pinned.kept and pinned.number == 1 and pinned.id.endswith(history.KEPT)
    assert history.with_stamp(library.root, draft.slug, stamp) == pinned, "its stamp is kept"
    assert history.pin(library.root, draft.slug, pinned) == pinned


def test_only_a_draft_is_set_aside(library, draft):
    with pytest.raises(SaveError, match="does not read as a draft"):
        history.set_aside(library.root, draft.slug, b"not = = toml")
    version = history.set_aside(library.root, draft.slug, library.path_for(draft.slug).read_bytes())
    assert version.kept and version.number == 1


def test_saving_prunes_by_the_policy_given_to_the_library(library_dir):
    lib = Library(library_dir, history_policy=Policy(keep=3, days=0))
    review = lib.create("Frieren")
    write_answers(lib, review, *[f"v{i}" for i in range(8)])
    assert [answer_of(v.path) for v in history.versions(lib.root, review.slug)] == ["v6", "v5", "v4"]


def test_the_settings_file_sets_the_policy(library_dir, config_dir):
    (config_dir / "settings.toml").write_text("[history]\nkeep = 2\ndays = 0\n")
    lib = Library(library_dir)
    assert lib.history_policy == Policy(keep=2, days=0)
    review = lib.create("Frieren")
    write_answers(lib, review, "a", "b", "c", "d")
    assert [answer_of(v.path) for v in history.versions(lib.root, review.slug)] == ["c", "b"]


def test_a_wrong_history_setting_is_reported_and_the_default_stands(config_dir):
    from reviewdesk.config import settings

    (config_dir / "settings.toml").write_text("[history]\nkeep = 0\ndays = \"forever\"\n")
    loaded, problems = settings.load()
    assert (loaded.history.keep, loaded.history.days) == (20, 7)
    assert {p.field for p in problems} == {"history.keep", "history.days"}
    assert history.policy_from_settings() == Policy()


def test_saving_settings_keeps_the_history_table_readable(config_dir):
    import tomllib

    from reviewdesk.config import settings

    chosen = settings.Settings()
    chosen.history.keep = 50
    settings.save(chosen)
    data = tomllib.loads((config_dir / "settings.toml").read_text())
    assert data["history"] == {"keep": 50, "days": 7}
    assert settings.load() == (chosen, [])


# Restore ---------------------------------------------------------------------------

def test_restore_brings_a_version_back_byte_for_byte_and_is_undoable(library, draft):
    write_answers(library, draft, "one", "two", "three")
    path = library.path_for(draft.slug)
    three = path.read_bytes()
    wanted = history.find(library.root, draft.slug, 2)
    wanted_bytes = wanted.path.read_bytes()
    library.restore_version(draft.slug, 2)
    assert path.read_bytes() == wanted_bytes
    assert answer_of(path) == "one"
    assert history.versions(library.root, draft.slug)[0].path.read_bytes() == three
    library.restore_version(draft.slug, 1)  # undo
    assert path.read_bytes() == three


def test_restore_by_the_versions_name(library, draft):
    write_answers(library, draft, "one", "two")
    version = history.versions(library.root, draft.slug)[0]
    library.restore_version(draft.slug, version.id)
    assert answer_of(library.path_for(draft.slug)) == "one"


def test_restore_over_a_broken_file_keeps_the_broken_one_in_history(library, draft):
    write_answers(library, draft, "good words")
    path = library.path_for(draft.slug)
    data = path.read_bytes()
    broken = data[: data.index(b"good wo") + 7]  # a sync tool cut it short, mid-answer
    path.write_bytes(broken)
    with pytest.raises(DraftError):
        library.load(draft.slug)
    library.restore_version(draft.slug, 1)
    assert library.load(draft.slug).peek("watched").text == ""
    assert history.versions(library.root, draft.slug)[0].path.read_bytes() == broken


def test_a_version_that_does_not_parse_is_not_restored(library, draft):
    write_answers(library, draft, "one", "two")
    path = library.path_for(draft.slug)
    current = path.read_bytes()
    version = history.versions(library.root, draft.slug)[0]
    os.unlink(version.path)  # a hard link: write a separate broken file in its place
    version.path.write_bytes(b'format = 1\ntitle = "cut')
    count = len(history.versions(library.root, draft.slug))
    with pytest.raises(DraftError):
        library.restore_version(draft.slug, 1)
    assert path.read_bytes() == current
    assert len(history.versions(library.root, draft.slug)) == count


def test_restore_that_the_disk_refuses_leaves_everything_as_it_was(library, draft, monkeypatch):
    write_answers(library, draft, "one", "two")
    path = library.path_for(draft.slug)
    current = path.read_bytes()
    names = sorted(p.name for p in history.folder(library.root, draft.slug).iterdir())

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    with pytest.raises(SaveError, match="No space left"):
        library.restore_version(draft.slug, 1)
    assert path.read_bytes() == current
    assert sorted(p.name for p in history.folder(library.root, draft.slug).iterdir()) == names


@pytest.mark.parametrize("ref, says", [(0, "versions are 1 (newest) to 3"), (4, "to 3"), ("latest", "no version")])
def test_unknown_versions_are_not_found(library, draft, ref, says):
    write_answers(library, draft, "one", "two", "three")
    with pytest.raises(NotFound, match=says.replace("(", r"\(").replace(")", r"\)")):
        history.find(library.root, draft.slug, ref)


@pytest.mark.parametrize("slug", ["../escape", "..", ".history", "a/b", "a\\b", "", "a\x00b"])
def test_slugs_cannot_leave_the_history_folder(library, slug):
    with pytest.raises(NotFound):
        history.versions(library.root, slug)
    with pytest.raises(NotFound):
        library.restore_version(slug, 1)


# The command line --------------------------------------------------------------------


def test_history_lists_number_time_words_and_size(cli, library, draft):
    write_answers(library, draft, "one", "one two", "one two three")
    code, out, err = cli("history", draft.slug)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["VERSION", "SAVED", "WORDS", "SIZE", "CHANGED"]
    rows = [line.split() for line in lines[1:]]
    assert [r[0] for r in rows] == ["1", "2", "3"]
    assert [r[3] for r in rows] == ["2", "1", "0"]  # words
    for r, v in zip(rows, history.versions(library.root, draft.slug)):
        datetime.strptime(f"{r[1]} {r[2]}", "%Y-%m-%d %H:%M:%S")
        assert r[4] == str(v.size) and r[5] == "B"
    assert f"reviewdesk restore {draft.slug} VERSION" in err


def test_restore_on_the_command_line_then_undo(cli, library, draft):
    write_answers(library, draft, "one", "two")
    code, out, err = cli("restore", draft.slug, "1")
    assert code == 0 and "version 1" in err
    assert answer_of(library.path_for(draft.slug)) == "one"
    code, out, err = cli("restore", draft.slug, "1")
    assert code == 0
    assert answer_of(library.path_for(draft.slug)) == "two"


def test_history_of_a_draft_never_saved_twice_says_so(cli, draft):
    code, out, err = cli("history", draft.slug)
    assert code == 0 and out == ""
    assert "no earlier versions yet" in err


@pytest.mark.parametrize("argv, says", [
    (("history", "nope"), "no draft 'nope'"),
    (("restore", "nope", "1"), "no earlier versions"),
    (("history", "../x"), "no draft"),
])
def test_history_and_restore_errors_are_one_line(cli, argv, says):
    code, out, err = cli(*argv)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("reviewdesk: ") and says in err
    assert "Traceback" not in err


def test_a_save_whose_history_failed_says_so_on_the_command_line(cli, library, draft):
    history_root = library.root / ".history"
    history_root.mkdir(exist_ok=True)
    (history_root / draft.slug).write_text("in the way")
    code, out, err = cli("set", draft.slug, "season", "Spring 2024")
    assert code == 0
    assert library.load(draft.slug).season == "Spring 2024"
    assert err.startswith("reviewdesk: note: the previous version of")
