"""Real clients: the programs where a post ends up, run on our exports.

Each test needs a tool (Xvfb and xclip, pandoc, hugo, node with marked and
showdown). Where one is missing the test is skipped with the reason here,
on a developer's machine; under CI (``CI`` set) a missing tool fails the
test instead, since .ci/run installs every one of them.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# npm packages go here (ignored by git); .ci/run installs the same versions.
NODE_DIR = REPO / ".clients" / "node"
NODE_PACKAGES = ("marked@15", "showdown@2.1.0")


def missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


def need(tool: str, package: str | None = None) -> str:
    path = shutil.which(tool)
    if path is None:
        missing(f"{tool} is not installed (Debian package {package or tool})")
    return path


@pytest.fixture(scope="session")
def node_clients() -> Path:
    """node_modules holding marked and showdown, installed once if need be."""
    need("node", "nodejs")
    modules = NODE_DIR / "node_modules"
    if not ((modules / "marked").is_dir() and (modules / "showdown").is_dir()):
        npm = need("npm")
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        with open(NODE_DIR / ".lock", "w") as lock:  # xdist workers share the folder
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not ((modules / "marked").is_dir() and (modules / "showdown").is_dir()):
                done = subprocess.run([npm, "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund",
                                       *NODE_PACKAGES], capture_output=True, text=True)
                if done.returncode != 0:
                    missing(f"npm could not install {', '.join(NODE_PACKAGES)}: {done.stderr.strip()[-300:]}")
    return modules


def node(modules: Path, script: str, stdin: str) -> str:
    done = subprocess.run([need("node", "nodejs"), "-e", script], input=stdin, capture_output=True, text=True,
                          env={**os.environ, "NODE_PATH": str(modules)}, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout
