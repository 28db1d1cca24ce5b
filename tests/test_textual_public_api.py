"""Review Desk uses Textual's public API only, and leaves the garbage collector alone.

An AST scan of every module under ``src/reviewdesk`` (and of the tests and
the benchmark, for private modules) fails on:

- an import from a private Textual module: a dotted path with a part that
  starts with ``_`` (``textual._compositor``, ``textual.widgets._markdown``),
  or such a path named in a string (``sys.modules["textual.widgets._x"]``);
- in a class derived from a Textual class: ``self._x`` / ``cls._x`` (read or
  written) or a method ``_x`` where ``_x`` is a name one of its Textual base
  classes defines with a leading underscore. That is reading, writing or
  overriding Textual's own, and also our own private names colliding with
  Textual's;
- ``something._x`` anywhere else, where ``_x`` is a private name some Textual
  class defines and none of the project's own (non-Textual) classes does;
- a ``__class__`` swap, a two-argument ``super(SomeClass, self)``;
- any use of the ``gc`` module (process-wide collector tuning).

Textual's private names are read from Textual's own source (every class's
single-underscore attributes and methods, and the ``self._x`` it assigns), so
a new Textual version is checked against what it really defines. A failure
lists every finding as ``file:line: what``.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import textual

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "reviewdesk"
PRIVATE_MODULE_TEXT = re.compile(r"\btextual(\.\w+)*\._\w+")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _private_path(dotted: str) -> bool:
    parts = dotted.split(".")
    return parts[0] == "textual" and any(part.startswith("_") for part in parts)


# Textual's private names, from its source ------------------------------------------------

def _class_private_names(node: ast.ClassDef) -> set[str]:
    """Underscore names a class defines: attributes and methods in its body,
    and what its methods assign to ``self._x``."""
    names: set[str] = set()
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(item.name)
        elif isinstance(item, ast.Assign):
            names.update(t.id for t in item.targets if isinstance(t, ast.Name))
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            names.add(item.target.id)
    for sub in ast.walk(node):
        targets = []
        if isinstance(sub, ast.Assign):
            targets = sub.targets
        elif isinstance(sub, (ast.AnnAssign, ast.AugAssign)):
            targets = [sub.target]
        for target in targets:
            if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                    and target.value.id == "self"):
                names.add(target.attr)
    return {n for n in names if _private(n)}


@lru_cache(maxsize=None)
def textual_private_names() -> dict[tuple[str, str], frozenset[str]]:
    """(module, class qualified name) -> the private names that class defines."""
    found: dict[tuple[str, str], frozenset[str]] = {}
    base = Path(textual.__file__).parent
    for path in base.rglob("*.py"):
        module = ".".join(("textual", *path.relative_to(base).with_suffix("").parts)).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def visit(body, prefix: str) -> None:
            for node in body:
                if isinstance(node, ast.ClassDef):
                    name = f"{prefix}{node.name}"
                    found[(module, name)] = frozenset(_class_private_names(node))
                    visit(node.body, f"{name}.")

        visit(tree.body, "")
    return found


@lru_cache(maxsize=None)
def all_textual_private_names() -> frozenset[str]:
    return frozenset().union(*textual_private_names().values())


def inherited_private_names(cls: type) -> set[str]:
    """What the Textual classes in ``cls``'s MRO define with a leading underscore."""
    table = textual_private_names()
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass.__module__.split(".")[0] == "textual":
            names |= table.get((klass.__module__, klass.__qualname__), frozenset())
    return names


def is_textual_derived(cls: object) -> bool:
    return inspect.isclass(cls) and any(k.__module__.split(".")[0] == "textual" for k in cls.__mro__)


# The project's own modules -----------------------------------------------------------------

def package_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")


@lru_cache(maxsize=None)
def own_private_names() -> frozenset[str]:
    """Private names the project's own classes (not derived from Textual) define:
    ``thing._x`` on one of those is ours, whatever Textual defines."""
    names: set[str] = set()
    for path in package_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                module = importlib.import_module(module_name(path))
                cls = getattr(module, node.name, None)
                if not is_textual_derived(cls):
                    names |= _class_private_names(node)
    return frozenset(names)


def private_module_findings(path: Path, tree: ast.AST) -> list[str]:
    rel = path.relative_to(ROOT).as_posix()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if _private_path(node.module):
                out.append(f"{rel}:{node.lineno}: imports the private module {node.module}")
            elif node.module.split(".")[0] == "textual":
                out += [f"{rel}:{node.lineno}: imports the private name {node.module}.{a.name}"
                        for a in node.names if _private(a.name)]
        elif isinstance(node, ast.Import):
            out += [f"{rel}:{node.lineno}: imports the private module {a.name}"
                    for a in node.names if _private_path(a.name)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and PRIVATE_MODULE_TEXT.search(node.value):
            out.append(f"{rel}:{node.lineno}: names the private module {PRIVATE_MODULE_TEXT.search(node.value)[0]}")
    return out


def findings_in(path: Path) -> list[str]:
    rel = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = private_module_findings(path, tree)
    module = importlib.import_module(module_name(path))
    other_modules = {alias.asname or alias.name.split(".")[0]
                     for node in ast.walk(tree) if isinstance(node, ast.Import)
                     for alias in node.names if alias.name.split(".")[0] != "textual"}
    textual_names = all_textual_private_names()
    own = own_private_names()

    # Names inherited from Textual, per node inside a Textual-derived class.
    inherited: dict[int, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            cls = getattr(module, node.name, None)
            if not is_textual_derived(cls):
                continue
            names = inherited_private_names(cls)
            for sub in ast.walk(node):
                inherited.setdefault(id(sub), names)
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name in names:
                    out.append(f"{rel}:{item.lineno}: {node.name} defines {item.name}, a private name of "
                               f"its Textual base classes")
                elif isinstance(item, ast.Assign):
                    out += [f"{rel}:{item.lineno}: {node.name} sets {t.id}, a private name of its Textual "
                            f"base classes" for t in item.targets if isinstance(t, ast.Name) and t.id in names]
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) \
                        and item.target.id in names:
                    out.append(f"{rel}:{item.lineno}: {node.name} sets {item.target.id}, a private name of "
                               f"its Textual base classes")

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr == "__class__" and isinstance(node.ctx, ast.Store):
                out.append(f"{rel}:{node.lineno}: swaps an object's __class__")
            if not _private(node.attr):
                continue
            value = node.value
            if isinstance(value, ast.Name) and value.id in ("self", "cls"):
                if node.attr in inherited.get(id(node), ()):
                    out.append(f"{rel}:{node.lineno}: uses {node.attr}, a private name of Textual's "
                               f"(in a class derived from Textual's)")
            elif node.attr in textual_names and node.attr not in own and not (
                    isinstance(value, ast.Name) and value.id in other_modules):
                out.append(f"{rel}:{node.lineno}: uses {node.attr}, a private name of Textual's")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super" \
                and len(node.args) == 2:
            out.append(f"{rel}:{node.lineno}: super() with explicit arguments skips methods of the MRO")
        elif isinstance(node, ast.Import) and any(a.name == "gc" for a in node.names):
            out.append(f"{rel}:{node.lineno}: imports gc (the collector is left to Python)")
        elif isinstance(node, ast.ImportFrom) and node.module == "gc":
            out.append(f"{rel}:{node.lineno}: imports from gc (the collector is left to Python)")
    return out


def test_the_package_uses_textual_s_public_api_only():
    sys.path.insert(0, str(SRC))
    try:
        findings = [line for path in package_files() for line in findings_in(path)]
    finally:
        sys.path.remove(str(SRC))
    assert not findings, f"{len(findings)} uses of Textual's private parts:\n" + "\n".join(findings)


def test_no_test_or_benchmark_imports_a_private_textual_module():
    files = sorted(p for p in [*ROOT.joinpath("tests").rglob("*.py"), *ROOT.joinpath("benchmarks").rglob("*.py")]
                   if p.resolve() != Path(__file__).resolve())  # this scanner names them to test itself
    findings = [line for path in files
                for line in private_module_findings(path, ast.parse(path.read_text(encoding="utf-8")))]
    assert not findings, "\n".join(findings)


# The scan itself: each rule catches what it is for -------------------------------------------

@pytest.mark.parametrize("source, expected", [
    ("from textual._compositor import Compositor\n", "imports the private module textual._compositor"),
    ("import textual.widgets._markdown\n", "imports the private module textual.widgets._markdown"),
    ("from textual.widgets import _markdown\n", "imports the private name textual.widgets._markdown"),
    ("import sys\nsys.modules.get('textual.widgets._text_area')\n", "names the private module"),
    ("import gc\ngc.freeze()\n", "imports gc"),
    ("def f(widget):\n    return widget._compositor\n", "uses _compositor, a private name of Textual's"),
    ("def f(x):\n    x.__class__ = int\n", "swaps an object's __class__"),
    ("class A:\n    def f(self):\n        return super(A, self).f()\n", "super() with explicit arguments"),
])
def test_the_scan_finds_each_kind_of_use(tmp_path, monkeypatch, source, expected):
    package = tmp_path / "src" / "reviewdesk_scan_probe"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "probe.py").write_text(source)
    own_private_names()  # the project's own names, read (and kept) while SRC is still the project's
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path / "src")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    found = findings_in(package / "probe.py")
    assert any(expected in line for line in found), found


def test_the_scan_finds_a_textual_private_name_used_overridden_or_collided_with(tmp_path, monkeypatch):
    package = tmp_path / "src" / "reviewdesk_scan_probe2"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "probe.py").write_text(
        "from textual.widgets import TextArea\n"
        "class Editor(TextArea):\n"
        "    def _set_document(self, text, language):\n"  # overriding Textual's
        "        self._highlights = {}\n"                   # writing Textual's
        "    def mine(self):\n"
        "        self._line_cache = None\n"                 # our own name, colliding with Textual's
        "        self._words_here = 0\n"                    # our own name, no collision: fine
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path / "src")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    found = findings_in(package / "probe.py")
    assert any("defines _set_document" in line for line in found), found
    assert any("uses _highlights" in line for line in found), found
    assert any("uses _line_cache" in line for line in found), found
    assert not any("_words_here" in line for line in found), found
