"""The crash tests: the real app in a real terminal (the shared tmux harness,
``tests/terminal.py``), killed while the writer types; then the disk is read.

The moments of the kills are random but seeded: every run uses the same
seeds unless REVIEWDESK_CRASH_SEED gives another base, and each test prints
its seed, which pytest shows with a failure, so a failure can be replayed.
"""

from __future__ import annotations

import os
import shutil

import pytest

from terminal import Terminal, app_command, app_env

DEFAULT_SEED = 20240107  # any fixed number: the same kills on every run
SEED_VARIABLE = "REVIEWDESK_CRASH_SEED"


def pytest_configure(config):
    config.addinivalue_line("markers", "crash: kills the real app (SIGKILL, SIGHUP, SIGTERM) and checks the disk")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/crash/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.crash)
            if shutil.which("tmux") is None:
                item.add_marker(pytest.mark.skip(reason="tmux is not installed: the crash tests need a real terminal"))


@pytest.fixture
def crash_seed(request):
    """The base of this run's seeds (a test adds its case number); printed,
    so a failure shows how to replay it."""
    base = int(os.environ.get(SEED_VARIABLE, DEFAULT_SEED))
    print(f"crash seed base {base}: replay with {SEED_VARIABLE}={base} pytest '{request.node.nodeid}'")
    return base


@pytest.fixture
def open_app(library_dir, config_dir, tmp_path):
    """``open_app(slug)``: ``reviewdesk open SLUG`` in a new 100x30 terminal
    on the test's library (the caller closes it)."""
    env = app_env(library_dir, config_dir)

    def start(slug: str) -> Terminal:
        return Terminal(app_command("open", slug), cwd=tmp_path, env=env, width=100, height=30)

    return start
