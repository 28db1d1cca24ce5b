"""Front matter for static sites: written safely, read back leniently.

Writing: Hugo's TOML between ``+++`` goes through tomli-w; YAML between
``---`` (Jekyll, Astro) is written here, every string double-quoted with
YAML's own escapes, so no title (quotes, colons, ``---``, ``+++``, ``#``,
line separators, control characters, any unicode) can change the document's
shape. Values keep their characters: quotes stay straight quotes.

Reading (for import): TOML with tomllib; YAML with PyYAML's safe loader
(imported only for a file that has YAML front matter), then held to what a
draft can keep: text, numbers, true/false, dates, lists and tables, within a
bound on size and depth (aliases can make a few lines mean millions of
values, or a list that holds itself).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from typing import Any

import tomli_w

from reviewdesk.errors import ReviewDeskError


class FrontMatterError(ReviewDeskError):
    """Front matter that cannot be read."""


# Writing -------------------------------------------------------------------

def toml_block(data: dict[str, Any]) -> str:
    """``+++`` TOML ``+++`` as Hugo reads it (strings on one line each)."""
    clean = {k: v for k, v in data.items() if v is not None}
    return "+++\n" + tomli_w.dumps(clean) + "+++\n"


# YAML double-quoted scalars may hold only printable characters; the line
# separators YAML 1.1 knows (NEL, LS, PS) and the BOM are escaped too, since
# a raw one would be folded or dropped by some readers.
_YAML_SHORT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _yaml_char(ch: str) -> str:
    if ch in _YAML_SHORT:
        return _YAML_SHORT[ch]
    code = ord(ch)
    printable = (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
                 or 0x10000 <= code <= 0x10FFFF)
    if printable and code not in (0x2028, 0x2029, 0xFEFF):
        return ch
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""
    return '"' + "".join(_yaml_char(ch) for ch in text) + '"'


def yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return yaml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as front matter")


def yaml_block(data: dict[str, Any]) -> str:
    """``---`` YAML ``---``: one ``key: value`` line per field, keys as given."""
    lines = ["---"]
    for key, value in data.items():
        if value is None:
            continue
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise ValueError(f"front matter key {key!r} is not a plain name")
        lines.append(f"{key}: {yaml_value(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


# Reading -------------------------------------------------------------------

_TOML_FENCE = re.compile(r"\A\ufeff?\+\+\+[ \t]*\n(.*?)^\+\+\+[ \t]*(?:\n|\Z)", re.S | re.M)
_YAML_FENCE = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)


def split(text: str) -> tuple[dict[str, Any], str, str]:
    """(front matter, body, kind) where kind is "toml", "yaml" or ""."""
    m = _TOML_FENCE.match(text)
    if m:
        try:
            data = tomllib.loads(m.group(1))
        except tomllib.TOMLDecodeError as exc:
            raise FrontMatterError(f"the +++ front matter is not valid TOML: {exc}") from None
        return data, text[m.end():], "toml"
    m = _YAML_FENCE.match(text)
    if m:
        return read_yaml(m.group(1), first_line=2), text[m.end():], "yaml"
    return {}, text, ""


# What read_yaml keeps at the most: values (each alias counted again where
# it is used) and levels of lists and tables.
MAX_VALUES = 10_000
MAX_DEPTH = 32


def read_yaml(text: str, first_line: int = 1) -> dict[str, Any]:
    """The top-level mapping of a YAML front matter block; ``first_line`` is
    the block's first line in its file, for the error messages."""
    import yaml  # only a file with YAML front matter needs it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where the wheel has it
    try:
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + first_line}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise FrontMatterError(f"the --- front matter is not valid YAML{where}: {problem}; fix it (or remove "
                               "the front matter) and import again") from None
    except RecursionError:
        raise FrontMatterError("the --- front matter is nested too deep to read; simplify it and import again") \
            from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("the --- front matter must be `key: value` lines; fix it and import again")
    budget = [MAX_VALUES]
    return {_key(k): _plain_value(v, budget, 1) for k, v in data.items()}


def _key(key: Any) -> str:
    return key if isinstance(key, str) else str(key)


def _plain_value(value: Any, budget: list[int], depth: int) -> Any:
    """A YAML value as one a draft can keep (text for anything else)."""
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise FrontMatterError(f"the --- front matter is too large or nested too deep to read (over "
                               f"{MAX_VALUES} values or {MAX_DEPTH} levels, counting each alias where it is "
                               "used); simplify it and import again")
    if value is None or isinstance(value, (str, bool, int, float, datetime, date)):
        return value
    if isinstance(value, dict):
        return {_key(k): _plain_value(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_value(v, budget, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(str(v) for v in value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
