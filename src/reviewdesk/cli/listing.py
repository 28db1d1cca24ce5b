"""Commands that show the library: list, show, season."""

from __future__ import annotations

import sys

from reviewdesk.cli.output import json_text, one_line, terminal_safe
from reviewdesk.review.library import Library
from reviewdesk.review.model import format_info_value
from reviewdesk.review.template import load_template


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
            rows.append((terminal_safe(e.slug), f"BROKEN {where}{one_line(err.reason, 70)}", "", "broken",
                         "-", "-"))
        else:
            rows.append((terminal_safe(e.slug), one_line(e.title, 40), one_line(e.season, 16), e.status,
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
    print(f"{one_line(review.title)}  [{review.status}]")
    answered = f"answered: {progress.answered}/{progress.total}"
    if progress.skipped:
        answered += f" ({progress.skipped} skipped)"
    details = [f"slug: {terminal_safe(review.slug)}", f"template: {terminal_safe(template.id)}", answered, f"words: {review.words()}"]
    if review.season:
        details.insert(1, f"season: {one_line(review.season)}")
    print("  ".join(details))
    reading = progress.reading_time
    if progress.target:
        print(f"progress: {progress.toward_target}/{progress.target} words toward the targets "
              f"({progress.percent}%), {reading}")
    else:
        print(f"reading time: {reading}")
    if review.url:
        print(f"url: {one_line(review.url)}")
    print(f"tagline: {one_line(review.tagline, 100) if review.tagline.strip() else '(empty)'}")
    if template.verdict is not None or review.score is not None or review.verdict:
        scale = template.verdict.scale if template.verdict else None
        score = format_score(review.score, scale) if review.score is not None else "(no score)"
        print(f"verdict: {score} — {one_line(review.verdict, 90) if review.verdict else '(no verdict line)'}")
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
        print(f"{row.number:>2}. {one_line(q.heading):<42} {row.state:<8} {a.words:>5}{target} words{extra}")
    for qid in review.extra_answers(template):
        a = review.answers[qid]
        print(f"  + {one_line(qid):<42} {'extra':<8} {a.words:>5} words (not in the template)")
    print()
    print(one_line(template.info_heading))
    for f in template.info:
        value = format_info_value(review.info.get(f.id, ""))
        print(f"  {one_line(f.label) + ':':<20} {one_line(value) if value else '(empty)'}")
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
            rows.append((one_line(s.name, 30) or "(no season)", str(s.count), str(s.statuses["draft"]),
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
    print(f"{one_line(overview.name)}: {len(overview.rows)} review{'s' * (len(overview.rows) != 1)} "
          f"({counts}), {overview.words} words")
    print()
    rows = [("SLUG", "TITLE", "STATUS", "ANSWERED", "WORDS", "READ")]
    for r in overview.rows:
        p = r.progress
        rows.append((terminal_safe(r.slug), one_line(r.title, 40), r.status,
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
                print(f"  {one_line(r.title, 60)}: not started ({len(r.left)} questions)")
                continue
            print(f"  {one_line(r.title, 60)}:")
            for heading in r.left:
                print(f"    {one_line(heading)}")
    for slug in overview.broken:
        print(f"broken: {terminal_safe(slug)} could not be read", file=sys.stderr)
    return 0
