"""Local stand-ins for a Ghost site and a Micropub site, for the tests.

No real Ghost or Micropub server runs here (see the module notes in the
tests), so these implement the parts of each API Review Desk uses, as their
documentation describes them, and check what a real server would refuse:

- Ghost Admin API (https://ghost.org/docs/admin-api/): every request but
  ``/site/`` needs ``Authorization: Ghost <token>``, a JWT checked with PyJWT
  (HS256 with the key's secret, ``kid`` the key's id, audience ``/admin/``,
  at most five minutes); posts are created and updated with
  ``?source=html``; an update must carry the post's current ``updated_at``
  (else 409, as Ghost answers); images go to ``/images/upload/``.
- Micropub (https://www.w3.org/TR/micropub/): the endpoint is announced by
  the home page's ``<link rel="micropub">``; ``q=config`` names the media
  endpoint; a bearer token; JSON ``h-entry`` creates (201 + Location), and
  ``action: update`` with ``replace``; ``q=source`` gives a post's
  properties.

Each records the requests it got, and ``fail`` makes the next matching
request answer with an error status, or answer only once the test lets it.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

GHOST_KEY_ID = "6489b1f2a3c4d5e6f7a8b9c0"
GHOST_SECRET = "8f" * 32
GHOST_ADMIN_KEY = f"{GHOST_KEY_ID}:{GHOST_SECRET}"
MICROPUB_TOKEN = "micropub-token-for-the-tests-0123456789"


@dataclass
class Seen:
    method: str
    path: str
    query: dict
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Failure:
    method: str
    path: str  # a prefix of the path
    status: int = 500
    body: dict = field(default_factory=lambda: {"errors": [{"message": "Internal server error"}]})
    until: threading.Event | None = None  # answer only once it is set (or the server stops)
    times: int = 1
    after: int = 0  # matching requests let through before it fails


def multipart_files(headers, body: bytes) -> dict[str, tuple[str, bytes]]:
    """name -> (file name, bytes) of a multipart/form-data body; plain fields as (None, bytes)."""
    head = f"Content-Type: {headers['Content-Type']}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    out = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        out[name] = (part.get_filename(), part.get_payload(decode=True))
    return out


class _Server:
    """A threaded HTTP server on 127.0.0.1 and a free port, stopped by ``stop``."""

    def __init__(self):
        self.seen: list[Seen] = []
        self.failures: list[Failure] = []
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _any(self):
                owner._handle(self)

            do_GET = do_POST = do_PUT = do_DELETE = _any

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        for failure in self.failures:
            if failure.until is not None:
                failure.until.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def fail(self, method: str, path: str, status: int = 500, body: dict | None = None,
             times: int = 1, after: int = 0, until: threading.Event | None = None) -> None:
        """The next matching request (after ``after`` of them) answers ``status``
        (0: its normal answer), once ``until`` is set when given (a blog as
        slow as the test needs; stopping the server sets it); ``times`` times."""
        failure = Failure(method, path, status, until=until, times=times, after=after)
        if body is not None:
            failure.body = body
        self.failures.append(failure)

    def requests(self, method: str, path: str) -> list[Seen]:
        return [s for s in self.seen if s.method == method and s.path.startswith(path)]

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        seen = Seen(h.command, parts.path, parse_qs(parts.query), dict(h.headers), body)
        with self.lock:
            self.seen.append(seen)
            failure = next((f for f in self.failures if f.method == h.command and parts.path.startswith(f.path)
                            and f.times > 0), None)
            if failure is not None and failure.after > 0:
                failure.after -= 1
                failure = None
            elif failure is not None:
                failure.times -= 1
        if failure is not None:
            if failure.until is not None:
                failure.until.wait()
            if failure.status:
                return self._send(h, failure.status, failure.body)
        with self.lock:
            status, answer, headers = self.route(seen, h.headers)
        self._send(h, status, answer, headers)

    def _send(self, h, status: int, answer, headers: dict | None = None) -> None:
        if isinstance(answer, (dict, list)):
            data = json.dumps(answer).encode()
            kind = "application/json"
        else:
            data = (answer or "").encode()
            kind = "text/html; charset=utf-8"
        try:
            h.send_response(status)
            h.send_header("Content-Type", kind)
            h.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                h.send_header(key, value)
            h.end_headers()
            h.wfile.write(data)
        except OSError:  # the client gave up (a timeout test)
            pass

    def route(self, seen: Seen, headers) -> tuple[int, object, dict]:
        raise NotImplementedError


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()) + f"#{time.monotonic_ns()}"


class GhostServer(_Server):
    API = "/ghost/api/admin/"
    KEY = GHOST_ADMIN_KEY

    def __init__(self):
        super().__init__()
        self.posts: dict[str, dict] = {}
        self.images: list[tuple[str, bytes]] = []
        self.tokens: list[dict] = []  # the checked claims and header of each token

    def _unauthorized(self, message: str):
        return 401, {"errors": [{"message": message, "type": "UnauthorizedError"}]}, {}

    def _check_token(self, headers) -> str | None:
        import jwt

        auth = headers.get("Authorization", "")
        if not auth.startswith("Ghost "):
            return "Authorization: Ghost <token> is missing"
        token = auth[len("Ghost "):]
        try:
            header = jwt.get_unverified_header(token)
            if header.get("kid") != GHOST_KEY_ID or header.get("alg") != "HS256":
                return "Unknown Admin API Key"
            claims = jwt.decode(token, bytes.fromhex(GHOST_SECRET), algorithms=["HS256"], audience="/admin/")
        except jwt.PyJWTError as exc:
            return f"Invalid token: {exc}"
        if claims["exp"] - claims["iat"] > 300:
            return "Invalid token: expiry more than five minutes after issue"
        self.tokens.append({"header": header, "claims": claims})
        return None

    def route(self, seen: Seen, headers):
        if not seen.path.startswith(self.API):
            return 404, "<html><body>Page not found</body></html>", {}
        path = seen.path[len(self.API):]
        if path == "site/" and seen.method == "GET":
            return 200, {"site": {"title": "Review Desk Ghost stand-in", "version": "5.0"}}, {}
        problem = self._check_token(headers)
        if problem:
            return self._unauthorized(problem)
        if path == "images/upload/" and seen.method == "POST":
            files = multipart_files(headers, seen.body)
            name, data = files["file"]
            self.images.append((name, data))
            return 201, {"images": [{"url": f"{self.url}/content/images/2024/04/{name}",
                                     "ref": files.get("ref", (None, b""))[1].decode()}]}, {}
        if path == "posts/" and seen.method == "GET":
            return 200, {"posts": [{"id": p["id"]} for p in self.posts.values()][:1]}, {}
        if path == "posts/" and seen.method == "POST":
            if seen.query.get("source") != ["html"]:
                return 422, {"errors": [{"message": "html without ?source=html is dropped"}]}, {}
            post = dict(seen.json()["posts"][0])
            post_id = uuid.uuid4().hex[:24]
            post.update(id=post_id, uuid=str(uuid.uuid4()), status=post.get("status", "draft"),
                        updated_at=_now())
            post["url"] = self._url(post)
            self.posts[post_id] = post
            return 201, {"posts": [post]}, {}
        if path.startswith("posts/") and path.count("/") == 2:
            post_id = path.split("/")[1]
            post = self.posts.get(post_id)
            if post is None:
                return 404, {"errors": [{"message": "Post not found.", "type": "NotFoundError"}]}, {}
            if seen.method == "GET":
                return 200, {"posts": [post]}, {}
            if seen.method == "PUT":
                if seen.query.get("source") != ["html"]:
                    return 422, {"errors": [{"message": "html without ?source=html is dropped"}]}, {}
                change = seen.json()["posts"][0]
                if change.get("updated_at") != post["updated_at"]:
                    return 409, {"errors": [{"message": "Saving failed! Someone else is editing this post.",
                                             "type": "UpdateCollisionError"}]}, {}
                post.update({k: v for k, v in change.items() if k != "updated_at"})
                post["updated_at"] = _now()
                post["url"] = self._url(post)
                return 200, {"posts": [post]}, {}
        return 404, {"errors": [{"message": "Resource not found", "type": "NotFoundError"}]}, {}

    def _url(self, post: dict) -> str:
        if post["status"] == "published":
            return f"{self.url}/{post.get('slug') or post['id']}/"
        return f"{self.url}/p/{post['uuid']}/"


class MicropubServer(_Server):
    TOKEN = MICROPUB_TOKEN

    def __init__(self, media: bool = True, link_header: bool = False):
        super().__init__()
        self.media = media
        self.link_header = link_header
        self.posts: dict[str, dict] = {}  # url -> properties
        self.files: list[tuple[str, bytes]] = []

    def route(self, seen: Seen, headers):
        if seen.path == "/" and seen.method == "GET":
            page = "<html><head><title>A blog</title>"
            extra = {}
            if self.link_header:
                extra["Link"] = '</micropub>; rel="micropub"'
            else:
                page += '<link rel="micropub" href="/micropub">'
            return 200, page + "</head><body>Hello</body></html>", extra
        if headers.get("Authorization") != f"Bearer {MICROPUB_TOKEN}":
            return 401, {"error": "unauthorized", "error_description": "The token is not valid"}, {}
        if seen.path == "/micropub" and seen.method == "GET":
            q = seen.query.get("q", [""])[0]
            if q == "config":
                return 200, ({"media-endpoint": f"{self.url}/media"} if self.media else {}), {}
            if q == "source":
                url = seen.query.get("url", [""])[0]
                if url not in self.posts:
                    return 404, {"error": "not_found", "error_description": "No such post"}, {}
                return 200, {"type": ["h-entry"], "properties": self.posts[url]}, {}
            return 400, {"error": "invalid_request"}, {}
        if seen.path == "/media" and seen.method == "POST" and self.media:
            name, data = multipart_files(headers, seen.body)["file"]
            self.files.append((name, data))
            return 201, "", {"Location": f"{self.url}/media/{len(self.files)}-{name}"}
        if seen.path == "/micropub" and seen.method == "POST":
            body = seen.json()
            if body.get("action") == "update":
                url = body.get("url")
                if url not in self.posts:
                    return 400, {"error": "invalid_request", "error_description": "No such post"}, {}
                self.posts[url].update(body.get("replace", {}))
                return 204, "", {}
            props = dict(body["properties"])
            props.setdefault("post-status", ["published"])
            url = f"{self.url}/posts/{props.get('mp-slug', ['post'])[0]}-{len(self.posts) + 1}"
            self.posts[url] = props
            return 201, "", {"Location": url}
        return 404, {"error": "not_found"}, {}
