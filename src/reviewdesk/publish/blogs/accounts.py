"""Blog accounts: which blog, which user, and where the secret is.

``accounts.toml`` in the config folder holds each account's service, site
and user, by name; the secret (a WordPress application password, a Ghost
Admin API key, a Micropub token) is in the keyring or the 0600 secrets file
(:mod:`reviewdesk.config.secrets`), never here. For scripts and tests the
environment can describe one account per service, named after the service:
``REVIEWDESK_WORDPRESS_URL``/``_USER``/``_PASSWORD``,
``REVIEWDESK_GHOST_URL``/``_ADMIN_KEY`` and ``REVIEWDESK_MICROPUB_URL``/``_TOKEN``.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from reviewdesk.config import locations, secrets
from reviewdesk.errors import PublishError

SERVICES = ("wordpress", "ghost", "micropub")
LABELS = {"wordpress": "WordPress", "ghost": "Ghost", "micropub": "Micropub"}
# What the secret is called, for prompts and messages.
SECRET_NAMES = {"wordpress": "application password", "ghost": "Admin API key", "micropub": "token"}
ENV = {
    "wordpress": ("REVIEWDESK_WORDPRESS_URL", "REVIEWDESK_WORDPRESS_USER", "REVIEWDESK_WORDPRESS_PASSWORD"),
    "ghost": ("REVIEWDESK_GHOST_URL", None, "REVIEWDESK_GHOST_ADMIN_KEY"),
    "micropub": ("REVIEWDESK_MICROPUB_URL", None, "REVIEWDESK_MICROPUB_TOKEN"),
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_GHOST_KEY = re.compile(r"[0-9a-f]{24}:[0-9a-f]{64}")


@dataclass(frozen=True)
class Account:
    name: str
    service: str
    site: str
    user: str = ""
    from_env: bool = False
    secret: str = field(default="", repr=False, compare=False)

    @property
    def label(self) -> str:
        """``wordpress (admin at https://blog.example)``, for menus and messages."""
        who = f"{self.user} at " if self.user else ""
        return f"{self.name} ({who}{self.site})"

    def how_to_fix(self) -> str:
        """What to do when the blog refuses this account's secret."""
        if self.from_env:
            url, user, secret = ENV[self.service]
            names = " and ".join(n for n in (user, secret) if n)
            return f"check {names}"
        user = f" --user {self.user}" if self.user else ""
        return (f"make a new {SECRET_NAMES[self.service]} and run "
                f"`reviewdesk accounts add {self.service} --name {self.name} --site {self.site}{user}` again")


def check_service(service: str) -> str:
    name = service.strip().lower()
    if name not in SERVICES:
        raise PublishError(f"unknown blog service {service!r}; Review Desk publishes to {', '.join(SERVICES)}")
    return name


def check_site(site: str) -> str:
    """The blog's address, http(s), without a trailing slash."""
    text = site.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PublishError(f"{text!r} is not a blog address: give it in full, e.g. https://blog.example")
    return text.rstrip("/")


def check_secret(service: str, secret: str) -> str:
    secret = secret.strip()
    if not secret:
        raise PublishError(f"the {SECRET_NAMES[service]} is empty")
    if service == "ghost" and not _GHOST_KEY.fullmatch(secret):
        # Never echo the key: it names what is expected instead.
        raise PublishError("a Ghost Admin API key is two parts, ID:SECRET (24 and 64 hexadecimal characters), "
                           "as Ghost shows it under Settings → Integrations")
    return secret


def stored() -> dict[str, Account]:
    """The accounts in accounts.toml, by name (without their secrets)."""
    path = locations.accounts_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise PublishError(f"cannot read the accounts in {path}: {reason}; fix the file or remove it "
                           "and add the accounts again") from None
    found = {}
    for name, table in (data.get("accounts") or {}).items():
        if not isinstance(table, dict) or table.get("service") not in SERVICES or not isinstance(
                table.get("site"), str):
            raise PublishError(f"{path}: the account {name!r} needs a service ({', '.join(SERVICES)}) and a site")
        found[name] = Account(name, table["service"], table["site"], str(table.get("user", "")))
    return found


def from_env(service: str) -> Account | None:
    """The account the environment describes for ``service``, if its URL is set."""
    url_var, user_var, secret_var = ENV[service]
    site = os.environ.get(url_var, "").strip()
    if not site:
        return None
    missing = [v for v in (user_var, secret_var) if v and not os.environ.get(v, "").strip()]
    if missing:
        raise PublishError(f"{url_var} is set but {' and '.join(missing)} is not: set both, or unset {url_var}")
    return Account(service, service, check_site(site), os.environ.get(user_var, "").strip() if user_var else "",
                   from_env=True, secret=check_secret(service, os.environ[secret_var]))


def every() -> list[Account]:
    """Every account the writer can publish with: the environment's, then the stored ones."""
    found = []
    for service in SERVICES:
        try:
            account = from_env(service)
        except PublishError:
            account = None
        if account is not None:
            found.append(account)
    taken = {a.name for a in found}
    found.extend(a for name, a in sorted(stored().items()) if name not in taken)
    return found


def resolve(service: str, name: str | None = None) -> Account:
    """The account to publish to ``service`` with, its secret loaded.

    ``name`` picks a stored account; without it, the environment's account,
    else the one stored account of that service."""
    service = check_service(service)
    label = LABELS[service]
    if name:
        env = from_env(service)
        if env is not None and env.name == name:
            return env
        account = stored().get(name)
        if account is None:
            raise PublishError(f"no account named {name!r}; see `reviewdesk accounts list`")
        if account.service != service:
            raise PublishError(f"the account {name!r} is a {LABELS[account.service]} account, not {label}")
    else:
        env = from_env(service)
        if env is not None:
            return env
        mine = [a for a in stored().values() if a.service == service]
        if not mine:
            url_var, user_var, secret_var = ENV[service]
            env_names = ", ".join(v for v in (url_var, user_var, secret_var) if v)
            user = " --user USER" if user_var else ""
            raise PublishError(f"no {label} account: add one with `reviewdesk accounts add {service} --site URL{user}`"
                               f", or set {env_names}")
        if len(mine) > 1:
            raise PublishError(f"there are {len(mine)} {label} accounts ({', '.join(a.name for a in mine)}): "
                               "choose one with --account NAME")
        account = mine[0]
    secret = secrets.load(account.name)
    if not secret:
        raise PublishError(f"no {SECRET_NAMES[service]} is stored for the account {account.name!r}: "
                           f"{account.how_to_fix()}")
    return replace(account, secret=secret)


def add(service: str, site: str, secret: str, user: str = "", name: str | None = None) -> tuple[Account, secrets.Place]:
    """Store an account (replacing one of the same name) and its secret; says where the secret went."""
    service = check_service(service)
    site = check_site(site)
    secret = check_secret(service, secret)
    name = (name or service).strip()
    if not _NAME.fullmatch(name):
        raise PublishError(f"an account name is letters, digits, '.', '_' or '-' (up to 64), not {name!r}")
    if service == "wordpress" and not user.strip():
        raise PublishError("a WordPress account needs the user name the application password belongs to (--user)")
    account = Account(name, service, site, user.strip())
    accounts = stored()
    accounts[name] = account
    place = secrets.store(name, secret)  # first: an account without its secret would be useless
    _write(accounts)
    return account, place


def remove(name: str) -> tuple[Account, list[secrets.Place]]:
    accounts = stored()
    if name not in accounts:
        raise PublishError(f"no account named {name!r}; see `reviewdesk accounts list`")
    account = accounts.pop(name)
    _write(accounts)
    return account, secrets.remove(name)


def _write(accounts: dict[str, Account]) -> None:
    import tomli_w

    from reviewdesk.review.atomic import atomic_write

    doc = {"accounts": {a.name: {"service": a.service, "site": a.site, **({"user": a.user} if a.user else {})}
                        for a in accounts.values()}}
    path = locations.accounts_file()
    text = "# Review Desk's blog accounts. Their secrets are in the keyring (or secrets.toml), not here.\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, (text + tomli_w.dumps(doc)).encode("utf-8"))
    except OSError as exc:
        raise PublishError(f"cannot write {path}: {exc.strerror or exc}") from None
