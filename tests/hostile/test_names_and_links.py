"""Titles that try to escape, collide or name a device; libraries and drafts
behind symlinks. Whatever the name, a draft's file stays inside the library,
never replaces another draft, and a link is followed, not broken.

Slug basics (accents, kana, "CON", "..", "!!!") are in tests/core/test_library.py;
these are the hostile cases on top.
"""

from __future__ import annotations

import os

import pytest

from reviewdesk.review import draftfile
from reviewdesk.review import history
from reviewdesk.errors import NotFound, SaveError
from reviewdesk.review.library import Library
from reviewdesk.review.slug import is_slug, slugify
import full_listing


@pytest.mark.parametrize("title, slug", [
    ("../../etc/passwd", "etc-passwd"),
    ("../..", "review"),
    ("/", "review"),
    ("~/.ssh/authorized_keys", "ssh-authorized-keys"),
    ("C:\\Windows\\System32", "c-windows-system32"),
    ("NUL", "nul-review"),
    ("nul.txt", "nul-txt"),
    ("LPT9", "lpt9-review"),
    ("COM¹", "com1-review"),  # NFKD folds the superscript into a device name
    ("aux", "aux-review"),
    ("\x1b[2J\x1b]0;pwned\x07", "2j-0-pwned"),
    ("\u202eevil\u202d.toml", "evil-toml"),  # right-to-left override
    ("\x00", "review"),
    ("- - -", "review"),
    ("%2e%2e%2f", "2e-2e-2f"),
])
def test_hostile_titles_make_safe_slugs(title, slug):
    assert slugify(title) == slug
    assert is_slug(slug)


@pytest.mark.parametrize("title", ["../../escape", "/etc/passwd", "..", "CON", "?*<>|\"", "   .   "])
def test_a_hostile_title_writes_inside_the_library_and_keeps_the_title(library, tmp_path, title):
    before = sorted(p.name for p in tmp_path.iterdir())
    review = library.create(title + " x")  # "x" keeps it a non-empty title after stripping
    path = library.path_for(review.slug)
    assert path.parent == library.root and path.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written beside the library
    assert library.load(review.slug).title == (title + " x").strip()


@pytest.mark.parametrize("title", ["\x1b[2J x", "evil\u202etxt.exe", "bell\x07", "c1\x9b2J"])
def test_a_title_with_a_control_character_is_refused_and_nothing_is_written(library, tmp_path, title):
    from reviewdesk.errors import ReviewDeskError

    with pytest.raises(ReviewDeskError, match="the title holds a control character"):
        library.create(title)
    assert library.slugs() == []


@pytest.mark.parametrize("slug", ["../library/x", "..", ".history", ".trash/x", "a\x00b", "x/../../y"])
def test_slugs_from_the_outside_cannot_reach_other_files(library, slug):
    (library.root.parent / "x.toml").write_text('format = 1\ntemplate = "anime-season"\ntitle = "outside"\n')
    with pytest.raises(NotFound):
        library.load(slug)


def test_two_titles_with_one_slug_stay_two_drafts(library):
    first = library.create("Solo Leveling!")
    second = library.create("solo leveling?")
    assert (first.slug, second.slug) == ("solo-leveling", "solo-leveling-2")
    assert library.load(first.slug).title == "Solo Leveling!"
    assert library.load(second.slug).title == "solo leveling?"


def test_a_slug_taken_by_another_window_between_the_look_and_the_write(library, monkeypatch):
    """Two windows create "Frieren" at the same moment: the second must not
    replace the first's file, whichever order the writes land in."""
    real_dumps = draftfile.dumps
    raced = []

    def other_window_first(review):
        if not raced:  # the other window's create lands after our look, before our write
            raced.append(review.slug)
            other = Library(library.root)
            other_review = other.create("Frieren")
            assert other_review.slug == review.slug
        return real_dumps(review)

    monkeypatch.setattr(draftfile, "dumps", other_window_first)
    mine = library.create("Frieren", season="Fall 2023")
    monkeypatch.undo()
    assert raced == ["frieren"]
    assert mine.slug == "frieren-2"
    assert library.load("frieren").season == ""  # the other window's draft, untouched
    assert library.load("frieren-2").season == "Fall 2023"


def test_saving_a_new_draft_over_an_existing_file_is_refused(library):
    first = library.create("Frieren")
    path = library.path_for(first.slug)
    before = path.read_bytes()
    from reviewdesk.review.model import Review

    copy = Review(template="anime-season", title="Impostor", slug=first.slug)
    with pytest.raises(SaveError, match="already exists"):
        library.save(copy, new=True)
    assert path.read_bytes() == before


def test_exclusive_create_without_hard_links_still_refuses_to_replace(library, monkeypatch):
    """On FAT or some network folders os.link fails: the name is claimed with O_EXCL instead."""
    from reviewdesk.review import atomic

    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    first = library.create("Frieren")
    second = library.create("Frieren")
    assert (first.slug, second.slug) == ("frieren", "frieren-2")
    assert library.load("frieren").title == "Frieren"
    assert sorted(p.name for p in library.root.iterdir() if not p.name.startswith(".")) == [
        "frieren-2.toml", "frieren.toml"]


# Symlinks -----------------------------------------------------------------------------

def test_a_symlinked_library_folder_works_end_to_end(tmp_path):
    real = tmp_path / "Dropbox" / "reviews"
    real.mkdir(parents=True)
    link = tmp_path / "library-link"
    link.symlink_to(real, target_is_directory=True)
    lib = Library(link)
    review = lib.create("Dungeon Meshi")
    review.set_answer("watched", "one")
    lib.save(review)
    review.set_answer("watched", "two")
    lib.save(review)
    assert link.is_symlink() and (real / "dungeon-meshi.toml").is_file()
    assert Library(real).load("dungeon-meshi").peek("watched").text == "two"
    assert [draftfile.read(v.path).peek("watched").text for v in history.versions(link, review.slug)] == ["one", ""]
    lib.delete(review.slug)
    assert lib.restore(lib.trashed()[0]) == "dungeon-meshi"
    assert [e.slug for e in full_listing.entries(lib)] == ["dungeon-meshi"]
    assert not [p for p in real.iterdir() if p.name.endswith(".tmp")]


def test_a_symlinked_draft_stays_a_link_and_its_target_gets_the_words(library, tmp_path):
    synced = tmp_path / "synced"
    synced.mkdir()
    review = library.create("Dungeon Meshi")
    target = synced / "dungeon-meshi.toml"
    os.replace(library.path_for(review.slug), target)
    library.path_for(review.slug).symlink_to(target)
    review = library.load(review.slug)
    review.set_answer("watched", "A party eats the dungeon.")
    library.save(review)
    assert library.path_for(review.slug).is_symlink()
    assert draftfile.read(target).peek("watched").text == "A party eats the dungeon."
    review.set_answer("watched", "Again.")
    library.save(review)  # the stamp follows the link too: no false conflict
    assert draftfile.read(target).peek("watched").text == "Again."


def test_a_draft_linking_to_a_device_is_listed_broken_and_never_read(library):
    library.path_for("zero").symlink_to("/dev/zero")
    library.create("Fine")
    # A link to a device is not a draft file: it is skipped, and reading it directly says why.
    assert [e.slug for e in full_listing.entries(library)] == ["fine"]
    with pytest.raises(Exception) as err:
        draftfile.read(library.path_for("zero"))
    assert "not a regular file" in str(err.value)
