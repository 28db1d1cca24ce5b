"""Starting the app: the only place the command line imports it."""

from __future__ import annotations

import os
import sys

from reviewdesk.cli.output import CommandError
from reviewdesk.review.library import Library


def cmd_open(lib: Library, args) -> int:
    lib.load(args.slug)  # refuse unknown or broken drafts before starting the app
    return run_app(lib, args.slug)


def run_app(lib: Library, slug: str | None = None) -> int:
    if not sys.stdout.isatty() and not os.environ.get("REVIEWDESK_FORCE_APP"):
        raise CommandError("the app needs a terminal; use a command (reviewdesk --help) in scripts")
    # The library screen reads the list as it is made. Reading it in a thread
    # while Textual loaded made the start slower: the thread holds the
    # interpreter while the import waits for each of its files (a start with
    # 2,000 drafts: 1.62x the minimal app's, against 1.43x read in turn).
    from reviewdesk.tui.app import ReviewDeskApp

    app = ReviewDeskApp(library=lib, open_slug=slug)
    app.run()
    return app.return_code or 0
