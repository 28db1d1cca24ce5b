"""Front matter for static sites: written safely, read back leniently.

Writing: Hugo's TOML between ``+++`` goes through tomli-w; YAML between
``---`` (Jekyll, Astro) is written here, every string double-quoted with
YAML's own escapes, so no title (quotes, colons, ``---``, ``+++``, ``#``,
line separators, control characters, any unicode) can change the document's
shape. Values keep their characters: quotes stay straight quotes.

Reading (for import): TOML with tomllib; YAML with a small reader for the
shapes front matter takes in practice (scalars, quoted strings, flow and
block lists, block scalars). It needs no YAML library at run time; the tests
check it against PyYAML.
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
        return read_yaml(m.group(1)), text[m.end():], "yaml"
    return {}, text, ""


_YAML_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
                 "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
                 "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX_LEN = {"x": 2, "u": 4, "U": 8}


def _double_quoted(body: str) -> str:
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1: i + 2]
        if nxt in _HEX_LEN:
            digits = body[i + 2: i + 2 + _HEX_LEN[nxt]]
            try:
                out.append(chr(int(digits, 16)))
            except ValueError:
                raise FrontMatterError(f"bad escape \\{nxt}{digits} in a quoted value") from None
            i += 2 + _HEX_LEN[nxt]
        elif nxt in _YAML_ESCAPES:
            out.append(_YAML_ESCAPES[nxt])
            i += 2
        else:
            raise FrontMatterError(f"unknown escape \\{nxt} in a quoted value")
    return "".join(out)


def _fold_lines(raw: str) -> str:
    """Multi-line flow scalars: single newlines fold to a space, blank lines to newlines."""
    parts = raw.split("\n")
    if len(parts) == 1:
        return raw
    out = parts[0].rstrip(" \t")
    pending_blank = 0
    for part in parts[1:]:
        stripped = part.strip(" \t")
        if not stripped:
            pending_blank += 1
            continue
        out += ("\n" * pending_blank) if pending_blank else " "
        out += stripped
        pending_blank = 0
    return out


_PLAIN_TRUE = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"}
_PLAIN_FALSE = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"}


def _plain(text: str) -> Any:
    text = re.sub(r"\s+#.*$", "", text).strip()
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in _PLAIN_TRUE:
        return True
    if text in _PLAIN_FALSE:
        return False
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return date.fromisoformat(text)
    if re.fullmatch(r"\d{4}-\d\d-\d\d[Tt ]\d\d?:\d\d:\d\d(\.\d+)?\s*(Z|[-+]\d\d?(:?\d\d)?)?", text):
        norm = re.sub(r"\s*(Z|[-+]\d\d?(:?\d\d)?)$", lambda m: "+00:00" if m.group(1) == "Z" else m.group(1), text)
        norm = norm.replace("t", "T").replace(" ", "T", 1)
        try:
            return datetime.fromisoformat(norm)
        except ValueError:
            return text
    return text


def _scalar(text: str) -> Any:
    """One flow scalar (already joined across lines)."""
    text = text.strip()
    if text.startswith('"'):
        end = _closing_double(text)
        return _double_quoted(_fold_lines(text[1:end]))
    if text.startswith("'"):
        end = _closing_single(text)
        return _fold_lines(text[1:end]).replace("''", "'")
    if text.startswith("["):
        return _flow_list(text)
    return _plain(_fold_lines(text))


def _closing_double(text: str) -> int:
    i = 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i
        i += 1
    raise FrontMatterError(f"a quoted value is not closed: {text[:40]!r}")


def _closing_single(text: str) -> int:
    i = 1
    while i < len(text):
        if text[i] == "'":
            if text[i + 1: i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    raise FrontMatterError(f"a quoted value is not closed: {text[:40]!r}")


def _flow_list(text: str) -> list:
    inner = text.strip()
    if not inner.endswith("]"):
        inner = re.sub(r"\s+#.*$", "", inner)
    if not inner.endswith("]"):
        raise FrontMatterError(f"a [list] is not closed: {text[:40]!r}")
    inner = inner[1:-1]
    items, i, start = [], 0, 0
    while i <= len(inner):
        if i == len(inner) or inner[i] == ",":
            piece = inner[start:i].strip()
            if piece:
                items.append(_scalar(piece))
            start = i + 1
        elif inner[i] == '"':
            i += _closing_double(inner[i:])
        elif inner[i] == "'":
            i += _closing_single(inner[i:])
        i += 1
    return items


def _block_scalar(indicator: str, lines: list[str]) -> str:
    body = [ln for ln in lines]
    while body and not body[-1].strip():
        body.pop()
    indents = [len(ln) - len(ln.lstrip(" ")) for ln in body if ln.strip()]
    indent = min(indents) if indents else 0
    body = [ln[indent:] for ln in body]
    chomp = indicator[1:2]
    if indicator.startswith("|"):
        text = "\n".join(body)
    else:
        text = _fold_block(body)
    if chomp == "-":
        return text
    return text + "\n" if text else text


def _fold_block(lines: list[str]) -> str:
    out: list[str] = []
    for ln in lines:
        if not out:
            out.append(ln)
        elif not ln.strip():
            out.append("\n")
        elif out[-1] == "\n" or out[-1].startswith(" ") or ln.startswith(" "):
            out.append(("" if out[-1] == "\n" else "\n") + ln)
        else:
            out.append(" " + ln)
    return "".join(out)


def read_yaml(text: str) -> dict[str, Any]:
    """The top-level mapping of a front matter block (see the module doc)."""
    lines = text.split("\n")
    data: dict[str, Any] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            i += 1
            continue
        if line[0] in " \t":
            raise FrontMatterError(f"front matter line {i + 1} is indented where a key was expected")
        m = re.match(r"""^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#][^:]*?)\s*:(?:\s+|$)(.*)$""", line)
        if not m:
            raise FrontMatterError(f"front matter line {i + 1} is not `key: value`: {line[:60]!r}")
        key = _scalar(m.group(1)) if m.group(1)[0] in "\"'" else m.group(1).strip()
        rest = m.group(2)
        i += 1
        # the lines that belong to this key: indented ones (and, for a block
        # list, "- " lines at the key's own indentation)
        block: list[str] = []
        while i < len(lines) and (not lines[i].strip() or lines[i][0] in " \t"
                                  or (not rest.strip() and lines[i].startswith("-"))):
            block.append(lines[i])
            i += 1
        stripped = re.sub(r"\s+#.*$", "", rest).strip() if not rest.lstrip().startswith(("\"", "'")) else rest.strip()
        if stripped[:1] in ("|", ">") and re.fullmatch(r"[|>][-+]?\d?", stripped):
            data[str(key)] = _block_scalar(stripped, block)
        elif not stripped:
            items = [ln for ln in block if ln.strip()]
            if items and all(ln.lstrip().startswith("-") for ln in items):
                data[str(key)] = [_scalar(ln.lstrip()[1:]) for ln in items]
            elif items:
                raise FrontMatterError(f"front matter key {key!r} holds a nested mapping, which is not read")
            else:
                data[str(key)] = None
        else:
            joined = "\n".join([rest, *block]).rstrip()
            data[str(key)] = _scalar(joined)
    return data
