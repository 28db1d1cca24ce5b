"""Commands that change one draft: new, set, answer, done, info, image, skip, spoiler, target, delete."""

from __future__ import annotations

import sys
from pathlib import Path

from reviewdesk.cli.output import CommandError
from reviewdesk.review.library import Library
from reviewdesk.review.model import normalize_text
from reviewdesk.review.text import visible
from reviewdesk.review.template import load_template


EDIT_FIELDS = ("title", "tagline", "season", "status", "url", "score", "verdict")


def cmd_new(lib: Library, args) -> int:
    review = lib.create(args.title, season=args.season or "", template=args.template,
                        tagline=args.tagline or "")
    print(review.slug)
    return 0


def _read_text(args) -> str:
    if args.file:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    else:
        if sys.stdin is None or (sys.stdin.isatty() if hasattr(sys.stdin, "isatty") else False):
            raise CommandError("give the answer on standard input or with --file FILE")
        data = sys.stdin.buffer.read()
    try:
        return normalize_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise CommandError("the answer is not UTF-8 text") from None


def cmd_answer(lib: Library, args) -> int:
    review = lib.load(args.slug)
    template = load_template(review.template)
    question = template.question(args.question)
    if args.clear:
        text = ""
    else:
        text = _read_text(args)
        if not text.strip():
            raise CommandError("the answer is empty; use --clear to empty an answer on purpose")
    review.set_answer(question.id, text)
    lib.save(review)
    print(f"{question.heading} {review.peek(question.id).words} words", file=sys.stderr)
    return 0


def cmd_done(lib: Library, args) -> int:
    review = lib.load(args.slug)
    question = load_template(review.template).question(args.question)
    review.set_done(question.id, not args.undo)
    lib.save(review)
    return 0


def cmd_info(lib: Library, args) -> int:
    review = lib.load(args.slug)
    field = load_template(review.template).info_field(args.field)
    review.set_info(field, args.value)
    lib.save(review)
    return 0


def cmd_image(lib: Library, args) -> int:
    review = lib.load(args.slug)
    question = load_template(review.template).question(args.question)
    review.add_image(question.id, args.src, args.caption or "")
    lib.save(review)
    return 0


def cmd_set(lib: Library, args) -> int:
    review = lib.load(args.slug)
    if args.field == "score":
        verdict = load_template(review.template).verdict
        review.set_score(args.value, verdict.scale if verdict else None)
    elif args.field == "verdict":
        review.set_verdict(args.value)
    else:
        review.set_field(args.field, args.value)
    lib.save(review)
    return 0


def _question_flag(lib: Library, args, flag: str):
    """Set or clear (--undo) an answer's flag; returns the question."""
    review = lib.load(args.slug)
    question = load_template(review.template).question(args.question)
    getattr(review, f"set_{flag}")(question.id, not args.undo)
    lib.save(review)
    return question


def cmd_skip(lib: Library, args) -> int:
    q = _question_flag(lib, args, "skipped")
    said = "back in the review" if args.undo else "skipped: left out of the export and the checks"
    print(f"{q.heading} {said}", file=sys.stderr)
    return 0


def cmd_spoiler(lib: Library, args) -> int:
    q = _question_flag(lib, args, "spoiler")
    said = "is no longer a spoiler" if args.undo else "is a spoiler: exported folded under “Spoilers”"
    print(f"{q.heading} {said}", file=sys.stderr)
    return 0


def cmd_target(lib: Library, args) -> int:
    review = lib.load(args.slug)
    question = load_template(review.template).question(args.question)
    value = args.words.strip().lower()
    if value in ("default", "template", "0", "none"):
        review.set_target(question.id, None)
    elif value.isdecimal() and len(value) < 7:
        review.set_target(question.id, int(value))
    else:
        raise CommandError(f"a word target is a whole number (or 'default'), not {args.words!r}")
    lib.save(review)
    target = review.peek(question.id).target or question.target
    print(f"{question.heading} target: {target or 'none'} words", file=sys.stderr)
    return 0


def cmd_delete(lib: Library, args) -> int:
    target = lib.delete(args.slug)
    print(f"moved {visible(args.slug)} to the trash: {visible(str(target))}", file=sys.stderr)
    return 0
