"""A reader for exactly the TOML our own writer produces; None for anything else.

``draftfile.dumps`` (tomli-w with multi-line strings) writes one shape of
TOML: ``key = value`` lines with single spaces, ``[table]`` and
``[[array.of.tables]]`` headers, blank lines between tables, multi-line
strings opened at the end of their line, arrays one item a line. Read line by
line with ``str.find`` and a few regular expressions, such a document parses
in a fraction of ``tomllib``'s time.

The reader is strict: the moment a line is not exactly one it recognises (a
comment, odd spacing, a dotted key, a duplicate key, a table defined twice,
an escape other than TOML's own, a control character, a number or date in a
form our writer never uses...), :func:`parse` gives up and returns None, and
the caller hands the text to ``tomllib`` (via :mod:`reviewdesk.review.tomlfast`),
whose result and error messages are the reference. What it does accept, it
returns exactly as ``tomllib`` would: tests compare the two on generated
drafts and hostile text.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

__all__ = ["parse"]

MAX_DEPTH = 16  # nested arrays or inline tables deeper than this: left to tomllib

_KEY = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\\x00-\x08\x0a-\x1f\x7f]++|\\.)*+")'
_KEY_RE = re.compile(_KEY)
_LINE_KEY = re.compile(_KEY + " = ")
_HEADER = re.compile(r"(\[\[?)(" + _KEY + r"(?:\." + _KEY + r")*)(\]\]?)\Z")
_STRING = re.compile(r'"((?:[^"\\\x00-\x08\x0a-\x1f\x7f]++|\\.)*+)"')
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.?)", re.DOTALL)
_SIMPLE = {'"': '"', "\\": "\\", "b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r"}
# What a multi-line string's body may not hold raw: quotes (our writer
# escapes them all) and control characters but tab and newline; with
# backslashes, the same between escapes.
_BODY_BAD = re.compile(r'["\x00-\x08\x0b-\x1f\x7f]')
_BODY_ESCAPED = re.compile(r'(?:[^"\\\x00-\x08\x0b-\x1f\x7f]++|\\.)*+', re.DOTALL)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})(\.[0-9]+)?(e[+-]?[0-9]{1,3})?")
_DATETIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
                       r"(?: ([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,6}))?(?:([+-])([0-9]{2}):([0-9]{2}))?)?")


# The usual line, read in one match: a bare key and a one-line string, the
# opening quotes of a multi-line string, true or false, or a whole number.
_SIMPLE_LINE = re.compile(r'([A-Za-z0-9_-]+) = (?:"((?:[^"\\\x00-\x08\x0a-\x1f\x7f]++|\\.)*+)"|(""")|(true|false)'
                          r"|(-?(?:0|[1-9][0-9]{0,17})))\n")


class _Unsure(Exception):
    """Not a line this reader knows: leave the document to tomllib."""


def _unescape(match: re.Match) -> str:
    code = match.group(1)
    simple = _SIMPLE.get(code)
    if simple is not None:
        return simple
    if len(code) > 1:  # \uXXXX or \UXXXXXXXX: a Unicode scalar value
        value = int(code[1:], 16)
        if value < 0x110000 and not 0xD800 <= value <= 0xDFFF:
            return chr(value)
    raise _Unsure


def _string(body: str) -> str:
    return _ESCAPE.sub(_unescape, body) if "\\" in body else body


def _key(token: str) -> str:
    return _string(token[1:-1]) if token.startswith('"') else token


def _scalar(line: str, pos: int, depth: int) -> tuple[Any, int]:
    """The value starting at ``line[pos]`` (no multi-line forms) and where it ends."""
    char = line[pos:pos + 1]
    if char == '"':
        m = _STRING.match(line, pos)
        if m is None:
            raise _Unsure
        return _string(m.group(1)), m.end()
    if char == "{":
        return _inline_table(line, pos, depth + 1)
    if line.startswith("true", pos):
        return True, pos + 4
    if line.startswith("false", pos):
        return False, pos + 5
    m = _DATETIME.match(line, pos)
    if m is not None:
        return _datetime(m), m.end()
    m = _NUMBER.match(line, pos)
    if m is None:
        raise _Unsure
    text = m.group()
    if m.group(1) is None and m.group(2) is None:
        return int(text), m.end()
    return float(text), m.end()


def _datetime(m: re.Match) -> date | datetime:
    year, month, day, hour, minute, second, fraction, sign, tz_hour, tz_minute = m.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        tz = None
        if sign is not None:
            if int(tz_hour) > 23 or int(tz_minute) > 59:
                raise _Unsure
            factor = 1 if sign == "+" else -1
            tz = timezone(timedelta(hours=factor * int(tz_hour), minutes=factor * int(tz_minute)))
        micro = int(fraction.ljust(6, "0")) if fraction else 0
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tzinfo=tz)
    except ValueError:
        raise _Unsure from None


def _inline_table(line: str, pos: int, depth: int) -> tuple[dict, int]:
    if depth > MAX_DEPTH:
        raise _Unsure
    if line.startswith("{}", pos):
        return {}, pos + 2
    if not line.startswith("{ ", pos):
        raise _Unsure
    table: dict = {}
    pos += 2
    while True:
        m = _LINE_KEY.match(line, pos)
        if m is None:
            raise _Unsure
        key = _key(m.group()[:-3])
        if key in table:
            raise _Unsure
        table[key], pos = _scalar(line, m.end(), depth)
        if line.startswith(", ", pos):
            pos += 2
        elif line.startswith(" }", pos):
            return table, pos + 2
        else:
            raise _Unsure


def _escaped_at(text: str, pos: int, start: int) -> bool:
    """Whether ``text[pos]`` follows an odd run of backslashes (after ``start``)."""
    run = 0
    while pos - run - 1 >= start and text[pos - run - 1] == "\\":
        run += 1
    return run % 2 == 1


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def line(self) -> str | None:
        """The next line, without its newline; None at the end."""
        text, pos = self.text, self.pos
        if pos >= len(text):
            return None
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        self.pos = end + 1
        return text[pos:end]

    def multiline(self, then: str = "") -> str:
        """The body of a multi-line string whose opener ended the last line;
        its closing quotes end their line, followed by ``then``."""
        text, start = self.text, self.pos
        close = text.find('"""', start)
        while close > start and _escaped_at(text, close, start):
            close = text.find('"""', close + 1)  # \""" is a quote, then the closing quotes
        if close < 0:
            raise _Unsure
        after = close + 3
        if then:
            if not text.startswith(then, after):
                raise _Unsure
            after += len(then)
        if after < len(text) and text[after] != "\n":
            raise _Unsure  # x"""" or more after it: left to tomllib
        body = text[start:close]
        if "\\" in body:
            if not _BODY_ESCAPED.fullmatch(body):
                raise _Unsure
            body = _ESCAPE.sub(_unescape, body)  # a line-ending backslash raises _Unsure
        elif _BODY_BAD.search(body):
            raise _Unsure
        self.pos = after + 1
        return body

    def array(self, depth: int) -> list:
        """The items of an array whose ``[`` ended the last line, one a line."""
        if depth > MAX_DEPTH:
            raise _Unsure
        items: list = []
        while True:
            line = self.line()
            if line is None:
                raise _Unsure
            stripped = line.lstrip(" ")
            if stripped == "]" or stripped == "],":
                if depth > 1 and stripped != "],":
                    raise _Unsure
                if depth == 1 and stripped != "]":
                    raise _Unsure
                return items
            if stripped == "[":
                items.append(self.array(depth + 1))
                continue
            if stripped == "[],":
                items.append([])
                continue
            if stripped == '"""':
                items.append(self.multiline(","))
                continue
            value, end = _scalar(stripped, 0, depth)
            if stripped[end:] != ",":
                raise _Unsure
            items.append(value)

    def value(self, line: str, pos: int) -> Any:
        rest = line[pos:]
        if rest == '"""':
            return self.multiline()
        if rest == "[":
            return self.array(1)
        if rest == "[]":
            return []
        value, end = _scalar(line, pos, 0)
        if end != len(line):
            raise _Unsure
        return value


def parse(text: str) -> dict[str, Any] | None:
    """What ``tomllib.loads(text)`` returns, or None when unsure (never raises)."""
    try:
        return _parse(text.replace("\r\n", "\n"))  # as tomllib itself does first
    except (_Unsure, RecursionError, ValueError, OverflowError):
        return None


def _parse(text: str) -> dict[str, Any]:
    root: dict = {}
    tables = {id(root)}  # tables made by headers (explicitly or on the way): open to more headers
    arrays: set[int] = set()  # arrays of tables made by [[headers]]
    current = root
    reader = _Reader(text)
    simple = _SIMPLE_LINE.match
    pos, end = 0, len(text)
    while pos < end:
        if text[pos] == "\n":
            pos += 1
            continue
        m = simple(text, pos)
        if m is not None:  # most lines: a bare key and a string, a multi-line opener, true/false, a number
            key, string, multiline, boolean, number = m.groups()
            if key in current:
                raise _Unsure
            pos = m.end()
            if string is not None:
                current[key] = _ESCAPE.sub(_unescape, string) if "\\" in string else string
            elif multiline is not None:
                reader.pos = pos
                current[key] = reader.multiline()
                pos = reader.pos
            elif boolean is not None:
                current[key] = boolean == "true"
            else:
                current[key] = int(number)
            continue
        reader.pos = pos
        line = reader.line()
        if line[0] == "[":
            current = _header(line, root, tables, arrays)
        else:
            m = _LINE_KEY.match(line)
            if m is None:
                raise _Unsure
            key = _key(m.group()[:-3])
            if key in current:
                raise _Unsure
            current[key] = reader.value(line, m.end())
        pos = reader.pos
    return root


def _header(line: str, root: dict, tables: set[int], arrays: set[int]) -> dict:
    m = _HEADER.match(line)
    if m is None or len(m.group(1)) != len(m.group(3)):
        raise _Unsure
    keys = [_key(token) for token in _KEY_RE.findall(m.group(2))]
    table = root
    for key in keys[:-1]:
        inner = table.get(key)
        if inner is None:
            inner = table[key] = {}
            tables.add(id(inner))
        elif not isinstance(inner, dict) or id(inner) not in tables:
            raise _Unsure  # through an array of tables, or into a value: left to tomllib
        table = inner
    last = keys[-1]
    new: dict = {}
    tables.add(id(new))
    if m.group(1) == "[":
        if last in table:
            raise _Unsure  # defined twice, or after its own sub-tables: left to tomllib
        table[last] = new
    else:
        found = table.get(last)
        if found is None:
            found = table[last] = []
            arrays.add(id(found))
        elif not isinstance(found, list) or id(found) not in arrays:
            raise _Unsure
        found.append(new)
    return new
