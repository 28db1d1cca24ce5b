"""`reviewdesk export --target T` and `export --all`, run as a script runs them."""

from __future__ import annotations

import tomllib

from reviewdesk.cli import main
import full_listing


def test_export_target_to_stdout_and_into_a_folder(sample, cli, tmp_path):
    code, out, err = cli("export", sample.slug, "--target", "hugo")
    assert code == 0 and out.startswith("+++\n")
    assert tomllib.loads(out.split("+++\n")[1])["title"] == sample.title
    code, _, err = cli("export", sample.slug, "-t", "yaml", "-o", str(tmp_path))
    written = tmp_path / "2024-04-06-metallic-rouge-season-one.md"
    assert code == 0 and written.read_text(encoding="utf-8").startswith("---\nlayout: \"post\"\n")
    assert f"wrote {written}" in err


def test_unknown_target_is_refused_by_the_parser(sample, capsys):
    try:
        main(["export", sample.slug, "--target", "medium"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "unknown export target 'medium'" in capsys.readouterr().err


def test_export_all_writes_each_draft_reports_failures_and_shows_progress(sample, library, cli, tmp_path):
    (library.root / "zz-broken.toml").write_text("format = 1\ntitle = [\n", encoding="utf-8")
    out_dir = tmp_path / "site" / "content"
    code, out, err = cli("export", "--all", "--target", "hugo", "-o", str(out_dir))
    slugs = library.slugs()
    assert code == 1 and out == ""
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(f"{s}.md" for s in slugs if s != "zz-broken")
    progress = [line for line in err.splitlines() if line.startswith("[")]
    assert len(progress) == len(slugs) and progress[-1].startswith("[" + "#" * 24 + "]")
    assert f"{len(slugs)}/{len(slugs)}" in progress[-1]
    assert f"exported {len(slugs) - 1} of {len(slugs)} reviews (hugo) to {out_dir}" in err
    assert "1 failed:" in err and "  zz-broken: " in err and "not valid TOML" in err
    # the season's other reviews are linked as a single export links them
    page = (out_dir / f"{sample.slug}.md").read_text(encoding="utf-8")
    assert "## Other shows from Winter 2024" in page


def test_export_all_of_one_season(sample, library, cli, tmp_path):
    code, _, err = cli("export", "--all", "--season", "winter 2024", "-o", str(tmp_path / "out"))
    winter = [e.slug for e in full_listing.entries(library) if e.season.casefold() == "winter 2024"]
    assert code == 0 and len(winter) >= 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{s}.md" for s in winter)
    code, _, err = cli("export", "--all", "--season", "Summer 1999", "-o", str(tmp_path / "x"))
    assert code == 1 and "no reviews of the season 'Summer 1999'" in err
    assert not (tmp_path / "x").exists()


def test_export_argument_mistakes_are_one_clear_line(sample, cli, tmp_path):
    for argv, fragment in (
        (["export"], "give the slug of the review to export, or --all"),
        (["export", sample.slug, "--all"], "give a slug or --all, not both"),
        (["export", sample.slug, "--season", "x"], "--season goes with --all"),
        (["export", "--all", "-o", "-"], "give a folder with -o DIR"),
    ):
        code, out, err = cli(*argv)
        assert code == 1 and out == ""
        assert err.startswith("reviewdesk: ") and fragment in err and len(err.splitlines()) == 1


def test_import_command_prints_the_slug_and_reports(library, cli, tmp_path):
    src = tmp_path / "post.md"
    src.write_text("# Imported\n\n## What did you watch?\n\nIt.\n\n## Aside\n\nKept.\n", encoding="utf-8")
    code, out, err = cli("import", str(src))
    assert code == 0 and out == "imported\n"
    assert "1 of 9 questions, 1 extra section" in err and "extra: extra-aside (from 'Aside')" in err
    assert library.load("imported").answers["extra-aside"].text == "Kept."
    code, out, err = cli("import", str(src), "--template", "nope")
    assert code == 1 and "unknown template 'nope'" in err
    code, out, err = cli("import", str(tmp_path / "missing.md"))
    assert code == 1 and "cannot read" in err and len(err.splitlines()) == 1
