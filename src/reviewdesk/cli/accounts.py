"""``accounts add|list|remove``: the blogs a review can be published to."""

from __future__ import annotations

import sys

from reviewdesk.cli.output import CommandError, json_text, terminal_safe
from reviewdesk.review.library import Library


def _read_secret(args, service: str) -> str:
    from reviewdesk.publish.blogs.accounts import SECRET_NAMES

    what = SECRET_NAMES[service]
    if args.password_stdin:
        secret = sys.stdin.readline().strip()
        if not secret:
            raise CommandError(f"standard input gave no {what}")
        return secret
    if not sys.stdin.isatty():
        raise CommandError(f"there is no terminal to ask for the {what}: give it on standard input with "
                           "--password-stdin")
    import getpass

    who = f"{args.user} at " if args.user else ""
    return getpass.getpass(f"{what[0].upper() + what[1:]} for {who}{args.site} (not shown): ")


def cmd_add(lib: Library, args) -> int:
    from reviewdesk.publish.blogs import accounts

    service = accounts.check_service(args.service)
    accounts.check_site(args.site)
    account, place = accounts.add(service, args.site, _read_secret(args, service), args.user or "", args.name)
    print(f"added {terminal_safe(account.label)}; its {accounts.SECRET_NAMES[service]} is in {place}",
          file=sys.stderr)
    return 0


def cmd_remove(lib: Library, args) -> int:
    from reviewdesk.publish.blogs import accounts
    from reviewdesk.publish.blogs.uploads import Ledger

    account, places = accounts.remove(args.name)
    Ledger(account.name, account.site).forget_account()
    where = " and ".join(str(p) for p in places) or "nowhere (it was already gone)"
    print(f"removed {terminal_safe(account.label)}; its secret was removed from {where}", file=sys.stderr)
    return 0


def cmd_list(lib: Library, args) -> int:
    from reviewdesk.publish.blogs import accounts

    listed = accounts.every()
    if args.json:
        print(json_text([{"name": a.name, "service": a.service, "site": a.site, "user": a.user,
                          "from": "environment" if a.from_env else "accounts.toml"} for a in listed]))
        return 0
    if not listed:
        print("no accounts: add one with `reviewdesk accounts add wordpress|ghost|micropub --site URL`",
              file=sys.stderr)
        return 0
    for a in listed:
        source = "  (from the environment)" if a.from_env else ""
        print(terminal_safe(f"{a.name}\t{a.service}\t{a.site}\t{a.user}{source}"))
    return 0
