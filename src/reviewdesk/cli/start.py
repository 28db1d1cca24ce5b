"""Starting the app: the only place the command line imports it."""

from __future__ import annotations

import os
import sys

from reviewdesk.cli.output import CommandError
from reviewdesk.config.settings import LibraryChoice
from reviewdesk.review.library import Library


def cmd_open(lib: Library, args) -> int:
    lib.load(args.slug)  # refuse unknown or broken drafts before starting the app
    return run_app(lib, args.slug, getattr(args, "library_choice", None))


def run_app(lib: Library, slug: str | None = None, choice: LibraryChoice | None = None) -> int:
    """Start the app on ``lib``; ``choice`` says where its folder came from."""
    if not sys.stdout.isatty() and not os.environ.get("REVIEWDESK_FORCE_APP"):
        raise CommandError("the app needs a terminal; use a command (reviewdesk --help) in scripts")
    # Textual is loaded here and only here; the library screen reads the list
    # of drafts as it is made, in this thread.
    from reviewdesk.tui.app import ReviewDeskApp

    app = ReviewDeskApp(library=lib, open_slug=slug, library_choice=choice)
    app.run()
    return app.return_code or 0
