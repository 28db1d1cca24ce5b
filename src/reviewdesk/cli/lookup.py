"""The lookup command: Series Information from the web.

``reviewdesk lookup SLUG [QUERY]`` lists numbered candidates and changes
nothing; ``--pick N`` fills the info fields from candidate N (what the writer
typed is kept unless ``--force``) and says, field by field, what it did;
``--cover`` saves the cover image into the library and makes it the review's.
The lookup package (and httpx) is imported only when the command runs.
"""

from __future__ import annotations

import sys

from reviewdesk.cli.output import CommandError, json_text, one_line, terminal_safe
from reviewdesk.review.library import Library
from reviewdesk.review.template import load_template

# reviewdesk.lookup.sources.NAMES, for the parser without importing the package (a test keeps them equal).
SOURCES = ("jikan", "anilist", "tmdb", "openlibrary", "igdb")


def _notice(text: str) -> None:
    print(f"reviewdesk: {terminal_safe(text)}", file=sys.stderr)


def cmd_lookup(lib: Library, args) -> int:
    from reviewdesk.lookup import fill
    from reviewdesk.lookup.sources import Lookup, source_for

    review = lib.load(args.slug)
    template = load_template(review.template)
    if args.pick is not None and args.pick < 1:
        raise CommandError("--pick takes a candidate's number: 1 is the first")
    name = source_for(review, template, args.source)
    with Lookup(name, notice=_notice) as lookup:
        candidates, asked = lookup.candidates(review, args.query)
        if args.pick is None:
            return _list(args, name, lookup.label, asked, candidates)
        if not candidates:
            raise CommandError(f"{lookup.label} found nothing for {one_line(asked)!r}; try another QUERY "
                               "or --source")
        if args.pick > len(candidates):
            raise CommandError(f"there {'is' if len(candidates) == 1 else 'are'} only {len(candidates)} "
                               f"candidate{'s' if len(candidates) != 1 else ''}; --pick 1 to {len(candidates)}")
        entry = lookup.entry(candidates[args.pick - 1])
        plan = fill.plan(review, template, entry, force=args.force, cover=args.cover)
        cover_path = None
        if plan.cover is not None and plan.cover.status == fill.FILLED:
            from reviewdesk.lookup import cover

            data, extension = cover.download(plan.cover.after, lookup.cancel)
            cover_path = cover.save(lib.root, review.slug, data, extension)
    # The web is asked with no lock held; the fill is planned again on the
    # draft as it is now and saved under its write lock (Library.edit), so a
    # change made meanwhile (another command, the app) is neither lost nor
    # overwritten unless --force says so.
    with lib.edit(args.slug) as review:
        plan = fill.plan(review, template, entry, force=args.force, cover=args.cover)
        filled_cover = plan.cover is not None and plan.cover.status == fill.FILLED
        fill.apply(review, plan, cover_path=cover_path if filled_cover else None)
    if args.json:
        print(json_text({**plan.as_json(), "applied": plan.applied}))
        return 0
    _report(plan, lookup.label, cover_path)
    return 0


def _list(args, name: str, label: str, asked: str, candidates) -> int:
    if args.json:
        print(json_text({"source": name, "query": asked,
                         "candidates": [dict(number=n, **c.as_json()) for n, c in enumerate(candidates, 1)]}))
        return 0 if candidates else 1
    if not candidates:
        print(f"reviewdesk: {label} found nothing for {one_line(asked)!r}; try another QUERY or --source",
              file=sys.stderr)
        return 1
    width = len(str(len(candidates)))
    for n, found in enumerate(candidates, 1):
        print(f"{n:>{width}}  {one_line(found.line())}")
    query = f" {_quoted(args.query)}" if args.query else ""
    print(f"{label}, for {one_line(asked)!r}. Fill the review from one with: "
          f"reviewdesk lookup {args.slug}{query} --pick N", file=sys.stderr)
    return 0


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _report(plan, label: str, cover_path: str | None) -> None:
    """One line per field: filled (the new value), kept (the writer's, and the
    source's beside it), unchanged (what the field says)."""
    from reviewdesk.lookup.fill import FILLED, KEPT

    entry = plan.entry
    print(f"{one_line(entry.title)}: {label} {entry.id}" + (f" {one_line(entry.url)}" if entry.url else ""))
    changes = plan.changes + ([plan.cover] if plan.cover is not None else [])
    width = max(len(c.label) for c in changes)
    for change in changes:
        if change.field == "cover" and cover_path:
            shown = cover_path
        else:
            shown = change.after if change.status == FILLED else change.before
        line = f"  {change.status:<9}  {change.label:<{width}}  {one_line(shown)}".rstrip()
        if change.status == KEPT:
            line += f"   ({label}: {one_line(change.after)})"
        print(line)
    kept = [c for c in changes if c.status == KEPT]
    if kept:
        print(f"{len(kept)} field{'s' if len(kept) != 1 else ''} kept as you wrote "
              f"{'them' if len(kept) != 1 else 'it'}; --force takes the source's value", file=sys.stderr)
