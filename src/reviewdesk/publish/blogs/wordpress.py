"""WordPress: the REST API (``/wp/v2/posts``, ``/wp/v2/media``) with an application password.

The API's root is found from the site's address, as WordPress announces it
in every page's ``Link: <...>; rel="https://api.w.org/"`` header: on a site
with pretty links it is ``/wp-json/``, on one without it is
``/?rest_route=/``, and routes are built on whichever it is. Tags come from
the review's genres and the category from its season, found by name or
created; an account not allowed to create them gets a note, not a failure.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from reviewdesk.errors import PublishError
from reviewdesk.publish.blogs.content import ImageUse
from reviewdesk.publish.blogs.service import Blog, Fields, Remote
from reviewdesk.publish.blogs.uploads import Uploaded

API_REL = "https://api.w.org/"
LIVE = {"publish", "future", "private"}
_ONE = {"tags": "tag", "categories": "category"}


def route_url(root: str, route: str) -> str:
    """``route`` (``wp/v2/posts``) under the API root, pretty (``/wp-json/``) or not (``?rest_route=/``)."""
    parts = urlsplit(root)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(k == "rest_route" for k, _ in query):
        query = [(k, (v.rstrip("/") + "/" + route) if k == "rest_route" else v) for k, v in query]
        return urlunsplit(parts._replace(query=urlencode(query, safe="/")))
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/" + route))


def safe_filename(name: str) -> str:
    """A file name for the Content-Disposition header: ASCII, no quotes."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return stem or "image"


class WordPress(Blog):
    service = "wordpress"

    def _http(self, transport):
        from reviewdesk.publish.blogs.http import Http

        return Http(self.account, auth=httpx.BasicAuth(self.account.user, self.account.secret), transport=transport)

    def url(self, route: str) -> str:
        return route_url(self.root, route)

    def connect(self) -> None:
        self.root = self._discover()
        me = self.http.send("GET", self.url("wp/v2/users/me"), doing="signing in", params={"context": "edit"})
        self._json(me, "signing in")

    def _discover(self) -> str:
        site = self.account.site
        doing = f"looking for the WordPress REST API at {site}"
        answer = self.http.send("GET", site + "/", doing=doing, expect=tuple(range(300, 600)))
        link = answer.links.get(API_REL, {}).get("url")
        if link:
            return str(answer.url.join(link))
        # No header (a cache or proxy may drop it): the two places WordPress puts the API.
        for candidate in (site + "/wp-json/", site + "/?rest_route=/"):
            probe = self.http.send("GET", candidate, doing=doing, expect=tuple(range(300, 600)))
            try:
                body = probe.json()
            except ValueError:
                continue
            if probe.is_success and isinstance(body, dict) and "wp/v2" in (body.get("namespaces") or []):
                return candidate
        raise PublishError(f"{site} has no WordPress REST API: its pages carry no Link rel=\"{API_REL}\" header "
                           "and neither /wp-json/ nor ?rest_route=/ answers. Check that the address is the "
                           "blog's home page, and that no plugin switches the REST API off")

    # Images ---------------------------------------------------------------
    def upload(self, use: ImageUse, data: bytes) -> Uploaded:
        answer = self.http.send(
            "POST", self.url("wp/v2/media"), doing=f"uploading {use.name}", long=True, content=data,
            headers={"Content-Type": use.mime, "Content-Disposition": f'attachment; filename="{safe_filename(use.name)}"'})
        body = self._json(answer, f"uploading {use.name}")
        if not body.get("source_url") or "id" not in body:
            raise PublishError(f"WordPress answered the upload of {use.name} without its address")
        return Uploaded(str(body["source_url"]), str(body["id"]))

    def web_cover(self, use: ImageUse) -> Uploaded:
        """WordPress's featured image is one of its own: a cover on the web is fetched and uploaded."""
        got = self.http.send("GET", use.src, doing=f"fetching the cover {use.src}", long=True)
        return self.upload(use, got.content)

    # Posts ----------------------------------------------------------------
    def fetch(self, remote_id: str) -> Remote | None:
        answer = self.http.send("GET", self.url(f"wp/v2/posts/{remote_id}"), doing="looking up the post",
                                params={"context": "edit"}, expect=(404, 410))
        if answer.status_code in (404, 410):
            return None
        return self._remote(self._json(answer, "looking up the post"))

    def create(self, fields: Fields) -> Remote:
        body = self._post_body(fields)
        answer = self.http.send("POST", self.url("wp/v2/posts"), doing="creating the post", json=body)
        return self._remote(self._json(answer, "creating the post"))

    def update(self, current: Remote, fields: Fields) -> Remote:
        body = self._post_body(fields)
        answer = self.http.send("POST", self.url(f"wp/v2/posts/{current.id}"), doing="updating the post", json=body)
        return self._remote(self._json(answer, "updating the post"))

    def _post_body(self, fields: Fields) -> dict:
        body: dict = {"title": fields.title, "content": fields.html, "excerpt": fields.excerpt, "slug": fields.slug,
                      "tags": self._terms("tags", fields.tags)}
        if fields.season:
            body["categories"] = self._terms("categories", [fields.season])
        if fields.status:
            body["status"] = fields.status
        body["featured_media"] = int(fields.cover.id) if fields.cover and fields.cover.id.isdigit() else 0
        return body

    def _terms(self, kind: str, names: list[str]) -> list[int]:
        """Ids of the tags or categories named, created where missing."""
        ids = []
        for name in names:
            doing = f"finding the {_ONE[kind]} {name!r}"
            found = self.http.send("GET", self.url(f"wp/v2/{kind}"), doing=doing,
                                   params={"search": name, "per_page": 100, "context": "view"})
            match = next((t for t in self._json(found, doing, list)
                          if isinstance(t, dict) and html.unescape(str(t.get("name", ""))).casefold() == name.casefold()),
                         None)
            if match is not None:
                ids.append(int(match["id"]))
                continue
            made = self.http.send("POST", self.url(f"wp/v2/{kind}"), doing=doing, json={"name": name},
                                  expect=(400, 401, 403))
            body = self._json(made, doing, object)
            if made.is_success and isinstance(body, dict) and "id" in body:
                ids.append(int(body["id"]))
            elif isinstance(body, dict) and body.get("code") == "term_exists" and (body.get("data") or {}).get("term_id"):
                ids.append(int(body["data"]["term_id"]))  # made meanwhile, or the search missed it
            else:
                self.notes.append(f"{name!r} was left out of the post's {kind}: WordPress would not create it "
                                  f"({self.http.reason(made)})")
        return ids

    def _remote(self, body: dict) -> Remote:
        status = str(body.get("status", ""))
        return Remote(str(body.get("id", "")), str(body.get("link", "")), status, status in LIVE,
                      trashed=status == "trash")

    def _json(self, answer: httpx.Response, doing: str, kind: type = dict):
        try:
            body = answer.json()
        except ValueError:
            body = None
        if not isinstance(body, kind):
            raise PublishError(f"{self.account.site} did not answer as the WordPress REST API does while {doing} "
                               f"(HTTP {answer.status_code}, {answer.headers.get('content-type', 'no type')}): "
                               "is the address the blog's?")
        return body
