"""The writer's own word list: names and words the spelling check must accept.

One word per line in the config folder's ``words.txt``; blank lines and
lines starting with ``#`` are ignored, and words match in any case. The file
is meant to be edited by hand too: :func:`add_word` appends a line and
leaves the rest of the file (comments, order) as it was.
"""

from __future__ import annotations

import re

from reviewdesk.config import locations
from reviewdesk.errors import ReviewDeskError

_cache: dict[str, tuple[tuple[int, int], list[str]]] = {}


def words_file():
    return locations.config_dir() / "words.txt"


def personal_words() -> list[str]:
    """The words in the file, in its order (empty when there is no file)."""
    path = words_file()
    try:
        st = path.stat()
    except OSError:
        return []
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _cache.get(str(path))
    if cached and cached[0] == stamp:
        return list(cached[1])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    found = [line.strip() for line in text.splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    _cache[str(path)] = (stamp, found)
    return list(found)


def word_set() -> set[str]:
    """The personal words, case-folded, for lookups."""
    return {w.casefold() for w in personal_words()}


def _clean(word: str) -> str:
    word = word.strip().strip("“”\"'‘’.,;:!?()[]")
    if not word or re.search(r"\s", word):
        raise ReviewDeskError(f"give one word (no spaces), not {word!r}")
    if len(word) > 64:
        raise ReviewDeskError("a word of more than 64 characters is not a word")
    return word


def add_word(word: str) -> bool:
    """Add a word; False when it is already there (in any case)."""
    from reviewdesk.review.atomic import atomic_write

    word = _clean(word)
    path = words_file()
    if word.casefold() in word_set():
        return False
    try:
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewDeskError(f"cannot read {path}: {exc}") from None
    if existing and not existing.endswith("\n"):
        existing += "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, (existing + word + "\n").encode("utf-8"))
    except OSError as exc:
        raise ReviewDeskError(f"cannot write {path}: {exc.strerror or exc}") from None
    return True


def remove_word(word: str) -> bool:
    """Remove a word (any case); False when it was not there."""
    from reviewdesk.review.atomic import atomic_write

    folded = _clean(word).casefold()
    path = words_file()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewDeskError(f"cannot read {path}: {exc}") from None
    kept = [line for line in lines if line.strip().casefold() != folded or line.lstrip().startswith("#")]
    if len(kept) == len(lines):
        return False
    try:
        atomic_write(path, ("\n".join(kept) + "\n" if kept else "").encode("utf-8"))
    except OSError as exc:
        raise ReviewDeskError(f"cannot write {path}: {exc.strerror or exc}") from None
    return True
