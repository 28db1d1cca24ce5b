"""One draft <-> one TOML document.

The file is meant to be read, diffed and edited by hand: the format version
first, then the review's fields, Series Information, then one table per
answer with its prose as a multi-line string. Fields this version does not
know are kept and written back untouched; a newer format is refused.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import tomli
import tomli_w

from reviewdesk.errors import DraftError
from reviewdesk.review.model import STATUSES, Answer, Image, PublishRecord, Review, aware_datetime

FORMAT_VERSION = 1
_KNOWN = {"format", "template", "title", "tagline", "season", "status", "url",
          "created", "updated", "info", "answers", "score", "verdict", "cover", "lookup", "published"}
_ANSWER_KNOWN = {"text", "done", "images", "skipped", "spoiler", "target"}
# Larger files are refused unread: this bounds the time and memory a read
# takes to a few seconds (and a link to a disk image or /dev/zero is never
# read at all).
MAX_BYTES = 32 * 1024 * 1024


def dumps(review: Review) -> str:
    """The draft as TOML text."""
    doc: dict = {
        "format": FORMAT_VERSION,
        "template": review.template,
        "title": review.title,
        "tagline": review.tagline,
        "season": review.season,
        "status": review.status,
        "url": review.url,
        "created": review.created,
        "updated": review.updated,
    }
    # Written only when set, so drafts without them read as they always did.
    if review.score is not None:
        doc["score"] = review.score
    if review.verdict:
        doc["verdict"] = review.verdict
    if review.cover:
        doc["cover"] = review.cover
    for key, value in review.extra.items():
        if key not in doc and key not in ("info", "answers", "published"):
            doc[key] = value
    if review.lookup:
        doc["lookup"] = dict(review.lookup)
    if review.published:
        doc["published"] = {name: _record_table(record) for name, record in review.published.items()}
    doc["info"] = dict(review.info)
    answers: dict = {}
    for qid, answer in review.answers.items():
        table: dict = {"done": answer.done}
        if answer.target is not None:
            table["target"] = answer.target
        if answer.skipped:
            table["skipped"] = True
        if answer.spoiler:
            table["spoiler"] = True
        table.update({k: v for k, v in answer.extra.items() if k not in _ANSWER_KNOWN})
        table["text"] = answer.text  # a multi-line string: the prose starts on its own line
        if answer.images:
            table["images"] = [{"src": im.src, "caption": im.caption,
                                **{k: v for k, v in im.extra.items() if k not in ("src", "caption")}}
                               for im in answer.images]
        answers[qid] = table
    doc["answers"] = answers
    return tomli_w.dumps(doc, multiline_strings=True)


def loads(text: str, path: Path | str = "<draft>") -> Review:
    """Parse a draft, raising :class:`DraftError` with line and column.

    tomli (compiled) reads TOML as the standard library's tomllib does, with
    the same rules and messages, in about a quarter of the time."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        message = exc.msg
        if exc.pos >= len(exc.doc):  # a file cut short: say so where it ends
            message += " (the file ends here: was it cut short?)"
        raise DraftError(path, f"not valid TOML: {message}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise DraftError(path, "not a Review Desk draft: arrays or tables nested too deep to read") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise DraftError(path, f"not valid TOML: {exc}") from None
    return from_dict(data, path)


def read(path: Path) -> Review:
    """Read and parse one draft file."""
    try:
        # Non-blocking: a named pipe called x.toml must not hang the library.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise DraftError(path, "not a regular file (a folder, a device or a pipe); it was not read")
            if st.st_size > MAX_BYTES:
                raise DraftError(path, f"too large for a draft ({st.st_size / 1024 / 1024:.0f} MB; Review "
                                       f"Desk reads up to {MAX_BYTES // 1024 // 1024} MB); the file is left "
                                       "as it is")
            chunks, got = [], 0
            while got <= MAX_BYTES:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
            raw = b"".join(chunks)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise DraftError(path, "the file does not exist") from None
    except OSError as exc:
        raise DraftError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:  # it grew while being read, or is not a plain file
        raise DraftError(path, f"too large for a draft (over {MAX_BYTES // 1024 // 1024} MB); "
                               "the file is left as it is")
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark, from some Windows editors
        raw = raw[3:]
    if not raw.strip():
        raise DraftError(path, "the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DraftError(path, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", line, column) from None
    review = loads(text, path)
    review.path = path
    return review


def _str(data: dict, key: str, path, default: str | None = "") -> str:
    value = data.get(key, default)
    if value is None:
        raise DraftError(path, f"the field {key!r} is missing")
    if not isinstance(value, str):
        raise DraftError(path, f"the field {key!r} must be text, not {type(value).__name__}")
    return value


def _time(data: dict, key: str, path) -> datetime:
    value = data.get(key)
    if value is None:
        return datetime.now(timezone.utc).replace(microsecond=0)
    when = aware_datetime(value)
    if when is None:
        raise DraftError(path, f"the field {key!r} must be a date and time")
    return when


def from_dict(data: dict, path: Path | str = "<draft>") -> Review:
    version = data.get("format")
    if version is None:
        raise DraftError(path, "not a Review Desk draft: the 'format' field is missing")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftError(path, f"the 'format' field must be a whole number, not {version!r}")
    if version > FORMAT_VERSION:
        raise DraftError(
            path,
            f"written by a newer Review Desk (format {version}); this version reads "
            f"format {FORMAT_VERSION}. Upgrade reviewdesk to open it; the file is left as it is",
        )
    status = _str(data, "status", path, "draft")
    if status not in STATUSES:
        raise DraftError(path, f"the field 'status' must be one of {', '.join(STATUSES)}, not {status!r}")
    title = _str(data, "title", path, None)
    info_raw = data.get("info", {})
    if not isinstance(info_raw, dict):
        raise DraftError(path, "[info] must be a table")
    info: dict = {}
    for key, value in info_raw.items():
        if isinstance(value, bool) or not isinstance(value, (str, int, list)):
            raise DraftError(path, f"info.{key} must be text, a number or a list")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise DraftError(path, f"info.{key} must be a list of text")
        info[key] = value
    answers_raw = data.get("answers", {})
    if not isinstance(answers_raw, dict):
        raise DraftError(path, "[answers] must be a table")
    answers: dict[str, Answer] = {}
    for qid, table in answers_raw.items():
        if isinstance(table, str):  # a hand-written shortcut: answers.id = "text"
            answers[qid] = Answer(text=table)
            continue
        if not isinstance(table, dict):
            raise DraftError(path, f"answers.{qid} must be a table")
        text = _str(table, "text", path, "") if "text" in table else ""
        done = table.get("done", False)
        if not isinstance(done, bool):
            raise DraftError(path, f"answers.{qid}.done must be true or false")
        flags = {}
        for flag in ("skipped", "spoiler"):
            flags[flag] = table.get(flag, False)
            if not isinstance(flags[flag], bool):
                raise DraftError(path, f"answers.{qid}.{flag} must be true or false")
        target = table.get("target")
        if target is not None and (isinstance(target, bool) or not isinstance(target, int) or target <= 0):
            raise DraftError(path, f"answers.{qid}.target must be a positive whole number of words")
        images_raw = table.get("images", [])
        if not isinstance(images_raw, list):
            raise DraftError(path, f"answers.{qid}.images must be a list of tables")
        images = []
        for n, im in enumerate(images_raw, 1):
            if not isinstance(im, dict) or not isinstance(im.get("src"), str):
                raise DraftError(path, f"answers.{qid}.images[{n}] needs a 'src' text")
            caption = im.get("caption", "")
            if not isinstance(caption, str):
                raise DraftError(path, f"answers.{qid}.images[{n}].caption must be text")
            images.append(Image(im["src"], caption, {k: v for k, v in im.items() if k not in ("src", "caption")}))
        extra = {k: v for k, v in table.items() if k not in _ANSWER_KNOWN}
        answers[qid] = Answer(text=text, images=images, done=done, extra=extra, target=target, **flags)
    lookup = data.get("lookup", {})
    if not isinstance(lookup, dict):
        raise DraftError(path, "[lookup] must be a table (source = \"jikan\", id = 457)")
    if lookup and (not isinstance(lookup.get("source"), str)
                   or isinstance(lookup.get("id"), bool) or not isinstance(lookup.get("id"), (str, int))):
        raise DraftError(path, "[lookup] needs a source (text) and an id (text or a whole number)")
    score = data.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float)) or score < 0):
        raise DraftError(path, f"the field 'score' must be a number, not {score!r}")
    return Review(
        template=_str(data, "template", path, None),
        title=title,
        tagline=_str(data, "tagline", path),
        season=_str(data, "season", path),
        status=status,
        url=_str(data, "url", path),
        created=_time(data, "created", path),
        updated=_time(data, "updated", path),
        info=info,
        answers=answers,
        score=score,
        verdict=_str(data, "verdict", path),
        cover=_str(data, "cover", path),
        published=_published(data.get("published", {}), path),
        lookup=dict(lookup),
        extra={k: v for k, v in data.items() if k not in _KNOWN},
    )


def _record_table(record: PublishRecord) -> dict:
    table: dict = {"service": record.service, "id": record.id, "url": record.url,
                   "status": record.status, "site": record.site}
    if record.time is not None:
        table["time"] = record.time
    table.update({k: v for k, v in record.extra.items() if k not in table})
    return table


_RECORD_KNOWN = {"service", "id", "url", "status", "site", "time"}


def _published(raw, path) -> dict[str, PublishRecord]:
    """``[published.<account>]``: where the review went on each account's blog."""
    if not isinstance(raw, dict):
        raise DraftError(path, "[published] must be a table of accounts")
    records: dict[str, PublishRecord] = {}
    for name, table in raw.items():
        where = f"published.{name}"
        if not isinstance(table, dict):
            raise DraftError(path, f"[{where}] must be a table")
        remote_id = table.get("id")
        if isinstance(remote_id, int) and not isinstance(remote_id, bool):
            remote_id = str(remote_id)
        if not isinstance(remote_id, str) or not remote_id:
            raise DraftError(path, f"{where}.id must be the post's id on the blog")
        for key in ("service", "url", "status", "site"):
            if not isinstance(table.get(key, ""), str):
                raise DraftError(path, f"{where}.{key} must be text")
        time = _time(table, "time", path) if "time" in table else None
        records[name] = PublishRecord(
            service=table.get("service", ""), id=remote_id, url=table.get("url", ""),
            status=table.get("status", "draft"), site=table.get("site", ""), time=time,
            extra={k: v for k, v in table.items() if k not in _RECORD_KNOWN})
    return records
