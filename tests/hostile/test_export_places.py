"""An export never replaces a draft nor writes into the library (issue 15.6).

`export alpha -o LIBRARY/beta.toml` used to replace beta's draft with
alpha's post, and beta's text was not even in its history. The library
holds drafts, history and the trash: an export goes outside it or into its
exports/ folder, unless the writer asks (--force), and then the file it
replaces is kept first. The app's Export "Save" uses the same core check.
"""

from __future__ import annotations

import pytest

from reviewdesk.publish.output_guard import ExportRefused, Guard


@pytest.fixture
def two(library):
    alpha, beta = library.create("Alpha"), library.create("Beta")
    for review, text in ((alpha, "Alpha's words."), (beta, "Beta's own words, written once.")):
        review.set_answer("watched", text)
        library.save(review)
    return alpha, beta


def test_export_over_a_draft_is_refused_and_the_draft_is_unchanged(cli, library, two):
    alpha, beta = two
    path = library.path_for(beta.slug)
    before = path.read_bytes()
    cli("export", alpha.slug, "-o", str(path)).assert_one_clean_error_line(
        "not written", "the draft of 'beta'", "exports", "--force")
    assert path.read_bytes() == before


def test_forced_over_a_draft_the_draft_is_kept_in_its_history(cli, library, two):
    alpha, beta = two
    path = library.path_for(beta.slug)
    assert cli("export", alpha.slug, "-o", str(path), "--force").code == 0
    assert path.read_text(encoding="utf-8").startswith("# Alpha\n")
    listed = cli("history", beta.slug)
    assert listed.code == 0 and "1  " in listed.out
    assert cli("restore", beta.slug, "1").code == 0
    assert library.load(beta.slug).peek("watched").text == "Beta's own words, written once."


@pytest.mark.parametrize("where", ["notes.md", ".history/alpha.md", ".trash/x.md", "."])
def test_nowhere_inside_the_library_but_its_exports_folder(cli, library, two, where):
    alpha, _ = two
    target = library.root / where
    files = sorted(p for p in library.root.rglob("*") if p.parent.name != ".locks")
    cli("export", alpha.slug, "-o", str(target)).assert_one_clean_error_line("not written", "inside the library")
    assert sorted(p for p in library.root.rglob("*") if p.parent.name != ".locks") == files


def test_the_exports_folder_and_outside_are_fine(cli, library, two, tmp_path):
    alpha, _ = two
    (library.root / "exports").mkdir()
    for target in (library.root / "exports" / "alpha.md", tmp_path / "alpha.md"):
        assert cli("export", alpha.slug, "-o", str(target)).code == 0
        assert target.read_text(encoding="utf-8").startswith("# Alpha\n")


def test_a_symlinked_draft_counts_by_the_file_it_points_to(cli, library, two, tmp_path):
    alpha, beta = two
    synced = tmp_path / "sync"
    synced.mkdir()
    real = synced / "beta.toml"
    library.path_for(beta.slug).rename(real)
    library.path_for(beta.slug).symlink_to(real)
    before = real.read_bytes()
    cli("export", alpha.slug, "-o", str(real)).assert_one_clean_error_line("the draft of 'beta'")
    assert real.read_bytes() == before


def test_forced_over_another_file_of_the_library_it_goes_to_the_trash(cli, library, two):
    alpha, _ = two
    notes = library.root / "notes.md"
    notes.write_text("My own notes.\n", encoding="utf-8")
    assert cli("export", alpha.slug, "-o", str(notes), "--force").code == 0
    assert (library.root / ".trash" / "notes.md").read_text(encoding="utf-8") == "My own notes.\n"


def test_export_all_into_the_library_is_refused_unless_forced(cli, library, two):
    drafts = {p: p.read_bytes() for p in library.root.glob("*.toml")}
    cli("export", "--all", "-o", str(library.root)).assert_one_clean_error_line("not written", "inside the library")
    assert not list(library.root.glob("*.md"))
    assert cli("export", "--all", "-o", str(library.root / "exports")).code == 0
    assert sorted(p.name for p in (library.root / "exports").iterdir()) == ["alpha.md", "beta.md"]
    assert cli("export", "--all", "-o", str(library.root), "--force").code == 0
    assert {p: p.read_bytes() for p in library.root.glob("*.toml")} == drafts


def test_a_batch_never_replaces_a_draft_it_finds_in_its_folder(library, two, tmp_path):
    """A folder holding a draft's real file (a synced folder): that one file is
    refused, the others are written."""
    from reviewdesk.publish.batch import export_all

    alpha, beta = two
    site = tmp_path / "site"
    site.mkdir()
    real = site / "alpha.md"  # the draft, linked under the name an export would take
    library.path_for(alpha.slug).rename(real)
    library.path_for(alpha.slug).symlink_to(real)
    before = real.read_bytes()
    result = export_all(library, site)
    assert [slug for slug, _ in result.failed] == ["alpha"]
    assert "the draft of 'alpha'" in result.failed[0][1]
    assert real.read_bytes() == before and (site / "beta.md").is_file()


def test_the_guard_is_one_check_for_every_caller(library, two, tmp_path):
    guard = Guard(library.root)
    assert guard.problem(tmp_path / "post.md") is None
    assert guard.problem(library.root / "exports" / "post.md") is None
    with pytest.raises(ExportRefused, match="inside the library"):
        guard.prepare(library.root / "post.md")
    with pytest.raises(ExportRefused, match="the draft of 'alpha'"):
        guard.prepare(library.path_for("alpha"))
