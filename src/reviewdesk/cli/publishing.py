"""``publish``: send a review to the writer's blog, as a draft unless told otherwise."""

from __future__ import annotations

import sys

from reviewdesk.cli.output import json_text, terminal_safe
from reviewdesk.review.library import Library
from reviewdesk.review.template import load_template


def cmd_publish(lib: Library, args) -> int:
    from reviewdesk.publish.blogs import accounts, publisher

    review = lib.load(args.slug)
    template = load_template(review.template)
    account = accounts.resolve(args.to, args.account)
    planned = publisher.plan(review, template, lib.season_mates(review), lib.root, account, args.status, args.new)
    if args.dry_run:
        _show_plan(planned.describe(), args.json)
        return 0
    from reviewdesk.cli.progressbar import ProgressBar

    bar = None if args.json else ProgressBar(sys.stderr)
    try:
        outcome = publisher.carry_out(planned, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    _record(lib, args.slug, outcome)
    if args.json:
        print(json_text({"service": account.service, "account": account.name, "site": account.site,
                         "id": outcome.id, "url": outcome.url, "status": outcome.status, "live": outcome.live,
                         "created": outcome.created, "uploaded": outcome.uploaded, "reused": outcome.reused,
                         "notes": outcome.notes, "seconds": round(outcome.seconds, 2)}))
    else:
        _say(outcome)
        print(outcome.url)
    return 0


def _record(lib: Library, slug: str, outcome) -> None:
    """The outcome into the draft as it is on disk now (the app may have saved it meanwhile),
    read and written under its write lock (Library.edit)."""
    from reviewdesk.errors import ReviewDeskError
    from reviewdesk.publish.blogs.publisher import record

    try:
        with lib.edit(slug) as review:
            record(review, outcome)
    except ReviewDeskError as exc:
        from reviewdesk.cli.output import CommandError

        raise CommandError(f"the post is on the blog ({outcome.url}, id {outcome.id}), but the draft could not "
                           f"record it: {exc}. Add [published.{outcome.account.name}] with id = "
                           f"\"{outcome.id}\" to the draft by hand, or the next publish will make another "
                           "post") from None


def _say(outcome) -> None:
    from reviewdesk.publish.blogs.accounts import LABELS

    label = LABELS[outcome.account.service]
    what = "created" if outcome.created else "updated"
    state = "live" if outcome.live else (outcome.status or "sent")
    images = []
    if outcome.uploaded:
        images.append(f"{len(outcome.uploaded)} image{'s' if len(outcome.uploaded) != 1 else ''} uploaded")
    if outcome.reused:
        images.append(f"{len(outcome.reused)} already there")
    extra = f"; {', '.join(images)}" if images else ""
    print(f"{what} the post on {label} ({outcome.account.name}), {state}{extra} in {outcome.seconds:.1f} s",
          file=sys.stderr)
    for note in outcome.notes:
        print(f"note: {terminal_safe(note)}", file=sys.stderr)


def _show_plan(plan: dict, as_json: bool) -> None:
    if as_json:
        print(json_text({"dry_run": True, **plan}))
        return
    post = plan["post"]
    lines = [
        f"Would {plan['action']} on {plan['site']} (account {plan['account']}); nothing was sent.",
        f"  title:   {post['title']}",
        f"  slug:    {post['slug']}",
        f"  excerpt: {post['excerpt']}",
        f"  tags:    {', '.join(post['tags']) or '(none)'}",
        f"  season:  {post['season'] or '(none)'}",
        f"  cover:   {post['cover'] or '(none)'}",
        f"  body:    {post['html_characters']} characters of HTML",
    ]
    if plan["images"]:
        lines.append("  images:")
        for image in plan["images"]:
            lines.append(f"    {image['src']} ({image['where']}): upload {image['upload']}")
    for src in plan["web_images"]:
        lines.append(f"  on the web, linked as it is: {src}")
    print("\n".join(terminal_safe(line) for line in lines))
