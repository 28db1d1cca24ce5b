"""What the command line does before any command runs: kept small, so
`reviewdesk` opens fast and `reviewdesk list` answers fast."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from reviewdesk import cli
from reviewdesk.publish.targets import TARGETS


def test_the_help_names_every_target(capsys):
    try:
        cli.main(["export", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert ", ".join(TARGETS) in out


def test_no_command_opens_the_app_without_building_the_parser(library_dir, monkeypatch):
    opened = []

    def refuse():
        raise AssertionError("the parser was built")

    monkeypatch.setattr(cli, "build_parser", refuse)
    monkeypatch.setattr(cli, "run_app",
                        lambda lib, slug=None, choice=None: opened.append((lib.root, slug, choice.source)) or 0)
    assert cli.main([]) == 0
    assert opened == [(library_dir, None, "environment")]  # the app is told where the folder came from


def test_no_command_and_a_library_flag_still_go_through_the_parser(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(cli, "run_app",
                        lambda lib, slug=None, choice=None: opened.append((lib.root, choice.source)) or 0)
    assert cli.main(["--library", str(tmp_path / "elsewhere")]) == 0
    assert opened == [(tmp_path / "elsewhere", "flag")]


PROBE = """
import json, sys
import reviewdesk.cli as cli
cli.build_parser()
print(json.dumps(sorted(m for m in sys.modules if m.startswith("reviewdesk"))))
"""


def test_building_the_parser_imports_no_target(library_dir):
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, env=os.environ.copy(),
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr.decode()
    loaded = json.loads(result.stdout.decode().splitlines()[-1])
    assert not [m for m in loaded if m.startswith("reviewdesk.publish.targets")]
