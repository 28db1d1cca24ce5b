"""One HTTP client per publish, and the blog's bad answers as one clear message.

Every request has a timeout (``REVIEWDESK_PUBLISH_TIMEOUT`` seconds, 30 by
default; uploads of large images get four times as long to be read). A
refused login (401/403) names the account and how to fix it; a timeout, a
TLS failure, 413 (too large) and 5xx each say what happened and what to do.
The account's secret is taken out of anything the blog says before it is
shown: a message never holds it.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from reviewdesk import __version__
from reviewdesk.errors import PublishError
from reviewdesk.publish.blogs.accounts import LABELS, Account

TIMEOUT_ENV = "REVIEWDESK_PUBLISH_TIMEOUT"
DEFAULT_TIMEOUT = 30.0


def timeout_seconds() -> float:
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        raise PublishError(f"{TIMEOUT_ENV} must be a number of seconds, not {raw!r}") from None
    return value if value > 0 else DEFAULT_TIMEOUT


def with_params(url: str, params) -> str:
    """``url`` with ``params`` added to its query. httpx's ``params`` replace the
    query, and a WordPress without pretty links has its route there (``?rest_route=``)."""
    items = params.items() if isinstance(params, dict) else params
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + [(k, str(v)) for k, v in items]
    return urlunsplit(parts._replace(query=urlencode(query, safe="/[]")))


def joined(message: str, more: str) -> str:
    """Two sentences of a message, with one full stop between them."""
    message = message.rstrip()
    return f"{message}{'' if message.endswith(('.', '?', '!')) else '.'} {more}"


def json_or_none(answer: httpx.Response):
    """The answer's JSON body, or None when it is not JSON (an HTML error page)."""
    try:
        return answer.json()
    except ValueError:
        return None


class Closes:
    """A context manager that closes what it holds on the way out."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SchemeAuth(httpx.Auth):
    """``Authorization: <scheme> <credential>`` on every request, the credential
    made afresh each time (a Ghost token lives five minutes; an upload or a
    slow blog may outlast one)."""

    def __init__(self, scheme: str, credential):
        self._scheme = scheme
        self._credential = credential

    def auth_flow(self, request):
        request.headers["Authorization"] = f"{self._scheme} {self._credential()}"
        yield request


class Http(Closes):
    """httpx for one account: its auth, its timeouts, its messages."""

    def __init__(self, account: Account, auth=None, headers: dict | None = None,
                 transport: httpx.BaseTransport | None = None):
        self.account = account
        self.seconds = timeout_seconds()
        self.client = httpx.Client(
            timeout=httpx.Timeout(self.seconds), follow_redirects=True, auth=auth, transport=transport,
            headers={"User-Agent": f"reviewdesk/{__version__}", **(headers or {})})

    def close(self) -> None:
        self.client.close()

    def scrub(self, text: str) -> str:
        """``text`` without the account's secret (nor its halves, for a Ghost key)."""
        secret = self.account.secret
        for part in sorted({secret, *secret.split(":")} - {""}, key=len, reverse=True):
            if len(part) >= 6:
                text = text.replace(part, "[secret]")
        return text

    def send(self, method: str, url: str, *, doing: str, expect: tuple[int, ...] = (),
             long: bool = False, **kwargs) -> httpx.Response:
        """The blog's answer; any status but 2xx and ``expect`` raises PublishError.

        ``doing`` is what the request is for, as the message says it:
        "uploading cover.jpg", "creating the post"."""
        host = urlsplit(url).netloc or url
        if "params" in kwargs:
            url = with_params(url, kwargs.pop("params"))
        if long:
            kwargs["timeout"] = httpx.Timeout(self.seconds, read=self.seconds * 4, write=self.seconds * 4)
        try:
            response = self.client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            error = PublishError(f"{host} did not answer within {self.seconds:g} s while {doing}: check the "
                                 f"connection and try again (set {TIMEOUT_ENV} to wait longer)")
            error.uncertain = not isinstance(exc, httpx.ConnectTimeout)
            raise error from None
        except httpx.ConnectError as exc:
            raise PublishError(self._connect_message(host, doing, exc)) from None
        except httpx.TooManyRedirects:
            raise PublishError(f"{host} sent Review Desk round in redirects while {doing}: check the blog's "
                               "address") from None
        except httpx.HTTPError as exc:
            error = PublishError(f"the connection to {host} failed while {doing}: "
                                 f"{self.scrub(str(exc)) or type(exc).__name__}; try again")
            error.uncertain = True  # the request may have reached the blog
            raise error from None
        if response.is_success or response.status_code in expect:
            return response
        raise PublishError(self.refusal(response, doing))

    def _connect_message(self, host: str, doing: str, exc: Exception) -> str:
        text = str(exc)
        lowered = text.lower()
        if any(word in lowered for word in ("ssl", "tls", "certificate", "wrong version number")):
            return (f"a secure connection (TLS) to {host} failed while {doing} ({self.scrub(text)}): if the blog "
                    "has no valid HTTPS certificate, fix that on the server; a site without HTTPS needs an "
                    "http:// address")
        return (f"could not connect to {host} while {doing} ({self.scrub(text) or 'refused'}): check the address "
                "and that the blog is up")

    def reason(self, response: httpx.Response) -> str:
        """What the blog said, in a line, from its JSON error or its status."""
        said = ""
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            errors = body.get("errors")
            if isinstance(errors, list) and errors and isinstance(errors[0], dict):  # Ghost
                first = errors[0]
                said = " ".join(str(first.get(k) or "") for k in ("message", "context")).strip()
            else:
                said = str(body.get("message") or body.get("error_description") or body.get("error") or "")
        said = " ".join(self.scrub(said).split())[:300]
        phrase = response.reason_phrase or ""
        return f"{response.status_code} {phrase}".strip() + (f": {said}" if said else "")

    def refusal(self, response: httpx.Response, doing: str) -> str:
        status = response.status_code
        label = LABELS[self.account.service]
        who = f"the {label} account {self.account.label}"
        said = self.reason(response)
        if status == 401:
            return f"{label} did not accept {who} while {doing} ({said}): {self.account.how_to_fix()}"
        if status == 403:
            return (f"{label} refused {who} while {doing} ({said}): the secret may be wrong or revoked, or the "
                    f"user may not be allowed to do this (posts and uploads need an author's rights); "
                    f"{self.account.how_to_fix()}")
        if status == 413:
            return (f"the blog refused it as too large while {doing} ({said}): make the image smaller, "
                    "or raise the blog's upload limit")
        if status >= 500:
            return (f"the blog at {self.account.site} failed while {doing} ({said}): a fault on the server; "
                    "try again later, or look at the blog's error log")
        return f"the blog at {self.account.site} refused it while {doing} ({said})"
