"""The command line as a real process (`python -m reviewdesk`), and what it imports.

The core and the non-interactive commands must not import Textual: scripts
and servers use them without a terminal, and starting Textual is slow.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from samples import metallic_rouge as sample_data


def reviewdesk(*argv: str, stdin: bytes = b"", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reviewdesk", *argv], input=stdin, capture_output=True,
                          env=env or os.environ.copy(), timeout=60)


def test_a_first_review_as_a_script_would_write_it(library_dir):
    new = reviewdesk("new", "Metallic Rouge (Season One)", "--season", "Winter 2024")
    assert new.returncode == 0 and new.stdout == b"metallic-rouge-season-one\n"
    slug = new.stdout.decode().strip()
    answer = reviewdesk("answer", slug, "1", stdin="Androids on Mars.\r\n".encode())
    assert answer.returncode == 0
    assert reviewdesk("info", slug, "episodes", "13").returncode == 0
    [row] = json.loads(reviewdesk("list", "--json").stdout)
    assert (row["slug"], row["answered"], row["words"]) == (slug, 1, 3)
    export = reviewdesk("export", slug)
    assert export.returncode == 0
    assert export.stdout.decode("utf-8") == (
        "# Metallic Rouge (Season One)\n\n## What did you watch?\n\nAndroids on Mars.\n\n"
        "## Series Information\n\n| | |\n| --- | --- |\n| Episodes | 13 |\n")


def test_export_of_the_sample_from_a_real_process_is_the_golden_file(sample, tmp_path):
    out = tmp_path / "post.md"
    result = reviewdesk("export", sample.slug, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == sample_data.GOLDEN_MARKDOWN.read_bytes()


def test_errors_are_one_line_without_a_traceback(library_dir):
    (library_dir / "broken.toml").write_bytes(b'format = 1\ntitle = "oops\n')
    before = (library_dir / "broken.toml").read_bytes()
    for argv in (["answer", "broken", "1"], ["show", "ghost"], ["new", "x", "--template", "nope"]):
        result = reviewdesk(*argv, stdin=b"text")
        assert result.returncode == 1, argv
        assert result.stdout == b""
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reviewdesk: "), result.stderr
        assert b"Traceback" not in result.stderr
    assert (library_dir / "broken.toml").read_bytes() == before


def test_library_flag_through_a_real_process(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    assert reviewdesk("new", "Flagged", "--library", str(elsewhere)).stdout == b"flagged\n"
    assert (elsewhere / "flagged.toml").is_file()


HYGIENE = textwrap.dedent("""
    import importlib, io, json, pkgutil, sys
    from contextlib import redirect_stderr, redirect_stdout

    import reviewdesk
    from reviewdesk import cli

    core = sorted(m.name.removeprefix("reviewdesk.") for m in pkgutil.walk_packages(reviewdesk.__path__, "reviewdesk.")
                  if not m.name.startswith("reviewdesk.tui") and m.name != "reviewdesk.__main__")
    for name in core:
        importlib.import_module("reviewdesk." + name)

    def run(*argv, stdin=""):
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(list(argv))
        return code, out.getvalue(), err.getvalue()

    codes = {}
    codes["new"], slug, _ = run("new", "Metallic Rouge", "--season", "Winter 2024")
    slug = slug.strip()
    codes["new-2"], _, _ = run("new", "Delicious in Dungeon", "--season", "Winter 2024")
    codes["answer"], _, _ = run("answer", slug, "1", stdin="Androids on Mars.")
    codes["info"], _, _ = run("info", slug, "Genres", "Action, Mystery")
    codes["image"], _, _ = run("image", slug, "1", "a.png", "--caption", "A caption")
    codes["set"], _, _ = run("set", slug, "status", "ready")
    codes["done"], _, _ = run("done", slug, "1")
    codes["list"], _, _ = run("list")
    codes["list --json"], _, _ = run("list", "--json")
    codes["show"], _, _ = run("show", slug)
    codes["export"], _, _ = run("export", slug)
    codes["check"], _, _ = run("check", slug)
    codes["templates"], _, _ = run("templates")
    codes["copy --osc52"], _, _ = run("copy", slug, "--osc52")
    codes["delete"], _, _ = run("delete", "delicious-in-dungeon")
    print(json.dumps({"core": core, "codes": codes,
                      "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))}))
""")


def test_core_and_non_interactive_commands_do_not_import_textual(library_dir):
    result = subprocess.run([sys.executable, "-c", HYGIENE], capture_output=True, env=os.environ.copy(),
                            timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout.decode().splitlines()[-1])
    assert {"review.model", "review.template", "review.draftfile", "review.atomic", "review.library", "review.slug",
            "publish.export", "publish.markdown_text", "aids.checks", "publish.clipboard", "config.locations",
            "errors", "cli", "lookup.sources", "lookup.http", "lookup.fill", "lookup.cover"} <= set(report["core"])
    assert report["codes"] == {"new": 0, "new-2": 0, "answer": 0, "info": 0, "image": 0, "set": 0, "done": 0,
                               "list": 0, "list --json": 0, "show": 0, "export": 0, "check": 1,
                               "templates": 0, "copy --osc52": 0, "delete": 0}
    assert report["textual"] == []
