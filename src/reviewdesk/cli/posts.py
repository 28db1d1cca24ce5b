"""Commands that make the post: export (one review or the whole library), copy, check."""

from __future__ import annotations

import sys
from pathlib import Path

from reviewdesk.cli.output import EXIT_CLIPBOARD, EXIT_ERROR, CommandError, terminal_safe
from reviewdesk.errors import ClipboardError
from reviewdesk.review.library import Library
from reviewdesk.review.template import load_template


def _options(args):
    from reviewdesk.publish.export import ExportOptions

    return ExportOptions(heading_level=args.heading_level, include_title=not args.no_title,
                         spoiler_warning=getattr(args, "spoiler_warning", False))


def _render(lib: Library, args):
    """The post for ``args.target`` and its draft."""
    from reviewdesk.publish.targets import render

    review = lib.load(args.slug)
    template = load_template(review.template)
    return render(review, template, lib.season_mates(review), args.target, _options(args)), review


FORCE_HINT = ("; or add --force to write there anyway (a draft it replaces is kept in its history, "
              "any other file in the library's trash)")


def _write(lib: Library, out: Path, text: str, force: bool) -> None:
    from reviewdesk.publish.output_guard import ExportRefused, write

    try:
        write(lib.root, out, text, force)
    except ExportRefused as exc:
        raise CommandError(f"{exc}{FORCE_HINT}") from None
    except OSError as exc:
        raise CommandError(f"cannot write {out}: {exc.strerror or exc}") from None


def cmd_export(lib: Library, args) -> int:
    if args.all:
        if args.slug:
            raise CommandError("give a slug or --all, not both")
        return _export_all(lib, args)
    if not args.slug:
        raise CommandError("give the slug of the review to export, or --all for the whole library")
    if args.season is not None:
        raise CommandError("--season goes with --all")
    rendered, _ = _render(lib, args)
    if args.output and args.output != "-":
        out = Path(args.output)
        if out.is_dir():
            out = out / rendered.filename
        _write(lib, out, rendered.text, args.force)
        print(f"wrote {terminal_safe(str(out))}", file=sys.stderr)
    else:
        sys.stdout.write(rendered.text)
    for note in rendered.notes:
        print(f"note: {terminal_safe(note)}", file=sys.stderr)
    return 0


def _export_all(lib: Library, args) -> int:
    from reviewdesk.publish.batch import chosen, export_all
    from reviewdesk.cli.progressbar import ProgressBar

    if args.output == "-":
        raise CommandError("--all writes one file per review: give a folder with -o DIR")
    folder = Path(args.output or ".")
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder} is a file; --all needs a folder")
    from reviewdesk.publish.output_guard import ExportRefused, Guard

    guard = Guard(lib.root, args.force)
    try:
        guard.check_folder(folder)
    except ExportRefused as exc:
        raise CommandError(f"{exc}{FORCE_HINT}") from None
    listed = lib.summaries()  # once, for the check here and the export
    if not chosen(lib, args.season, listed):
        which = f"of the season {args.season!r} " if args.season is not None else ""
        raise CommandError(f"no reviews {which}in {lib.root}")
    bar = ProgressBar(sys.stderr)
    try:
        result = export_all(lib, folder, args.target, args.season, _options(args), progress=bar,
                            summaries=listed, guard=guard)
    finally:
        bar.close()
    print(f"exported {len(result.written)} of {result.total} reviews ({result.target}) to {terminal_safe(str(folder))}",
          file=sys.stderr)
    for slug, note in result.notes:
        print(f"note: {terminal_safe(slug)}: {terminal_safe(note)}", file=sys.stderr)
    if result.failed:
        print(f"{len(result.failed)} failed:", file=sys.stderr)
        for slug, reason in result.failed:
            print(f"  {terminal_safe(slug)}: {terminal_safe(reason)}", file=sys.stderr)
        return EXIT_ERROR
    return 0


def _keep(lib: Library, text: str, filename: str) -> str:
    """Save a post that could not be copied; says where (or prints it)."""
    import tempfile

    from reviewdesk.config import settings
    from reviewdesk.publish.clipboard import save_fallback
    from reviewdesk.publish.output_guard import Guard

    chosen = settings.export_folder(settings.load()[0], lib.root)  # the app's export folder too
    for folder in (chosen, Path(tempfile.gettempdir()) / "reviewdesk-exports"):
        if Guard(lib.root).problem(Path(folder) / Path(filename).name):
            continue  # a hand-edited setting inside the library: never over a draft
        try:
            return f"The post is saved in {save_fallback(text, folder, filename)}"
        except OSError:
            continue
    sys.stdout.write(text)
    return "The post could not be saved to disk either, so it was written to standard output"


def cmd_copy(lib: Library, args) -> int:
    from reviewdesk.publish.clipboard import copy, osc52_sequence

    rendered, review = _render(lib, args)
    text = rendered.text
    if args.osc52:
        try:
            sequence = osc52_sequence(text)
        except ClipboardError as exc:
            kept = _keep(lib, text, rendered.filename)
            print(f"reviewdesk: {terminal_safe(str(exc))}. {terminal_safe(kept)}.", file=sys.stderr)
            return EXIT_CLIPBOARD
        sys.stdout.write(sequence)
        sys.stdout.flush()
        print(f"sent {terminal_safe(review.slug)} ({rendered.target}) to the terminal clipboard (OSC 52); "
              "it works where the terminal allows clipboard access", file=sys.stderr)
        return 0
    try:
        result = copy(text)
    except ClipboardError as exc:
        slug = terminal_safe(review.slug)
        print(f"reviewdesk: {terminal_safe(str(exc))}. {terminal_safe(_keep(lib, text, rendered.filename))}. "
              f"Use `reviewdesk copy {slug} --osc52` in a terminal that supports it, or "
              f"`reviewdesk export {slug} -o FILE`.", file=sys.stderr)
        return EXIT_CLIPBOARD
    print(f"{terminal_safe(review.slug)} ({rendered.target}): {result.message}", file=sys.stderr)
    for note in rendered.notes:
        print(f"note: {terminal_safe(note)}", file=sys.stderr)
    return 0


def cmd_check(lib: Library, args) -> int:
    from reviewdesk.aids.checks import CheckOptions, check

    review = lib.load(args.slug)
    options = CheckOptions(paragraph_words=args.paragraph_words, spelling=not args.no_spelling)
    findings = check(review, load_template(review.template), options)
    for f in findings:
        # "question 3, line 2: repeated word “the the”" when it has a line
        said = f"{f.where}: {f.text}" if f.line is not None else f.message
        print(f"{terminal_safe(review.slug)}: {terminal_safe(said)}")
    if not findings:
        print(f"{terminal_safe(review.slug)}: ready to publish", file=sys.stderr)
    return 1 if findings else 0
