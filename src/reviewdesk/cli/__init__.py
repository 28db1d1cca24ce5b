"""The command line: every step of a review, for writers and for scripts.

The commands and flags here are a contract other tools rely on. Each error
is one line on standard error and a non-zero exit, never a traceback. Only
``reviewdesk`` without a command and ``open`` import the app (and Textual):
see ``start``. The parser is in ``parser``; each group of commands has its
own module (``drafts``, ``listing``, ``posts``, ``importing``, ``versions``,
``catalogue``).
"""

from __future__ import annotations

import argparse
import os
import sys

from reviewdesk.cli.output import EXIT_ERROR, terminal_safe
from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.library import Library

__all__ = ["build_parser", "main", "run_app", "terminal_safe"]


def build_parser() -> argparse.ArgumentParser:
    """The parser, imported with the command modules only when a command is given."""
    from reviewdesk.cli.parser import build_parser as build

    return build()


def run_app(lib: Library, slug: str | None = None, choice=None) -> int:
    from reviewdesk.cli.start import run_app as run

    return run(lib, slug, choice)


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if not argv:  # the app: what the parser would say, without building it
        args = argparse.Namespace(command=None)
    else:
        args = build_parser().parse_args(argv)
    try:
        from reviewdesk.config.settings import choose_library  # flag, env, settings file, default

        choice = choose_library(getattr(args, "library", None))
        lib = Library(choice.path)
        args.library_choice = choice  # the app shows where the folder came from (Settings)
        if args.command is None:
            return run_app(lib, choice=choice)
        code = args.func(lib, args)
        if lib.history_problem:  # the save went through; its history did not
            print(f"reviewdesk: note: {terminal_safe(lib.history_problem)}", file=sys.stderr)
        return code
    except ReviewDeskError as exc:
        print(f"reviewdesk: {terminal_safe(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
