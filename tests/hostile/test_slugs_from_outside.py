"""Every command that takes a SLUG takes only a slug of this library (issue 15.2).

`delete ../x`, `delete /abs/path` and `delete $CONFIG/settings` used to move
those files into the library's trash, settings.toml included. One check
(reviewdesk.review.slug.check, through Library.path_for) answers "no draft"
for a path, a name with a separator or NUL, a leading dot, or a name too
long for a file; history, locks and the journal use the same check.
"""

from __future__ import annotations

import pytest

from reviewdesk.errors import NotFound
from reviewdesk.review import history, locks
from reviewdesk.review.journal import Journal
from reviewdesk.review.slug import check


@pytest.fixture
def outsiders(library, config_dir, tmp_path):
    """Files beside the library and in the config folder that look like drafts."""
    library.create("Alpha")
    draft = library.path_for("alpha").read_bytes()
    files = {tmp_path / "x.toml": draft, config_dir / "settings.toml": b'theme = "nord"\n',
             tmp_path / "abs.toml": draft}
    for path, data in files.items():
        path.write_bytes(data)
    return files


def hostile_slugs(tmp_path, config_dir) -> list[str]:
    return ["../x", str(tmp_path / "abs"), str(config_dir / "settings"), "..", ".history", ".trash/alpha",
            "alpha/../alpha", "a\\b", "./alpha", "x" * 300]


COMMANDS = [("delete", "{}"), ("show", "{}"), ("answer", "{} 1"), ("done", "{} 1"), ("skip", "{} 1"),
            ("spoiler", "{} 1"), ("target", "{} 1 200"), ("info", "{} episodes 12"), ("image", "{} 1 a.png"),
            ("set", "{} title New"), ("export", "{}"), ("copy", "{}"), ("check", "{}"), ("history", "{}"),
            ("restore", "{} 1")]


@pytest.mark.parametrize("command, args", COMMANDS, ids=[c for c, _ in COMMANDS])
def test_no_command_reaches_a_file_outside_the_library(cli, library, outsiders, tmp_path, config_dir,
                                                       command, args):
    before = {p: p.read_bytes() for p in outsiders}
    library_before = sorted(p.name for p in library.root.rglob("*"))
    for slug in hostile_slugs(tmp_path, config_dir):
        argv = [command, *args.format("SLUG").split()]
        argv[argv.index("SLUG")] = slug
        result = cli(*argv, stdin="text")
        result.assert_one_clean_error_line("no draft")
    assert {p: p.read_bytes() for p in outsiders} == before
    assert not (library.root / ".trash").exists()
    assert sorted(p.name for p in library.root.rglob("*") if p.parent.name != ".locks") == [
        n for n in library_before if n != "alpha.write"]


@pytest.mark.parametrize("slug", ["../x", "/etc/passwd", "a/b", "a\\b", "", ".", "..", ".locks", "a\x00b",
                                  "x" * 300, "é" * 130])
def test_one_check_for_the_library_history_locks_and_journal(library, slug):
    with pytest.raises(NotFound, match="no draft"):
        check(library.root, slug)
    with pytest.raises(NotFound):
        library.path_for(slug)
    with pytest.raises(NotFound):
        library.delete(slug)
    with pytest.raises(NotFound):
        history.versions(library.root, slug)
    with pytest.raises(NotFound):
        locks.acquire(library, slug)
    with pytest.raises(NotFound):
        Journal(library, slug)


@pytest.mark.parametrize("slug", ["metallic-rouge", "My Review", "ревю", "a.b", "x" * 200])
def test_hand_named_drafts_are_still_drafts(library, slug):
    """Not only slugify's slugs: a file a writer named by hand is reachable."""
    review = library.create("Any")
    library.path_for(review.slug).rename(library.root / f"{slug}.toml")
    assert check(library.root, slug) == slug
    assert library.load(slug).title == "Any"
    assert library.delete(slug).parent.name == ".trash"
