"""The recover command: unsaved text a crash left, listed, brought back or set aside."""

from __future__ import annotations

import sys

from reviewdesk.cli.output import CommandError, one_line, terminal_safe
from reviewdesk.review.library import Library
from reviewdesk.review.merge import describe
from reviewdesk.review.model import word_count


def cmd_recover(lib: Library, args) -> int:
    from reviewdesk.review.session import EditingSession

    session = EditingSession.open(lib, args.slug)
    slug = terminal_safe(args.slug)
    try:
        found = session.crash
        if not found:
            raise CommandError(f"nothing to recover for {slug}: no unsaved text was left by a crash "
                               "(the draft holds everything that was typed)")
        for qid, text in found.items():
            heading = one_line(describe(("answer", qid, "text"), session.template))
            print(f"{qid}\t{heading}\t{word_count(text)} words\t{one_line(text, 60)}")
        if args.list:
            print(f"bring them back with: reviewdesk recover {slug} (or set them aside with --discard)",
                  file=sys.stderr)
            return 0
        if session.lock is not None and session.lock.other is not None:
            print(f"reviewdesk: note: {session.lock.other.describe()}: it shows the recovered text, or asks "
                  "if it changed the same answer", file=sys.stderr)
        if args.discard:
            print(terminal_safe(session.discard_recovered().message), file=sys.stderr)
            return 0
        recovered = session.recover()
        if recovered.outcome is None or not recovered.outcome.saved:
            raise CommandError(recovered.message)
        print(f"{terminal_safe(recovered.message)} The text they replaced is history version 1 "
              f"(undo with: reviewdesk restore {slug} 1).", file=sys.stderr)
        return 0
    finally:
        session.close()
