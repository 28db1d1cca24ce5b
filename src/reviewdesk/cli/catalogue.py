"""What the writer can choose from: templates, colour themes, their word list."""

from __future__ import annotations

import sys
from pathlib import Path

from reviewdesk.cli.output import EXIT_ERROR, CommandError, terminal_safe
from reviewdesk.config import locations
from reviewdesk.review.library import Library
from reviewdesk.review.template import list_templates


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
