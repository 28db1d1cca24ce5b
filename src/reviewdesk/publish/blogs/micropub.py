"""Micropub (W3C): an endpoint found from the site, a bearer token, JSON posts.

The endpoint is the site's ``rel="micropub"`` link (an HTTP ``Link`` header
or a ``<link>`` in the page); ``q=config`` names the media endpoint images go
to. A post is an ``h-entry`` with the title as ``name``, the body as HTML
``content``, the tagline as ``summary``, genres and season as ``category``,
the slug as ``mp-slug``, the cover as ``featured`` and the status as
``post-status``. The post's URL is its id: an update is ``action: update``
with ``replace``; ``q=source`` tells whether the post is still there and live.
"""

from __future__ import annotations

from html.parser import HTMLParser

import httpx

from reviewdesk.errors import PublishError
from reviewdesk.publish.blogs.content import ImageUse
from reviewdesk.publish.blogs.http import json_or_none
from reviewdesk.publish.blogs.service import Blog, Fields, Remote
from reviewdesk.publish.blogs.uploads import Uploaded


class _Links(HTMLParser):
    """The ``href`` of each ``<link rel=...>`` and ``<a rel=...>`` in a page, by rel."""

    def __init__(self):
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag not in ("link", "a"):
            return
        values = dict(attrs)
        for rel in (values.get("rel") or "").split():
            if values.get("href") and rel not in self.found:
                self.found[rel] = values["href"]


def discover(answer: httpx.Response, rel: str) -> str | None:
    """The absolute address of ``rel`` in a page's Link header or its HTML."""
    link = answer.links.get(rel, {}).get("url")
    if not link and "html" in answer.headers.get("content-type", ""):
        parser = _Links()
        parser.feed(answer.text)
        link = parser.found.get(rel)
    return str(answer.url.join(link)) if link else None


class Micropub(Blog):
    service = "micropub"
    endpoint = ""
    media = ""

    def _http(self, transport):
        from reviewdesk.publish.blogs.http import Http, SchemeAuth

        return Http(self.account, auth=SchemeAuth("Bearer", lambda: self.account.secret), transport=transport)

    def connect(self) -> None:
        site = self.account.site
        doing = f"looking for the Micropub endpoint of {site}"
        page = self.http.send("GET", site + "/", doing=doing, expect=tuple(range(300, 600)))
        endpoint = discover(page, "micropub")
        if not endpoint:
            raise PublishError(f"{site} names no Micropub endpoint (no rel=\"micropub\" link in its headers or "
                               "page): check the address, or that the site supports Micropub")
        self.endpoint = endpoint
        config = self.http.send("GET", endpoint, doing="signing in (asking the Micropub endpoint for its "
                                                       "configuration)", params={"q": "config"}, expect=(400, 404))
        body = json_or_none(config) if config.is_success else None
        self.media = str((body or {}).get("media-endpoint") or "") if isinstance(body, dict) else ""

    def upload(self, use: ImageUse, data: bytes) -> Uploaded:
        if not self.media:
            raise PublishError(f"{self.account.site}'s Micropub server has no media endpoint (its q=config names "
                               f"none), so {use.name} cannot be uploaded: put the images on the web and use "
                               "their addresses in the review, or publish without them")
        answer = self.http.send("POST", self.media, doing=f"uploading {use.name}", long=True,
                                files={"file": (use.name, data, use.mime)})
        where = answer.headers.get("location")
        if not where:
            raise PublishError(f"the media endpoint answered the upload of {use.name} without its address "
                               "(no Location header)")
        return Uploaded(str(answer.url.join(where)))

    def fetch(self, remote_id: str) -> Remote | None:
        answer = self.http.send("GET", self.endpoint, doing="looking up the post", expect=(400, 404, 410),
                                params=[("q", "source"), ("url", remote_id), ("properties[]", "post-status")])
        if answer.status_code in (404, 410):
            return None
        body = json_or_none(answer)
        if answer.status_code == 400:
            error = body.get("error") if isinstance(body, dict) else None
            if error in ("not_found", "gone"):
                return None
            # The server cannot say (q=source is optional): the post is
            # taken to exist, and its status is left as it is.
            return Remote(remote_id, remote_id, "", None)
        props = (body or {}).get("properties") if isinstance(body, dict) else None
        status = ""
        if isinstance(props, dict) and isinstance(props.get("post-status"), list) and props["post-status"]:
            status = str(props["post-status"][0])
        return Remote(remote_id, remote_id, status, (status == "published") if status else None)

    def create(self, fields: Fields) -> Remote:
        answer = self.http.send("POST", self.endpoint, doing="creating the post",
                                json={"type": ["h-entry"], "properties": self._properties(fields)})
        where = answer.headers.get("location")
        if answer.status_code not in (201, 202) or not where:
            raise PublishError(f"the Micropub endpoint answered HTTP {answer.status_code} without the post's "
                               "address (no Location header); look on the blog before publishing again")
        url = str(answer.url.join(where))
        status = fields.status or "draft"
        word = "published" if status == "publish" else "draft"
        return Remote(url, url, word, word == "published")

    def update(self, current: Remote, fields: Fields) -> Remote:
        props = self._properties(fields)
        answer = self.http.send("POST", self.endpoint, doing="updating the post",
                                json={"action": "update", "url": current.id, "replace": props})
        where = answer.headers.get("location") if answer.status_code == 201 else None
        url = str(answer.url.join(where)) if where else current.id
        status = props.get("post-status", [current.status])[0]
        return Remote(url, url, status, (status == "published") if status else None)

    def _properties(self, fields: Fields) -> dict:
        props: dict = {"name": [fields.title], "content": [{"html": fields.html}], "summary": [fields.excerpt],
                       "category": [c for c in [*fields.tags, fields.season] if c], "mp-slug": [fields.slug]}
        if fields.cover:
            props["featured"] = [fields.cover.url]
        if fields.status:
            props["post-status"] = ["published" if fields.status == "publish" else "draft"]
        return props
