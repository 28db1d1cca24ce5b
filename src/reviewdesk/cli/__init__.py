"""The command line: every step of a review, for writers and for scripts.

The commands and flags here are a contract other tools rely on. Each error
is one line on standard error and a non-zero exit, never a traceback. Only
``reviewdesk`` without a command and ``open`` import the app (and Textual).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from pathlib import Path

from reviewdesk import __version__
from reviewdesk.config import locations
from reviewdesk.errors import ClipboardError, ReviewDeskError
from reviewdesk.review.library import Library
from reviewdesk.review.model import format_info_value, normalize_text
from reviewdesk.review.template import DEFAULT_TEMPLATE, list_templates, load_template

EXIT_ERROR = 1
EXIT_CLIPBOARD = 3
EDIT_FIELDS = ("title", "tagline", "season", "status", "url", "score", "verdict")


class CommandError(ReviewDeskError):
    pass


def terminal_safe(text: str) -> str:
    """Text for a terminal: control characters and escapes shown, not run."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", text)


def json_text(value) -> str:
    """JSON for a terminal or a pipe: UTF-8 kept, but DEL and the C1 controls
    (which ``json`` leaves raw, and some terminals run) written as \\u escapes;
    a JSON reader gets the same strings back."""
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}",
                  json.dumps(value, ensure_ascii=False, indent=2))


def _one_line(text: str, width: int | None = None) -> str:
    line = terminal_safe(" ".join(text.split()))
    if width and len(line) > width:
        line = line[: width - 1] + "…"
    return line


# Commands -----------------------------------------------------------------

def cmd_new(lib: Library, args) -> int:
    review = lib.create(args.title, season=args.season or "", template=args.template,
                        tagline=args.tagline or "")
    print(review.slug)
    return 0


def cmd_list(lib: Library, args) -> int:
    entries = lib.summaries()
    filtered = args.season is not None or args.status is not None
    if filtered:
        from reviewdesk.aids.seasons import filter_items

        entries = filter_items(entries, args.season, args.status)
    if args.json:
        rows = []
        for e in entries:
            row = {"slug": e.slug, "title": e.title, "season": e.season, "status": e.status,
                   "answered": e.answered, "total": e.total, "words": e.words,
                   "updated": e.updated.isoformat(), "broken": e.broken}
            if e.error:
                row.update(error=e.error.reason, line=e.error.line, column=e.error.column)
            rows.append(row)
        print(json_text(rows))
        return 0
    if not entries:
        if filtered:
            print(f"No reviews match in {lib.root}; `reviewdesk season` lists the seasons.", file=sys.stderr)
            return 0
        print(f"No reviews yet in {lib.root}. Start one with: reviewdesk new \"Title\" --season \"Winter 2024\"",
              file=sys.stderr)
        return 0
    header = ("SLUG", "TITLE", "SEASON", "STATUS", "ANSWERED", "WORDS")
    rows = []
    for e in entries:
        if e.broken:
            err = e.error
            where = f"line {err.line}, column {err.column}: " if err.line else ""
            rows.append((terminal_safe(e.slug), f"BROKEN {where}{_one_line(err.reason, 70)}", "", "broken",
                         "-", "-"))
        else:
            rows.append((terminal_safe(e.slug), _one_line(e.title, 40), _one_line(e.season, 16), e.status,
                         f"{e.answered}/{e.total}", str(e.words)))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    return 0


def cmd_show(lib: Library, args) -> int:
    from reviewdesk.review.model import format_score
    from reviewdesk.aids.progress import review_progress

    review = lib.load(args.slug)
    template = load_template(review.template)
    progress = review_progress(review, template)
    print(f"{_one_line(review.title)}  [{review.status}]")
    answered = f"answered: {progress.answered}/{progress.total}"
    if progress.skipped:
        answered += f" ({progress.skipped} skipped)"
    details = [f"slug: {review.slug}", f"template: {template.id}", answered, f"words: {review.words()}"]
    if review.season:
        details.insert(1, f"season: {_one_line(review.season)}")
    print("  ".join(details))
    reading = progress.reading_time
    if progress.target:
        print(f"progress: {progress.toward_target}/{progress.target} words toward the targets "
              f"({progress.percent}%), {reading}")
    else:
        print(f"reading time: {reading}")
    if review.url:
        print(f"url: {_one_line(review.url)}")
    print(f"tagline: {_one_line(review.tagline, 100) if review.tagline.strip() else '(empty)'}")
    if template.verdict is not None or review.score is not None or review.verdict:
        scale = template.verdict.scale if template.verdict else None
        score = format_score(review.score, scale) if review.score is not None else "(no score)"
        print(f"verdict: {score} — {_one_line(review.verdict, 90) if review.verdict else '(no verdict line)'}")
    print()
    for row in progress.questions:
        q, a = row.question, review.peek(row.question.id)
        notes = [f"{len(a.images)} image{'s' * (len(a.images) != 1)}"] if a.images else []
        if row.own_target:
            notes.append("own target")
        if a.spoiler:
            notes.append("spoiler")
        target = f"/{row.target}" if row.target else ""
        extra = "".join(f", {n}" for n in notes)
        print(f"{row.number:>2}. {_one_line(q.heading):<42} {row.state:<8} {a.words:>5}{target} words{extra}")
    for qid in review.extra_answers(template):
        a = review.answers[qid]
        print(f"  + {_one_line(qid):<42} {'extra':<8} {a.words:>5} words (not in the template)")
    print()
    print(_one_line(template.info_heading))
    for f in template.info:
        value = format_info_value(review.info.get(f.id, ""))
        print(f"  {_one_line(f.label) + ':':<20} {_one_line(value) if value else '(empty)'}")
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


def _write(out: Path, text: str) -> None:
    from reviewdesk.review.atomic import atomic_write

    try:
        atomic_write(out, text.encode("utf-8"))
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
        _write(out, rendered.text)
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(rendered.text)
    for note in rendered.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def _export_all(lib: Library, args) -> int:
    from reviewdesk.publish.batch import chosen, export_all
    from reviewdesk.cli.progressbar import ProgressBar

    if args.output == "-":
        raise CommandError("--all writes one file per review: give a folder with -o DIR")
    folder = Path(args.output or ".")
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder} is a file; --all needs a folder")
    listed = lib.summaries()  # once, for the check here and the export
    if not chosen(lib, args.season, listed):
        which = f"of the season {args.season!r} " if args.season is not None else ""
        raise CommandError(f"no reviews {which}in {lib.root}")
    bar = ProgressBar(sys.stderr)
    try:
        result = export_all(lib, folder, args.target, args.season, _options(args), progress=bar,
                            summaries=listed)
    finally:
        bar.close()
    print(f"exported {len(result.written)} of {result.total} reviews ({result.target}) to {folder}",
          file=sys.stderr)
    for slug, note in result.notes:
        print(f"note: {slug}: {note}", file=sys.stderr)
    if result.failed:
        print(f"{len(result.failed)} failed:", file=sys.stderr)
        for slug, reason in result.failed:
            print(f"  {slug}: {terminal_safe(reason)}", file=sys.stderr)
        return EXIT_ERROR
    return 0


def _keep(lib: Library, text: str, filename: str) -> str:
    """Save a post that could not be copied; says where (or prints it)."""
    import tempfile

    from reviewdesk.publish.clipboard import exports_dir, save_fallback

    for folder in (exports_dir(lib.root), Path(tempfile.gettempdir()) / "reviewdesk-exports"):
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
            print(f"reviewdesk: {exc}. {_keep(lib, text, rendered.filename)}.", file=sys.stderr)
            return EXIT_CLIPBOARD
        sys.stdout.write(sequence)
        sys.stdout.flush()
        print(f"sent {review.slug} ({rendered.target}) to the terminal clipboard (OSC 52); "
              "it works where the terminal allows clipboard access", file=sys.stderr)
        return 0
    try:
        result = copy(text)
    except ClipboardError as exc:
        print(f"reviewdesk: {exc}. {_keep(lib, text, rendered.filename)}. Use `reviewdesk copy {review.slug} "
              f"--osc52` in a terminal that supports it, or `reviewdesk export {review.slug} -o FILE`.",
              file=sys.stderr)
        return EXIT_CLIPBOARD
    print(f"{review.slug} ({rendered.target}): {result.message}", file=sys.stderr)
    for note in rendered.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def cmd_import(lib: Library, args) -> int:
    from reviewdesk.importer.markdown import import_file

    if args.file == "-":
        data = sys.stdin.buffer.read() if sys.stdin is not None else b""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise CommandError("standard input is not UTF-8 text") from None
        result = import_file(lib, Path("stdin.md"), args.template, text=text)
    else:
        result = import_file(lib, Path(args.file), args.template)
    review, template = result.review, result.template
    print(review.slug)
    print(f"imported {_one_line(review.title)!r} as {review.slug} ({template.id}): "
          f"{len(result.matched)} of {len(template.questions)} questions, "
          f"{len(result.extras)} extra section{'s' * (len(result.extras) != 1)}", file=sys.stderr)
    for qid in result.extras:
        heading = review.answers[qid].extra.get("heading", qid)
        print(f"  extra: {qid} (from {_one_line(heading)!r})", file=sys.stderr)
    for note in result.notes:
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
        print(f"{review.slug}: {terminal_safe(said)}")
    if not findings:
        print(f"{review.slug}: ready to publish", file=sys.stderr)
    return 1 if findings else 0


def cmd_delete(lib: Library, args) -> int:
    target = lib.delete(args.slug)
    print(f"moved {args.slug} to the trash: {target}", file=sys.stderr)
    return 0


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
    rows = [("VERSION", "SAVED", "WORDS", "SIZE")]
    for v in found:
        words = v.words()
        rows.append((str(v.number), v.saved.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                     "broken" if words is None else str(words), _size(v.size)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print(f"{r[0]:>{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]:>{widths[3]}}")
    print(f"1 is the newest. Bring one back with: reviewdesk restore {terminal_safe(args.slug)} VERSION",
          file=sys.stderr)
    return 0


def cmd_restore(lib: Library, args) -> int:
    from reviewdesk.review import history

    version = history.restore(lib, args.slug, args.version)
    saved = version.saved.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    print(f"restored {terminal_safe(args.slug)} to the version saved {saved}; the text it replaced is now "
          f"version 1 (undo with: reviewdesk restore {terminal_safe(args.slug)} 1)", file=sys.stderr)
    return 0


def cmd_templates(lib: Library, args) -> int:
    if args.check:
        return _check_template(Path(args.check))
    good, bad = list_templates()
    for t in good:
        where = "built-in" if t.path and t.path.parent == locations.builtin_templates_dir() else str(t.path)
        print(f"{t.id:<16} {t.name} ({len(t.questions)} questions, {len(t.info)} info fields; {where})")
    for err in bad:
        print(f"broken: {err}", file=sys.stderr)
    return 1 if bad and not good else 0


def _check_template(path: Path) -> int:
    from reviewdesk.errors import TemplateError
    from reviewdesk.review.template import load_template_file

    if not path.is_file():
        raise CommandError(f"no template file at {path}")
    try:
        template = load_template_file(path)
    except TemplateError as exc:
        print(terminal_safe(str(exc)))
        return EXIT_ERROR
    if path.suffix != ".toml" or template.id != path.stem:
        print(terminal_safe(f"{path}: id: {template.id!r} must match the file name: save it as "
                            f"{template.id}.toml in {locations.user_templates_dir()}"))
        return EXIT_ERROR
    verdict = ""
    if template.verdict:
        verdict = f", verdict {'out of ' + str(template.verdict.scale) if template.verdict.scale else 'line'}"
    print(f"{path}: ok: {template.id} ({len(template.questions)} questions, {len(template.info)} info "
          f"fields{verdict})", file=sys.stderr)
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


def cmd_words(lib: Library, args) -> int:
    from reviewdesk.aids import words

    if args.action == "list":
        for word in words.personal_words():
            print(terminal_safe(word))
        return 0
    if not args.word:
        raise CommandError(f"give the word to {args.action}: reviewdesk words {args.action} WORD")
    for word in args.word:
        if args.action == "add":
            said = "added to" if words.add_word(word) else "already in"
            print(f"{terminal_safe(word)!r} {said} {words.words_file()}", file=sys.stderr)
        else:
            removed = words.remove_word(word)
            print(f"{'removed' if removed else 'not in the list:'} {terminal_safe(word)!r}", file=sys.stderr)
    return 0


def cmd_season(lib: Library, args) -> int:
    from reviewdesk.aids import seasons

    if args.name is None:
        found = seasons.seasons(lib.summaries())
        if args.json:
            print(json_text([{"season": s.name, "reviews": s.count, "words": s.words, **s.statuses}
                             for s in found]))
            return 0
        if not found:
            print(f"No reviews yet in {lib.root}.", file=sys.stderr)
            return 0
        rows = [("SEASON", "REVIEWS", "DRAFT", "READY", "PUBLISHED", "WORDS")]
        for s in found:
            rows.append((_one_line(s.name, 30) or "(no season)", str(s.count), str(s.statuses["draft"]),
                         str(s.statuses["ready"]), str(s.statuses["published"]), str(s.words)))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        return 0
    overview = seasons.season_overview(lib, args.name)
    if args.json:
        print(json_text({"season": overview.name, "reviews": [
            {"slug": r.slug, "title": r.title, "status": r.status, "url": r.url,
             "answered": r.progress.answered if r.progress else None,
             "total": r.progress.total if r.progress else None,
             "words": r.progress.words if r.progress else None, "left": r.left} for r in overview.rows],
            "broken": list(overview.broken)}))
        return 0
    counts = ", ".join(f"{n} {s}" for s, n in overview.statuses.items() if n)
    print(f"{_one_line(overview.name)}: {len(overview.rows)} review{'s' * (len(overview.rows) != 1)} "
          f"({counts}), {overview.words} words")
    print()
    rows = [("SLUG", "TITLE", "STATUS", "ANSWERED", "WORDS", "READ")]
    for r in overview.rows:
        p = r.progress
        rows.append((terminal_safe(r.slug), _one_line(r.title, 40), r.status,
                     f"{p.answered}/{p.total}" if p else "-", str(p.words) if p else "-",
                     p.reading_time if p else "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    left = [r for r in overview.unfinished if r.left]
    if left:
        print()
        print("Left to write")
        for r in left:
            if r.progress and r.progress.answered == 0:
                print(f"  {_one_line(r.title, 60)}: not started ({len(r.left)} questions)")
                continue
            print(f"  {_one_line(r.title, 60)}:")
            for heading in r.left:
                print(f"    {_one_line(heading)}")
    for slug in overview.broken:
        print(f"broken: {terminal_safe(slug)} could not be read", file=sys.stderr)
    return 0


def cmd_themes(lib: Library, args) -> int:
    """List the colour themes, or check one file for a writer making a theme.

    Needs Textual (its built-in themes and colour parser), imported here only.
    """
    from reviewdesk.config import settings
    from reviewdesk.tui.theming import check_theme_file, theme_catalogue

    if args.check:
        path = Path(args.check)
        if not path.is_file():
            raise CommandError(f"no theme file at {path}")
        theme, problems, ratios = check_theme_file(path)
        for problem in problems:
            print(terminal_safe(problem))
        if theme is not None:
            kind = "dark" if theme.dark else "light"
            measured = ", ".join(f"{role} {ratio:.1f}:1" for role, ratio in ratios.items())
            print(f"{terminal_safe(theme.name)} ({kind}); contrast on the background: {measured}",
                  file=sys.stderr)
        if not problems:
            print(f"{path}: ok", file=sys.stderr)
        return 1 if problems else 0
    current = settings.load()[0].theme
    entries, problems = theme_catalogue()
    for e in entries:
        where = str(e.path) if e.source == "user" else e.source
        mark = "*" if e.name == current else " "
        print(f"{mark} {terminal_safe(e.name):<24} {'dark' if e.dark else 'light':<6} {terminal_safe(where)}")
    for problem in problems:
        print(f"broken: {terminal_safe(str(problem))}", file=sys.stderr)
    return 0


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
    # Every draft is on disk by now. What the app leaves is freed when the
    # process ends; set it aside from the full collection Python runs as it
    # shuts down, which would walk all of it first (100-190 ms measured at start).
    gc.freeze()
    return app.return_code or 0


# Parser -------------------------------------------------------------------

# The ids of reviewdesk.publish.targets.TARGETS, in its order, for --target's help:
# building the parser must not import every target (a test keeps them equal).
TARGET_IDS = ("markdown", "wordpress", "ghost", "hugo", "jekyll", "astro", "html")


def _target_ids() -> list[str]:
    return list(TARGET_IDS)


def _target(value: str) -> str:
    from reviewdesk.publish.targets import UnknownTarget, resolve

    try:
        return resolve(value)
    except UnknownTarget as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                        help=f"the folder of drafts (default: ${locations.LIBRARY_ENV} or the user data folder)")
    parser = argparse.ArgumentParser(
        prog="reviewdesk", parents=[common],
        description="Write structured reviews question by question; export them as Markdown.",
        epilog="Run without a command to open the app.")
    parser.add_argument("--version", action="version", version=f"reviewdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name, func, help_text):
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("new", cmd_new, "Start a review; prints its slug.")
    p.add_argument("title")
    p.add_argument("--season", help='e.g. "Winter 2024"')
    p.add_argument("--template", default=DEFAULT_TEMPLATE, help=f"question set (default {DEFAULT_TEMPLATE})")
    p.add_argument("--tagline", help="the one-paragraph synopsis readers see first")

    p = add("list", cmd_list, "List the drafts: slug, title, season, status, answered/total, words.")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--season", metavar="S", help="only the reviews of this season (any case)")
    p.add_argument("--status", choices=("draft", "ready", "published"), help="only the reviews with this status")

    p = add("show", cmd_show, "Show a draft's state, question by question.")
    p.add_argument("slug")

    p = add("answer", cmd_answer, "Set an answer from a file or standard input.")
    p.add_argument("slug")
    p.add_argument("question", help="question id or number (1 = the first)")
    p.add_argument("--file", "-f", help="read the answer from this file")
    p.add_argument("--clear", action="store_true", help="empty the answer")

    p = add("done", cmd_done, "Mark an answer done (or not, with --undo).")
    p.add_argument("slug")
    p.add_argument("question")
    p.add_argument("--undo", action="store_true")

    p = add("skip", cmd_skip, "Skip a question on purpose: left out of the export, no warning (--undo).")
    p.add_argument("slug")
    p.add_argument("question")
    p.add_argument("--undo", action="store_true")

    p = add("spoiler", cmd_spoiler, "Mark a whole answer as a spoiler, folded away on export (--undo). "
                                    "For a passage, put it between a ':::spoiler' line and a ':::' line.")
    p.add_argument("slug")
    p.add_argument("question")
    p.add_argument("--undo", action="store_true")

    p = add("target", cmd_target, "Set this review's word target for a question ('default' for the template's).")
    p.add_argument("slug")
    p.add_argument("question")
    p.add_argument("words", help="a whole number of words, or 'default'")

    p = add("info", cmd_info, "Set a Series Information field.")
    p.add_argument("slug")
    p.add_argument("field", help='field id or label, any case ("Animation Studios")')
    p.add_argument("value", help="lists are comma-separated; an empty value clears the field")

    p = add("image", cmd_image, "Add an image with a caption after a question's answer.")
    p.add_argument("slug")
    p.add_argument("question")
    p.add_argument("src", help="file path or URL")
    p.add_argument("--caption", "-c", default="", help="shown under the image")

    p = add("set", cmd_set, "Set the title, tagline, season, status, published URL, score or verdict line.")
    p.add_argument("slug")
    p.add_argument("field", choices=EDIT_FIELDS)
    p.add_argument("value")

    p = add("open", cmd_open, "Open the app on a review, at its first unanswered question.")
    p.add_argument("slug")

    for name, func, text in (("export", cmd_export, "Export the post (standard output by default), or the "
                                                     "whole library with --all."),
                             ("copy", cmd_copy, "Copy the post to the clipboard.")):
        p = add(name, func, text)
        p.add_argument("slug", nargs="?" if name == "export" else None)
        p.add_argument("--target", "-t", type=_target, default="markdown", metavar="T",
                       help=f"where it is going: {', '.join(_target_ids())} (default markdown)")
        p.add_argument("--heading-level", type=int, choices=range(1, 7), default=2, metavar="N",
                       help="level of the question headings (default 2: ##)")
        p.add_argument("--no-title", action="store_true", help="leave out the # title line")
        p.add_argument("--spoiler-warning", action="store_true",
                       help="put a spoiler warning under the title when the post has spoilers")
        if name == "export":
            p.add_argument("-o", "--output", metavar="FILE",
                           help="write to FILE (or into a folder) instead; with --all, the folder (default .)")
            p.add_argument("--all", action="store_true", help="export every review, one file each")
            p.add_argument("--season", metavar="S", help="with --all: only the reviews of this season")
        else:
            p.add_argument("--osc52", action="store_true",
                           help="send it to the terminal's clipboard (OSC 52), e.g. over SSH")

    p = add("import", cmd_import, "Turn a review written in Markdown into a draft; prints its slug.")
    p.add_argument("file", metavar="FILE.md", help="the Markdown file (- for standard input)")
    p.add_argument("--template", metavar="ID",
                   help="question set to match the headings to (default: the one that matches best)")

    p = add("check", cmd_check, "List what to fix before publishing; exits 1 if anything.")
    p.add_argument("slug")
    p.add_argument("--no-spelling", action="store_true", help="leave out the spelling check")
    p.add_argument("--paragraph-words", type=int, default=250, metavar="N",
                   help="flag paragraphs longer than N words (default 250)")

    p = add("delete", cmd_delete, "Move a draft to the library's trash.")
    p.add_argument("slug")

    p = add("history", cmd_history, "List a draft's earlier versions: number, time saved, words, size.")
    p.add_argument("slug")

    p = add("restore", cmd_restore, "Bring back an earlier version of a draft (undo: restore version 1).")
    p.add_argument("slug")
    p.add_argument("version", help="its number in `reviewdesk history SLUG` (1 = the newest)")

    p = add("templates", cmd_templates, "List the question sets, or check a template file.")
    p.add_argument("--check", metavar="FILE", help="validate a template file; names the field at fault")

    p = add("season", cmd_season, "List the seasons, or show one: every review, its progress, what is left.")
    p.add_argument("name", nargs="?", help='e.g. "Winter 2024" (any case)')
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = add("words", cmd_words, "Your word list for the spelling check: list, add or remove words.")
    p.add_argument("action", choices=("list", "add", "remove"), nargs="?", default="list")
    p.add_argument("word", nargs="*")

    p = add("themes", cmd_themes, "List the colour themes (* marks the chosen one), or check a theme file.")
    p.add_argument("--check", metavar="FILE", help="validate a theme file and measure its contrast")
    return parser


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if not argv:  # the app: what the parser would say, without building it
        args = argparse.Namespace(command=None)
    else:
        args = build_parser().parse_args(argv)
    try:
        from reviewdesk.config.settings import library_folder  # flag, env, settings file, default

        lib = Library(library_folder(getattr(args, "library", None)))
        if args.command is None:
            return run_app(lib)
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
