"""History commands: a draft's earlier versions, and bringing one back."""

from __future__ import annotations

import sys

from reviewdesk.cli.output import CommandError, terminal_safe
from reviewdesk.review.library import Library


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB"):
        if n < 1000 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


def cmd_history(lib: Library, args) -> int:
    from reviewdesk.review import history

    found = history.versions(lib.root, args.slug)
    if not found:
        if not lib.path_for(args.slug).is_file():
            raise CommandError(f"no draft {args.slug!r} and no earlier versions of it in {lib.root}")
        print(f"{terminal_safe(args.slug)} has no earlier versions yet: each save keeps the one it replaces.",
              file=sys.stderr)
        return 0
    from reviewdesk.review.changes import version_changes

    rows = [("VERSION", "SAVED", "WORDS", "SIZE", "CHANGED")]
    for v, review, change in version_changes(lib.root, args.slug, found):
        if change is None:
            changed = "cannot be compared (a file does not parse)"
        else:
            changed = change.summary() + (f": {change.line()}" if change.line() else "")
        rows.append((str(v.number), v.saved.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                     "broken" if review is None else str(review.words()), _size(v.size),
                     terminal_safe(changed)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print(f"{r[0]:>{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]:>{widths[3]}}  {r[4]}")
    print(f"1 is the newest. Bring one back with: reviewdesk restore {terminal_safe(args.slug)} VERSION",
          file=sys.stderr)
    return 0


def cmd_restore(lib: Library, args) -> int:
    version = lib.restore_version(args.slug, args.version)
    saved = version.saved.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    print(f"restored {terminal_safe(args.slug)} to the version saved {saved}; the text it replaced is now "
          f"version 1 (undo with: reviewdesk restore {terminal_safe(args.slug)} 1)", file=sys.stderr)
    return 0
