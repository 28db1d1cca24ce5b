"""Ghost: the Admin API with an Admin API key (``ID:SECRET``).

Each request carries a fresh token signed as Ghost documents: HS256 with the
secret half of the key (hex-decoded), the key's ID as ``kid``, audience
``/admin/``, valid for five minutes. Posts go as HTML (``?source=html``),
which Ghost turns into its own cards; images through ``/images/upload/``.
An update sends the post's ``updated_at`` as Ghost requires, so a post
changed on the blog since it was looked up is not overwritten blindly.
"""

from __future__ import annotations

import time

import httpx

from reviewdesk.errors import PublishError
from reviewdesk.publish.blogs.content import ImageUse
from reviewdesk.publish.blogs.http import json_or_none
from reviewdesk.publish.blogs.service import Blog, Fields, Remote
from reviewdesk.publish.blogs.uploads import Uploaded

API = "/ghost/api/admin/"
ACCEPT_VERSION = "v5.0"
TOKEN_SECONDS = 5 * 60
LIVE = {"published", "scheduled"}
EXCERPT_MAX = 300  # Ghost refuses a longer custom_excerpt


def token(admin_key: str, now: float | None = None) -> str:
    """The Admin API token for ``admin_key`` (``ID:SECRET``)."""
    import jwt

    key_id, secret = admin_key.split(":", 1)
    issued = int(now if now is not None else time.time())
    return jwt.encode({"iat": issued, "exp": issued + TOKEN_SECONDS, "aud": "/admin/"},
                      bytes.fromhex(secret), algorithm="HS256", headers={"kid": key_id})


def excerpt(text: str) -> str:
    if len(text) <= EXCERPT_MAX:
        return text
    cut = text[: EXCERPT_MAX - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


class Ghost(Blog):
    service = "ghost"

    def _http(self, transport):
        from reviewdesk.publish.blogs.http import Http, SchemeAuth

        return Http(self.account, auth=SchemeAuth("Ghost", lambda: token(self.account.secret)), transport=transport,
                    headers={"Accept-Version": ACCEPT_VERSION})

    def url(self, path: str) -> str:
        return self.account.site + API + path

    def connect(self) -> None:
        site = self.account.site
        doing = f"looking for the Ghost Admin API at {site}"
        answer = self.http.send("GET", self.url("site/"), doing=doing, expect=tuple(range(300, 600)))
        body = json_or_none(answer)
        if not (isinstance(body, dict) and isinstance(body.get("site"), dict)):
            raise PublishError(f"{site} has no Ghost Admin API ({site}{API}site/ answered HTTP "
                               f"{answer.status_code}): check that the address is the Ghost site's own "
                               "(the one its admin is under, without /ghost)")
        self.http.send("GET", self.url("posts/"), doing="signing in", params={"limit": 1, "fields": "id"})

    def upload(self, use: ImageUse, data: bytes) -> Uploaded:
        doing = f"uploading {use.name}"
        answer = self.http.send("POST", self.url("images/upload/"), doing=doing, long=True,
                                files={"file": (use.name, data, use.mime)}, data={"purpose": "image", "ref": use.src})
        images = self._json(answer, doing).get("images")
        if not (isinstance(images, list) and images and isinstance(images[0], dict) and images[0].get("url")):
            raise PublishError(f"Ghost answered the upload of {use.name} without its address")
        return Uploaded(str(images[0]["url"]))

    def fetch(self, remote_id: str) -> Remote | None:
        answer = self.http.send("GET", self.url(f"posts/{remote_id}/"), doing="looking up the post",
                                expect=(404,))
        if answer.status_code == 404:
            return None
        return self._remote(self._json(answer, "looking up the post"))

    def create(self, fields: Fields) -> Remote:
        answer = self.http.send("POST", self.url("posts/"), doing="creating the post", params={"source": "html"},
                                json={"posts": [self._post(fields)]})
        return self._remote(self._json(answer, "creating the post"))

    def update(self, current: Remote, fields: Fields) -> Remote:
        post = {**self._post(fields), "updated_at": current.extra.get("updated_at")}
        answer = self.http.send("PUT", self.url(f"posts/{current.id}/"), doing="updating the post",
                                params={"source": "html"}, json={"posts": [post]})
        return self._remote(self._json(answer, "updating the post"))

    def _post(self, fields: Fields) -> dict:
        post: dict = {"title": fields.title, "html": fields.html, "custom_excerpt": excerpt(fields.excerpt),
                      "slug": fields.slug, "tags": [{"name": t} for t in [*fields.tags, fields.season] if t],
                      "feature_image": fields.cover.url if fields.cover else None}
        if fields.status:
            post["status"] = "published" if fields.status == "publish" else "draft"
        return post

    def _remote(self, body: dict) -> Remote:
        posts = body.get("posts")
        if not (isinstance(posts, list) and posts and isinstance(posts[0], dict) and posts[0].get("id")):
            raise PublishError(f"{self.account.site} answered without the post: is it a Ghost site?")
        post = posts[0]
        status = str(post.get("status", ""))
        return Remote(str(post["id"]), str(post.get("url", "")), status, status in LIVE,
                      extra={"updated_at": post.get("updated_at")})

    def _json(self, answer: httpx.Response, doing: str) -> dict:
        body = json_or_none(answer)
        if not isinstance(body, dict):
            raise PublishError(f"{self.account.site} did not answer as the Ghost Admin API does while {doing} "
                               f"(HTTP {answer.status_code}): is the address the Ghost site's?")
        return body
