"""The HTTP client every source uses: one per service.

httpx with a 10 s timeout; the service's published rate limits kept in this
process (a sliding window per limit); a 429 is waited out once, as its
``Retry-After`` says, then reported as "rate limited, try again in N s";
answers are read up to a size limit, parsed as JSON, and kept in the
:mod:`~reviewdesk.lookup.cache` for a day. Every failure (no network, a name
that does not resolve, a timeout, an HTTP error, an answer that is not JSON)
becomes one :class:`~reviewdesk.errors.LookupFailed` line that names the
service and what to do. Keys travel in headers or form bodies only, so no
address, log line or message ever holds one.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from reviewdesk import __version__
from reviewdesk.errors import Cancelled, LookupFailed, RateLimited
from reviewdesk.lookup.cache import Cache, request_key

TIMEOUT = 10.0  # seconds, for connecting and for each read
RETRY_AFTER_MAX = 60.0  # a longer Retry-After is not waited for: the writer is told when to try again
RETRY_AFTER_DEFAULT = 4.0  # a 429 that does not say how long
MAX_ANSWER = 8 * 1024 * 1024  # bytes; the largest real answer (TMDB credits) is ~100 KB
USER_AGENT = f"reviewdesk/{__version__} (terminal review writer)"
HAND = "or fill the fields by hand"


@dataclass(frozen=True)
class Service:
    """A web service: its name in settings and variables, how it is shown,
    its default address and its limits as (seconds, requests) windows."""

    name: str
    label: str
    default_url: str
    limits: tuple[tuple[float, int], ...] = ()

    @property
    def env(self) -> str:
        return f"REVIEWDESK_{self.name.upper()}_URL"


def address(service: Service, configured: str = "") -> str:
    """The service's base address: its variable, then the setting, then the default."""
    value = os.environ.get(service.env, "").strip() or configured.strip()
    if not value:
        return service.default_url
    if not value.startswith(("http://", "https://")):
        where = service.env if os.environ.get(service.env, "").strip() else f"[lookup] {service.name}_url"
        raise LookupFailed(f"{where} must be a web address starting with https://, not {value[:60]!r}")
    return value.rstrip("/")


class Cancel:
    """Set by whoever started a lookup to stop it: waits end at once."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled("the lookup was cancelled")

    def sleep(self, seconds: float) -> None:
        if self._event.wait(max(0.0, seconds)):
            raise Cancelled("the lookup was cancelled")


class RateLimiter:
    """The service's limits over sliding windows: (1 s, 3) and (60 s, 60)
    allow three requests a second and sixty a minute."""

    def __init__(self, limits: tuple[tuple[float, int], ...], clock: Callable[[], float] = time.monotonic):
        self.limits = limits
        self._clock = clock
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Seconds to wait before the next request; 0 means go (it is counted)."""
        with self._lock:
            now = self._clock()
            longest = max((seconds for seconds, _ in self.limits), default=0.0)
            while self._sent and self._sent[0] <= now - longest:
                self._sent.popleft()
            wait = 0.0
            for seconds, count in self.limits:
                recent = [t for t in self._sent if t > now - seconds]
                if len(recent) >= count:
                    wait = max(wait, recent[-count] + seconds - now)
            if wait <= 0:
                self._sent.append(now)
            return wait

    def acquire(self, sleep: Callable[[float], None]) -> None:
        while (wait := self.reserve()) > 0:
            sleep(wait)


_tls = None
_tls_lock = threading.Lock()


def tls_context():
    """One TLS context for the process: loading the certificate authorities
    takes ~70 ms, which a client made for each lookup paid every time."""
    global _tls
    with _tls_lock:
        if _tls is None:
            import httpx

            _tls = httpx.create_ssl_context()
        return _tls


_limiters: dict[str, RateLimiter] = {}
_limiters_lock = threading.Lock()


def limiter_for(service: Service) -> RateLimiter:
    """One limiter per service for the whole process: the app's searches share it."""
    with _limiters_lock:
        if service.name not in _limiters:
            _limiters[service.name] = RateLimiter(service.limits)
        return _limiters[service.name]


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def their_message(data: bytes) -> str:
    """What the service said went wrong, from the error shapes they use."""
    try:
        body = json.loads(data)
    except ValueError:
        return ""
    said: Any = ""
    if isinstance(body, dict):
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            said = errors[0].get("message", "")  # AniList (GraphQL)
        else:
            said = body.get("status_message") or body.get("message") or body.get("error") or ""
    if not isinstance(said, str):
        return ""
    said = " ".join(said.split()).rstrip(" :")
    return said[:120]


_DNS = ("name or service not known", "nodename nor servname", "temporary failure in name resolution",
        "no address associated", "getaddrinfo failed", "name resolution")


class Client:
    """One service's HTTP client; use it in a ``with`` block or close it."""

    def __init__(self, service: Service, base: str, *, cache: Cache | None = None, cancel: Cancel | None = None,
                 auth: Callable[[], dict[str, str]] | None = None, key_hint: str = "",
                 notice: Callable[[str], None] | None = None, sleep: Callable[[float], None] | None = None,
                 limiter: RateLimiter | None = None):
        self.service = service
        self.base = base.rstrip("/")
        self.host = urlsplit(self.base).netloc or self.base
        self.cache = cache
        self.cancel = cancel or Cancel()
        self._auth = auth
        self._key_hint = key_hint
        self._notice = notice
        self._sleep = sleep if sleep is not None else self.cancel.sleep
        self._limiter = limiter or limiter_for(service)
        self._http = None  # made at the first request that is not answered from the cache

    @property
    def http(self):
        if self._http is None:
            import httpx

            self._http = httpx.Client(timeout=TIMEOUT, follow_redirects=True, verify=tls_context(),
                                      headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
        return self._http

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    # Requests -------------------------------------------------------------
    def get(self, path: str, params: dict | None = None, *, cached: bool = True) -> Any:
        return self.request("GET", path, params=params, cached=cached)

    def post(self, path: str, *, body: bytes, content_type: str, cached: bool = True) -> Any:
        return self.request("POST", path, body=body, content_type=content_type, cached=cached)

    def request(self, method: str, path: str, *, params: dict | None = None, body: bytes | None = None,
                content_type: str | None = None, cached: bool = True) -> Any:
        """The parsed JSON answer; from the cache when it holds one younger than a day."""
        url = self.base + path
        key = request_key(method, url, params, body)
        if cached and self.cache is not None:
            hit = self.cache.get(self.service.name, key)
            if hit is not None:
                try:
                    return json.loads(hit)
                except ValueError:
                    pass  # a damaged cache file: ask again
        status, data = self._send(method, url, params, body, content_type)
        if status != 200:
            raise self.failure(status, data)
        try:
            parsed = json.loads(data)
        except ValueError:
            raise LookupFailed(f"{self.service.label} sent an answer that is not JSON; try again later, "
                               f"{HAND}") from None
        if cached and self.cache is not None:
            self.cache.put(self.service.name, key, data)
        return parsed

    def _send(self, method: str, url: str, params: dict | None, body: bytes | None,
              content_type: str | None) -> tuple[int, bytes]:
        for attempt in (1, 2):
            self.cancel.check()
            self._limiter.acquire(self._sleep)
            headers = dict(self._auth()) if self._auth else {}
            if content_type:
                headers["Content-Type"] = content_type
            status, response_headers, data = self._fetch(method, url, params, body, headers)
            if status != 429:
                return status, data
            wait = retry_after(response_headers.get("Retry-After"))
            wait = RETRY_AFTER_DEFAULT if wait is None else wait
            if attempt == 1 and wait <= RETRY_AFTER_MAX:
                if self._notice:
                    self._notice(f"{self.service.label} asks to slow down: waiting {math.ceil(wait)} s")
                self._sleep(wait)
                continue
            raise RateLimited(f"{self.service.label}: rate limited, try again in {max(1, math.ceil(wait))} s",
                              wait)
        raise AssertionError("unreachable")

    def _fetch(self, method: str, url: str, params: dict | None, body: bytes | None,
               headers: dict[str, str]) -> tuple[int, Any, bytes]:
        with translated(self.service.label, self.host):
            with self.http.stream(method, url, params=params, content=body, headers=headers) as response:
                return response.status_code, response.headers, read_limited(response, MAX_ANSWER, self)

    def failure(self, status: int, data: bytes) -> LookupFailed:
        """The error for an answer that is not 200 OK."""
        label = self.service.label
        said = their_message(data)
        if status in (401, 403) and self._key_hint:
            return LookupFailed(f"{label} refused the request (HTTP {status}): {self._key_hint}")
        if status == 404:
            return LookupFailed(f"{label} has no such entry (HTTP 404)")
        if status >= 500:
            return LookupFailed(f"{label} is not answering properly (HTTP {status}{': ' + said if said else ''}); "
                                f"try again later, {HAND}")
        return LookupFailed(f"{label} refused the request (HTTP {status}{': ' + said if said else ''})")


@contextmanager
def translated(label: str, host: str) -> Iterator[None]:
    """httpx's transport errors as one line that says what to do."""
    import httpx

    try:
        yield
    except httpx.TimeoutException:
        raise LookupFailed(f"{label} ({host}) did not answer within {TIMEOUT:g} s; try again later, {HAND}") from None
    except httpx.ConnectError as exc:
        reason = str(exc).casefold()
        if any(marker in reason for marker in _DNS):
            raise LookupFailed(f"cannot find {host} (no network, or its name does not resolve): "
                               f"check your connection, {HAND}") from None
        raise LookupFailed(f"cannot connect to {host} ({_short(exc)}): check your connection, {HAND}") from None
    except httpx.HTTPError as exc:
        raise LookupFailed(f"the connection to {host} failed ({_short(exc)}); try again later, {HAND}") from None


def read_limited(response, limit: int, client: Client | None = None) -> bytes:
    """The body, refused past ``limit`` bytes (a wrong address can stream forever)."""
    declared = response.headers.get("Content-Length")
    host = client.host if client else urlsplit(str(response.url)).netloc
    if declared and declared.isdigit() and int(declared) > limit:
        raise LookupFailed(f"{host} sent more than {limit // (1024 * 1024)} MB; not read")
    chunks, got = [], 0
    for chunk in response.iter_bytes():
        got += len(chunk)
        if got > limit:
            raise LookupFailed(f"{host} sent more than {limit // (1024 * 1024)} MB; not read")
        if client is not None:
            client.cancel.check()
        chunks.append(chunk)
    return b"".join(chunks)


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return (text[:100] or type(exc).__name__)
