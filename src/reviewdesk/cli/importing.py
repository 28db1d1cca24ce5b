"""The import command: a review written in Markdown becomes a draft."""

from __future__ import annotations

import sys
from pathlib import Path

from reviewdesk.cli.output import CommandError, one_line, terminal_safe
from reviewdesk.review.library import Library


def cmd_import(lib: Library, args) -> int:
    from reviewdesk.importer.markdown import import_file

    if args.file == "-":
        from reviewdesk.review.input_limit import read_stream

        data = read_stream(sys.stdin.buffer, "the Markdown on standard input") if sys.stdin is not None else b""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise CommandError("standard input is not UTF-8 text") from None
        result = import_file(lib, Path("stdin.md"), args.template, text=text)
    else:
        result = import_file(lib, Path(args.file), args.template)
    review, template = result.review, result.template
    print(review.slug)
    print(f"imported {one_line(review.title)!r} as {review.slug} ({template.id}): "
          f"{len(result.matched)} of {len(template.questions)} questions, "
          f"{len(result.extras)} extra section{'s' * (len(result.extras) != 1)}", file=sys.stderr)
    for qid in result.extras:
        heading = review.answers[qid].extra.get("heading", qid)
        print(f"  extra: {qid} (from {one_line(heading)!r})", file=sys.stderr)
    for note in result.notes:
        print(f"note: {terminal_safe(note)}", file=sys.stderr)
    return 0
