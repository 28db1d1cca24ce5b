"""TOML parsing for drafts: what ``tomllib`` gives, in about half the time.

``tomllib`` reads a basic string one character at a time in Python, and a
draft is mostly prose in multi-line basic strings (``text = `` and three
double quotes): parsing those is three quarters of reading a library. A
literal string (three single quotes) is found with ``str.find`` instead. So
before ``tomllib`` sees a draft, each such ``key =`` line's string is
rewritten as the literal string of the same value, its escapes decoded here
with TOML's rules.

Only what is certain is rewritten. Anything unusual (three single quotes
anywhere, three double quotes that do not open a ``key =`` line's string, an
escape other than the common ones, a control character, a value a literal
string cannot hold) and the document goes to ``tomllib`` untouched; an
error in the rewritten text is raised by ``tomllib`` from the original, so
every message, line and column is ``tomllib``'s own. Tests compare the two
on generated drafts and on hostile text.

Before all that, :mod:`reviewdesk.review.tomlcanon` tries the document as exactly
the TOML our writer produces, several times faster again; it gives up (and
this module takes over) at the first line it does not recognise.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from reviewdesk.review import tomlcanon
from reviewdesk.review.tomlcanon import _Unsure, _unescape  # one reading of escapes for both readers

__all__ = ["loads"]

# key = \"\"\"   (a bare or dotted key, at the start of its line)
_OPENER_LINE = re.compile(r"[ \t]*[A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*[ \t]*=[ \t]*\Z")
# A multi-line basic string's body: up to the first \"\"\" that is not escaped.
_BODY = re.compile(r'(?:[^"\\]+|\\.|"(?!""))*', re.DOTALL)
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
# What a multi-line string may not hold: control characters but tab and newline.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _literal_source(src: str) -> str | None:
    """``src`` with each ``key = \"\"\"...\"\"\"`` as a literal string; None if unsure."""
    if "'''" in src:
        return None
    out: list[str] = []
    pos = 0
    while True:
        i = src.find('"""', pos)
        if i < 0:
            out.append(src[pos:])
            return "".join(out)
        line_start = src.rfind("\n", 0, i) + 1
        if line_start < pos or not _OPENER_LINE.match(src, line_start, i):
            return None
        start = i + 3
        if src.startswith("\n", start):  # TOML drops a newline right after the quotes
            start += 1
        end = _BODY.match(src, start).end()
        if not src.startswith('"""', end):
            return None
        close = end + 3
        extra = 0  # up to two more quotes belong to the value: x"""" is x"
        while extra < 3 and src.startswith('"', close + extra):
            extra += 1
        if extra > 2:
            return None
        body = src[start:end]
        if _ILLEGAL.search(body):
            return None
        if "\\" in body:
            try:
                body = _ESCAPE.sub(_unescape, body)
            except _Unsure:
                return None
            if _ILLEGAL.search(body) or "\r" in body:
                return None
        body += '"' * extra
        if "'''" in body:
            return None
        # The newline after ''' is dropped by TOML, so a value starting with
        # a newline keeps it.
        out += (src[pos:i], "'''\n", body, "'''")
        pos = close + extra


def loads(text: str) -> dict[str, Any]:
    """What ``tomllib.loads(text)`` returns, or raises."""
    exact = tomlcanon.parse(text)  # our writer's own TOML, read line by line
    if exact is not None:
        return exact
    lf = text.replace("\r\n", "\n")  # as tomllib itself does first
    # A CR left after that (from CR CR LF) must reach tomllib as it is: the
    # rewritten text would go through tomllib's replace a second time, and
    # "\r\r\n" would become a valid "\n".
    fast = None if "\r" in lf else _literal_source(lf)
    if fast is not None:
        try:
            return tomllib.loads(fast)
        except (tomllib.TOMLDecodeError, RecursionError, ValueError):
            pass  # raised again below, from the original text
    return tomllib.loads(text)
