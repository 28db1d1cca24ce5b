"""The layers hold: the core (everything but ``cli`` and ``tui``) never imports
Textual, the command line or the app; the command line imports the app only to
start it; and no two modules of the core import each other.

Two ways of looking, as harlequin's import-hygiene test does: every import
statement in the source (at the top, in a function or under TYPE_CHECKING),
and what a fresh interpreter has loaded after importing each core module, or
after running a command that does not open the app.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import reviewdesk

PACKAGE = Path(reviewdesk.__file__).parent
# The command line imports the app here, and only to start it.
APP_STARTER = "reviewdesk.cli.start"
# ``themes`` lists Textual's own themes and checks colours with Textual's
# parser, so it reads them through the app's theming module (in the function).
THEMES_COMMAND = "reviewdesk.cli.catalogue"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
# ``python -m reviewdesk`` is the command line's entry, not part of the core.
ENTRY = "reviewdesk.__main__"
CORE = sorted(m for m in MODULES if not m.startswith(("reviewdesk.cli", "reviewdesk.tui")) and m != ENTRY)
CLI = sorted(m for m in MODULES if m == "reviewdesk.cli" or m.startswith("reviewdesk.cli."))


def imported(module: str) -> set[str]:
    """Every module an import statement in ``module`` names (with the names it
    takes from a package, which may be modules too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}: relative import"
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def under(name: str, *roots: str) -> bool:
    return any(name == root or name.startswith(root + ".") for root in roots)


def test_the_tree_is_what_the_layers_say():
    assert len(CORE) > 40 and "reviewdesk.review.library" in CORE and "reviewdesk.cli.parser" in CLI
    packages = {m.split(".")[1] for m in CORE if m.count(".") >= 2}
    assert packages == set(MAY_IMPORT), "a core package without its MAY_IMPORT line here"


@pytest.mark.parametrize("module", CORE)
def test_no_core_module_imports_textual_the_cli_or_the_app(module):
    wrong = sorted(n for n in imported(module) if under(n, "textual", "rich", "reviewdesk.cli", "reviewdesk.tui"))
    assert not wrong, f"{module} imports {wrong}"


# What each core package may import besides the standard library and itself,
# as its __init__ says.
MAY_IMPORT = {
    "config": {"reviewdesk.errors", "reviewdesk.review.atomic", "platformdirs", "tomli_w", "keyring"},
    "review": {"reviewdesk.errors", "reviewdesk.config", "tomli", "tomli_w"},
    "publish": {"reviewdesk.errors", "reviewdesk.config", "reviewdesk.review", "markdown_it", "tomli_w", "yaml",
                "pyperclip", "httpx", "jwt"},
    "aids": {"reviewdesk.errors", "reviewdesk.config", "reviewdesk.review", "reviewdesk.publish", "markdown_it",
             "spellchecker"},
    "importer": {"reviewdesk.errors", "reviewdesk.config", "reviewdesk.review", "reviewdesk.publish", "markdown_it"},
    "lookup": {"reviewdesk.errors", "reviewdesk.config", "reviewdesk.review", "httpx"},
}
VERSION = {"reviewdesk", "reviewdesk.__version__"}  # any module may say which Review Desk it is


@pytest.mark.parametrize("package", MAY_IMPORT)
def test_each_core_package_imports_what_its_init_says(package):
    own = f"reviewdesk.{package}"
    wrong = set()
    for module in (m for m in CORE if under(m, own)):
        for name in imported(module):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top == "__future__" or under(name, own) or name in VERSION:
                continue
            if not any(under(name, allowed) for allowed in MAY_IMPORT[package]):
                wrong.add(f"{module} imports {name}")
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("module", CLI)
def test_the_command_line_imports_the_app_only_to_start_it(module):
    allowed = {APP_STARTER: ("reviewdesk.tui.app",), THEMES_COMMAND: ("reviewdesk.tui.theming",)}.get(module, ())
    wrong = sorted(n for n in imported(module)
                   if under(n, "textual", "reviewdesk.tui") and not under(n, *allowed))
    assert not wrong, f"{module} imports {wrong}"


def test_no_two_core_modules_import_each_other():
    """Not even through a function or TYPE_CHECKING: a circle means two
    modules that cannot be understood (or tested) one without the other."""
    graph = {m: {n for n in imported(m) if n in MODULES and n != m} for m in CORE}
    circles = []
    for start in CORE:
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    circles.append(path)
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert not circles, f"import circles: {circles}"


PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def loaded_after(*args: str, code: str = PROBE) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=os.environ.copy(),
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout.decode().splitlines()[-1])


def test_importing_the_whole_core_loads_no_textual_cli_or_app():
    loaded = loaded_after(*CORE)
    assert not [m for m in loaded if under(m, "textual", "reviewdesk.cli", "reviewdesk.tui")]


COMMANDS = """
import contextlib, io, json, sys
from reviewdesk.cli import main
for argv in json.loads(sys.argv[1]):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(argv)
    assert code in (0, 1), (argv, code)
print(json.dumps(sorted(sys.modules)))
"""


def test_the_commands_that_do_not_open_the_app_never_load_it(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Imported\n---\n\n## What did you watch?\n\nA show.\n", encoding="utf-8")
    argv = [["new", "Metallic Rouge", "--season", "Winter 2024"], ["list"], ["list", "--json"],
            ["show", "metallic-rouge"], ["check", "metallic-rouge"], ["export", "metallic-rouge"],
            ["export", "--all", "-o", str(tmp_path / "out")], ["season", "Winter 2024"],
            ["import", str(post)], ["history", "metallic-rouge"], ["templates"]]
    loaded = loaded_after(json.dumps(argv), code=COMMANDS)
    assert "reviewdesk.publish.targets.markdown" in loaded  # the commands did run
    assert not [m for m in loaded if under(m, "textual", "reviewdesk.tui")]
