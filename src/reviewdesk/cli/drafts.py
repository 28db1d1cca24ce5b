"""Commands that change one draft: new, set, answer, done, info, image, skip, spoiler, target, delete.

Each change is a read-modify-write under the draft's write lock
(``Library.edit``): two commands changing one draft at once both land.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reviewdesk.cli.output import CommandError
from reviewdesk.errors import NotFound
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
    """The answer's text from --file or standard input, at most as much as
    a draft can hold (a larger file, ``/dev/zero`` or an endless pipe stops
    there with a message; nothing is changed)."""
    from reviewdesk.review.input_limit import read_file, read_stream

    if args.file:
        data = read_file(Path(args.file), "the answer")
    else:
        if sys.stdin is None or (sys.stdin.isatty() if hasattr(sys.stdin, "isatty") else False):
            raise CommandError("give the answer on standard input or with --file FILE")
        data = read_stream(sys.stdin.buffer, "the answer on standard input")
    try:
        return normalize_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise CommandError("the answer is not UTF-8 text") from None


def cmd_answer(lib: Library, args) -> int:
    if not lib.path_for(args.slug).is_file():
        raise NotFound(f"no draft {args.slug!r} in {lib.root}")
    if args.clear:
        text = ""
    else:
        # Read before the draft is locked: a slow pipe must not hold up other writers.
        text = _read_text(args)
        if not text.strip():
            raise CommandError("the answer is empty; use --clear to empty an answer on purpose")
    with lib.edit(args.slug) as review:
        question = load_template(review.template).question(args.question)
        review.set_answer(question.id, text)
    print(f"{question.heading} {review.peek(question.id).words} words", file=sys.stderr)
    return 0


def cmd_done(lib: Library, args) -> int:
    with lib.edit(args.slug) as review:
        question = load_template(review.template).question(args.question)
        review.set_done(question.id, not args.undo)
    return 0


def cmd_info(lib: Library, args) -> int:
    with lib.edit(args.slug) as review:
        field = load_template(review.template).info_field(args.field)
        review.set_info(field, args.value)
    return 0


def cmd_image(lib: Library, args) -> int:
    with lib.edit(args.slug) as review:
        question = load_template(review.template).question(args.question)
        review.add_image(question.id, args.src, args.caption or "")
    return 0


def cmd_set(lib: Library, args) -> int:
    with lib.edit(args.slug) as review:
        if args.field == "score":
            verdict = load_template(review.template).verdict
            review.set_score(args.value, verdict.scale if verdict else None)
        elif args.field == "verdict":
            review.set_verdict(args.value)
        else:
            review.set_field(args.field, args.value)
    return 0


def _question_flag(lib: Library, args, flag: str):
    """Set or clear (--undo) an answer's flag; returns the question."""
    with lib.edit(args.slug) as review:
        question = load_template(review.template).question(args.question)
        getattr(review, f"set_{flag}")(question.id, not args.undo)
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
    with lib.edit(args.slug) as review:
        question = load_template(review.template).question(args.question)
        value = args.words.strip().lower()
        if value in ("default", "template", "0", "none"):
            review.set_target(question.id, None)
        elif value.isdecimal() and len(value) < 7:
            review.set_target(question.id, int(value))
        else:
            raise CommandError(f"a word target is a whole number (or 'default'), not {args.words!r}")
    target = review.peek(question.id).target or question.target
    print(f"{question.heading} target: {target or 'none'} words", file=sys.stderr)
    return 0


def cmd_delete(lib: Library, args) -> int:
    target = lib.delete(args.slug)
    print(f"moved {visible(args.slug)} to the trash: {visible(str(target))}", file=sys.stderr)
    return 0
