"""Question sets: the questions a review walks through and its info fields.

A template is a TOML file: ``id``, ``name``, ``[[questions]]`` (id, heading,
hint, optional word target) and ``[[info]]`` (id, label, kind text/number/
list, optional hint); optionally ``info_heading`` (the information table's
heading, "Series Information" by default) and a ``[verdict]`` table (score
``scale``, ``label``, ``place``: see :class:`Verdict`). Built-in templates live inside the package; a writer's
own live in the config folder's ``templates/`` and may override a built-in.
Every file is validated on load and a broken one names the file and field.
"""

from __future__ import annotations

import os
import re
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.config import locations
from reviewdesk.errors import NotFound, TemplateError

INFO_KINDS = ("text", "number", "list")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Question:
    id: str
    heading: str
    hint: str = ""
    target: int | None = None


@dataclass(frozen=True)
class InfoField:
    id: str
    label: str
    kind: str = "text"
    hint: str = ""


VERDICT_PLACES = ("after-tagline", "after-questions", "after-info")


@dataclass(frozen=True)
class Verdict:
    """Where a template puts the score and one-line verdict, and its scale.

    ``place`` is ``after-tagline``, ``after-questions`` (before the
    information table), ``after-info``, or a question id (right after it).
    No ``scale``: a verdict line without a score.
    """

    scale: int | None = None
    label: str = "Verdict"
    place: str = "after-questions"


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    questions: tuple[Question, ...]
    info: tuple[InfoField, ...]
    description: str = ""
    path: Path | None = field(default=None, compare=False)
    verdict: Verdict | None = None  # the template's [verdict] table, if it has one
    info_heading: str = "Series Information"

    def question(self, ref: str | int) -> Question:
        """A question by id, by heading, or by its 1-based number."""
        text = str(ref).strip()
        if text.isdigit():
            n = int(text)
            if 1 <= n <= len(self.questions):
                return self.questions[n - 1]
            raise NotFound(
                f"no question {n} in template {self.id!r}: it has {len(self.questions)} "
                f"(1-{len(self.questions)})"
            )
        for q in self.questions:
            if q.id == text:
                return q
        found = _by_name(self.questions, text, lambda q: (q.id, q.heading))
        if found is None:
            known = ", ".join(q.id for q in self.questions)
            raise NotFound(f"unknown question {text!r} in template {self.id!r}; known: {known}")
        return found

    def info_field(self, ref: str) -> InfoField:
        """An info field by id or label, in any case ("Animation Studios")."""
        found = _by_name(self.info, ref, lambda f: (f.id, f.label))
        if found is None:
            known = ", ".join(f.label for f in self.info)
            raise NotFound(f"unknown field {ref!r} in template {self.id!r}; known: {known}")
        return found

    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions]


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


def _by_name(items, ref: str, names):
    """The first item one of whose ``names(item)`` is ``ref``, in any case and
    spacing and punctuation; None if none is."""
    folded = _fold(ref)
    return next((item for item in items if any(_fold(name) == folded for name in names(item))), None)


def parse_template(data: dict, source: str) -> Template:
    """Build a template from parsed TOML, naming ``source`` in every error."""

    def fail(where: str, why: str) -> TemplateError:
        return TemplateError(f"{source}: {where}: {why}")

    def text(table: dict, key: str, where: str, required: bool = True) -> str:
        value = table.get(key, None)
        if value is None:
            if required:
                raise fail(f"{where}.{key}" if where else key, "is missing")
            return ""
        if not isinstance(value, str):
            raise fail(f"{where}.{key}" if where else key, "must be a string")
        if required and not value.strip():
            raise fail(f"{where}.{key}" if where else key, "must not be empty")
        return value

    known_top = {"id", "name", "description", "questions", "info", "verdict", "info_heading"}
    for key in data:
        if key not in known_top:
            raise fail(key, f"unknown field (expected one of {', '.join(sorted(known_top))})")
    tid = _checked_id(text(data, "id", ""), "id", fail)
    name = text(data, "name", "")
    description = text(data, "description", "", required=False)

    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise fail("questions", "needs at least one [[questions]] entry")
    questions: list[Question] = []
    for where, q, qid in _entries(raw_questions, "questions", "question", ("id", "heading", "hint", "target"),
                                  fail, text):
        target = q.get("target")
        if target is not None and not (_whole(target) and target > 0):
            raise fail(f"{where}.target", "must be a positive whole number of words")
        questions.append(
            Question(qid, text(q, "heading", where), text(q, "hint", where, required=False), target)
        )

    raw_info = data.get("info", [])
    if not isinstance(raw_info, list):
        raise fail("info", "must be a list of [[info]] tables")
    info: list[InfoField] = []
    for where, f, fid in _entries(raw_info, "info", "info", ("id", "label", "kind", "hint"), fail, text):
        kind = f.get("kind", "text")
        if kind not in INFO_KINDS:
            raise fail(f"{where}.kind", f"{kind!r} is not one of {', '.join(INFO_KINDS)}")
        info.append(InfoField(fid, text(f, "label", where), kind, text(f, "hint", where, required=False)))

    info_heading = text(data, "info_heading", "", required=False) or "Series Information"
    if "\n" in info_heading.strip():
        raise fail("info_heading", "must be one line")
    verdict = _parse_verdict(data.get("verdict"), {q.id for q in questions}, fail, text)
    return Template(tid, name, tuple(questions), tuple(info), description,
                    verdict=verdict, info_heading=info_heading.strip())


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _checked_id(value: str, where: str, fail) -> str:
    if not _ID.match(value):
        raise fail(where, f"{value!r} must be lower-case letters, digits, '-' or '_'")
    return value


def _entries(raw: list, key: str, what: str, fields: tuple[str, ...], fail, text):
    """(where, table, id) for each ``[[key]]`` table, after the checks every
    kind of entry shares: a table, of known fields, with an id of its own."""
    seen: set[str] = set()
    for i, entry in enumerate(raw, 1):
        where = f"{key}[{i}]"
        if not isinstance(entry, dict):
            raise fail(where, "must be a table")
        for field_name in entry:
            if field_name not in fields:
                raise fail(f"{where}.{field_name}", f"unknown field (expected {', '.join(fields)})")
        entry_id = _checked_id(text(entry, "id", where), f"{where}.id", fail)
        if entry_id in seen:
            raise fail(f"{where}.id", f"duplicate {what} id {entry_id!r}")
        seen.add(entry_id)
        yield where, entry, entry_id


def _parse_verdict(raw, question_ids: set[str], fail, text) -> Verdict | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise fail("verdict", "must be a [verdict] table")
    for key in raw:
        if key not in ("scale", "label", "place"):
            raise fail(f"verdict.{key}", "unknown field (expected scale, label, place)")
    scale = raw.get("scale")
    if scale is not None and not (_whole(scale) and 2 <= scale <= 100):
        raise fail("verdict.scale", "must be a whole number from 2 to 100 (e.g. 10, or 5 for stars)")
    label = text(raw, "label", "verdict", required=False).strip() or "Verdict"
    if "\n" in label:
        raise fail("verdict.label", "must be one line")
    place = raw.get("place", "after-questions")
    if not isinstance(place, str) or (place not in VERDICT_PLACES and place not in question_ids):
        raise fail("verdict.place", f"{place!r} must be one of {', '.join(VERDICT_PLACES)} or a question id")
    return Verdict(scale, label, place)


def load_template_file(path: Path) -> Template:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise TemplateError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: not valid TOML: {exc}") from None
    template = parse_template(data, str(path))
    object.__setattr__(template, "path", path)
    return template


# Loaded templates are kept for the life of the process: listing 2,000 drafts
# asks for a template once per draft. Each ask still looks at the disk (a
# stat of the two template folders and of the file), so a template a writer
# adds, removes or edits while the app runs is seen at once. A folder or file
# changed in the last RACY_NS is not trusted to its stamp (its clock may tick
# coarser than the edits, as with "racy" files in git): it is looked at again.
RACY_NS = 2_000_000_000

_folders_cache: tuple[tuple, dict[str, Path]] | None = None
_cache: dict[Path, tuple[tuple[int, int], Template | TemplateError]] = {}


def _stamp(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _settled(stamp: tuple[int, int] | None, listed_at: int) -> bool:
    """Whether a stamp taken at ``listed_at`` (ns) will show any later change."""
    return stamp is None or stamp[0] < listed_at - RACY_NS


def _template_files() -> dict[str, Path]:
    """Template id -> file; a writer's own templates override built-ins."""
    global _folders_cache
    folders = (locations.builtin_templates_dir(), locations.user_templates_dir())
    key = tuple((folder, _stamp(folder)) for folder in folders)
    cached = _folders_cache
    if cached is not None and cached[0] == key:
        return cached[1]
    listed_at = time.time_ns()
    files: dict[str, Path] = {}
    for folder, stamp in key:
        if stamp is not None and os.path.isdir(folder):
            for path in sorted(folder.glob("*.toml")):
                files[path.stem] = path
    if all(_settled(stamp, listed_at) for _, stamp in key):
        _folders_cache = (key, files)
    else:
        _folders_cache = None
    return files


def load_template(template_id: str) -> Template:
    """The template with this id (its file name without ``.toml``)."""
    files = _template_files()
    path = files.get(template_id)
    if path is None:
        known = ", ".join(sorted(files)) or "none"
        raise NotFound(f"unknown template {template_id!r}; known: {known}")
    # Nanoseconds and size: a writer who edits a template twice within one
    # second (or a test) gets the new questions, not the cached ones.
    stamp = _stamp(path) or (-1, -1)
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        found = cached[1]
    else:
        loaded_at = time.time_ns()
        try:
            found = load_template_file(path)
            if found.id != template_id:
                raise TemplateError(f"{path}: id: {found.id!r} must match the file name {template_id!r}")
        except TemplateError as exc:
            found = exc
        if _settled(stamp, loaded_at) and stamp != (-1, -1):
            _cache[path] = (stamp, found)
        else:
            _cache.pop(path, None)
    if isinstance(found, TemplateError):
        raise TemplateError(str(found)) from None  # a fresh one: a kept traceback would grow
    return found


def list_templates() -> tuple[list[Template], list[TemplateError]]:
    """Every template that loads, and the errors of those that do not."""
    good: list[Template] = []
    bad: list[TemplateError] = []
    for template_id in sorted(_template_files()):
        try:
            good.append(load_template(template_id))
        except TemplateError as exc:
            bad.append(exc)
    return good, bad


DEFAULT_TEMPLATE = "anime-season"
