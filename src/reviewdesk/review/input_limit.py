"""Text from outside (a file, a pipe), read no further than a draft can hold.

A draft over :data:`reviewdesk.review.draftfile.MAX_BYTES` cannot be read
again, so no text larger than that can go into one: an answer given with
``--file``, on standard input, or a Markdown file to import. Reading stops
one byte past the limit, so ``--file /dev/zero`` or an endless pipe costs
at most that much memory and ends with a message, not the whole machine's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.draftfile import MAX_BYTES

CHUNK = 1 << 20


class TooLarge(ReviewDeskError):
    """Text from outside larger than a draft can hold; nothing was changed."""


def _too_large(what: str, limit: int) -> TooLarge:
    return TooLarge(f"{what} is over {limit // 1024 // 1024} MB, more than a draft can hold; nothing was "
                    "changed. Give a shorter text (split a long one between answers)")


def read_stream(stream: BinaryIO, what: str, limit: int = MAX_BYTES) -> bytes:
    """All of ``stream``, or :class:`TooLarge` once it passes ``limit`` bytes."""
    chunks, got = [], 0
    while got <= limit:
        chunk = stream.read(min(CHUNK, limit + 1 - got))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        got += len(chunk)
    raise _too_large(what, limit)


def read_file(path: Path, what: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of ``path`` (a file, a pipe, a device), or :class:`TooLarge`.

    A regular file's size is looked at before reading; anything else is read
    up to the limit. Errors name the file."""
    label = f"{what} ({path})"
    try:
        with open(path, "rb") as handle:
            try:
                size = os.fstat(handle.fileno()).st_size
            except OSError:
                size = 0
            if size > limit:
                raise _too_large(label, limit)
            return read_stream(handle, label, limit)
    except OSError as exc:
        raise ReviewDeskError(f"cannot read {path}: {exc.strerror or exc}") from None
