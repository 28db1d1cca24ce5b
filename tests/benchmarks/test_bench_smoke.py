"""The benchmark's smoke run: ``benchmarks/bench.py --quick`` must finish and
print every row, so the script cannot rot while the app changes under it.

No timing is asserted here (issue 7: timed assertions stay out of the test
suite); the figures of a quick run on a busy machine mean nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"

REVIEWS = ("r0", "r1", "r2")  # the long review, the stress review, 50,000 words in one answer
EXPECTED = [
    "startup.reference", "startup.empty", "startup.big", "startup.cold",
    *[f"typing.{what}.{mode}.{review}" for review in REVIEWS
      for what in ("key", "cpu", "paced", "lag") for mode in ("off", "on")],
    *[f"typing.preview.{review}" for review in REVIEWS],
    *[f"{what}.{review}" for review in REVIEWS[:2]
      for what in ("open", "open.preview", "switch.first", "switch.again")],
    "cli.cat", "cli.list", "cli.list_cold", "cli.export", "cli.export_one",
    "memory.peak.r1", "memory.peak.r2",
]


def test_quick_run_prints_every_row(tmp_path):
    report = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", str(report)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    rows = json.loads(report.read_text())["rows"]
    keys = [row["key"] for row in rows]
    assert sorted(keys) == sorted(EXPECTED), set(keys) ^ set(EXPECTED)
    table = proc.stdout
    assert "measurement" in table and "median" in table and "p95" in table
    for row in rows:
        assert row["label"] in table, f"{row['label']!r} is not in the printed table"
        assert row["n"] >= 1, f"{row['key']} has no samples"
        assert row["result"] in ("pass", "FAIL", "info"), row


def test_only_runs_one_group(tmp_path):
    report = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--only", "cli", "--json", str(report)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    keys = {row["key"] for row in json.loads(report.read_text())["rows"]}
    assert keys == {"cli.cat", "cli.list", "cli.list_cold", "cli.export", "cli.export_one"}
