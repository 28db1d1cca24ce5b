"""A publish, planned and carried out.

``plan`` sends nothing: it makes the post, checks every image file is there
(a missing one stops it, named with its question), hashes the images to
know which the blog already has, and decides whether this creates a post or
updates the one recorded in the draft's ``[published.<account>]``. That plan
is what ``--dry-run`` shows.

``carry_out`` then talks to the blog, in an order that leaves nothing half
done: sign in; look up the recorded post (gone from the blog: stop, and
``--new`` creates another); upload the images the blog does not have yet,
each remembered as soon as it is up; and only then create or update the
post. Any failure before that last step leaves the blog's posts as they
were, and a retry reuses the images already uploaded.

Nothing goes live unless the status asked for is ``publish``; a post the
blog already shows stays live when it is updated as a draft.
``record`` writes the outcome into the draft.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reviewdesk.errors import PublishError
from reviewdesk.publish.blogs.accounts import LABELS, Account
from reviewdesk.publish.blogs.content import ImageUse, PostContent, check_files, gather
from reviewdesk.publish.blogs.uploads import Ledger, Uploaded, digest
from reviewdesk.review.imagefiles import NAMES, image_kind
from reviewdesk.review.model import PublishRecord, Review, now
from reviewdesk.review.template import Template

STATUSES = ("draft", "publish")
# (done, total, what): the same callback as the command line's progress bar.
Progress = Callable[[int, int, str], None]


@dataclass
class ImagePlan:
    use: ImageUse
    sha: str = ""
    known: Uploaded | None = None  # already on this account's blog

    @property
    def to_upload(self) -> bool:
        return not self.use.on_the_web and self.known is None


@dataclass
class Plan:
    account: Account
    post: PostContent
    status: str  # what the writer asked for: draft or publish
    record: PublishRecord | None  # the post this updates; None creates one
    images: list[ImagePlan] = field(default_factory=list)  # files, cover first

    @property
    def cover(self) -> ImagePlan | None:
        cover = self.post.cover
        if cover is None:
            return None
        return next((p for p in self.images if p.use.src == cover.src), ImagePlan(cover))

    @property
    def uploads(self) -> list[ImagePlan]:
        return [p for p in self.images if p.to_upload]

    @property
    def action(self) -> str:
        if self.record is None:
            return f"create a new {'post, live' if self.status == 'publish' else 'draft post'}"
        live = "and publish it" if self.status == "publish" else "(a live post stays live)"
        return f"update the post recorded in the draft (id {self.record.id}) {live}"

    def describe(self) -> dict:
        """What would be sent, for ``--dry-run`` (the body's HTML as its size, not its text)."""
        post = self.post
        html = post.html()
        return {
            "service": self.account.service, "account": self.account.name, "site": self.account.site,
            "action": self.action, "status": self.status,
            "post": {"title": post.title, "slug": post.slug, "excerpt": post.excerpt, "tags": post.tags,
                     "season": post.season, "cover": post.cover.src if post.cover else "",
                     "html_characters": len(html)},
            "images": [{"src": p.use.src, "where": p.use.where, "upload": self._upload_word(p),
                        "address": p.known.url if p.known else ""}
                       for p in self.images],
            "web_images": [u.src for u in post.images if u.on_the_web],
        }


    def _upload_word(self, image: ImagePlan) -> str:
        if image.use.on_the_web:
            if self.account.service == "wordpress" and image.known is None:
                return "yes (fetched from the web: WordPress's featured image is one of its own)"
            return "no (on the web)" if self.account.service != "wordpress" else "no (on the blog already)"
        return "yes" if image.to_upload else "no (on the blog already)"


@dataclass
class Outcome:
    account: Account
    id: str
    url: str
    status: str  # the blog's word for the post's status now
    live: bool | None
    created: bool
    uploaded: list[str] = field(default_factory=list)  # sources sent this time
    reused: list[str] = field(default_factory=list)  # sources the blog already had
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def plan(review: Review, template: Template, mates: Sequence[tuple[str, str]], root: Path, account: Account,
         status: str = "draft", new: bool = False) -> Plan:
    """What a publish would do; nothing is sent. Raises PublishError for a missing image."""
    if status not in STATUSES:
        raise PublishError(f"the status is draft or publish, not {status!r}")
    post = gather(review, template, mates, root)
    check_files(post)
    record = None if new else review.published.get(account.name)
    if record is not None and record.site and record.site.rstrip("/") != account.site:
        raise PublishError(f"this review was published to {record.site} with the account {account.name!r}, "
                           f"which now points at {account.site}: publish with --new to create a post there")
    ledger = Ledger(account.name, account.site)
    images, not_images = [], []
    for use in post.files:
        data = _read(use)
        kind = image_kind(data[:16])
        if kind is None:
            not_images.append(f"{use.src!r} ({use.where}): {use.path}")
            continue
        sha = digest(data)
        images.append(ImagePlan(replace(use, kind=kind), sha, ledger.find(sha)))
    if not_images:
        # An imported draft can name any file on disk: only pictures ever leave it.
        raise PublishError(f"nothing was sent: only {NAMES} images are uploaded, and "
                           + ("this file is not one: " if len(not_images) == 1 else "these files are not: ")
                           + "; ".join(not_images) + ". Fix or remove the image in the review, then publish again")
    if post.cover is not None and post.cover.on_the_web:
        images.insert(0, ImagePlan(post.cover, "", ledger.find(_web_key(post.cover.src))
                                   if account.service == "wordpress" else Uploaded(post.cover.src)))
    return Plan(account, post, status, record, images)


def _web_key(url: str) -> str:
    """The ledger's key for a cover WordPress fetched from the web and took in."""
    return "url:" + digest(url.encode("utf-8"))


def _read(use: ImageUse) -> bytes:
    try:
        return use.path.read_bytes()
    except OSError as exc:
        raise PublishError(f"nothing was sent: cannot read the image {use.src!r} ({use.where}): "
                           f"{exc.strerror or exc}") from None


def make(account: Account, transport=None):
    """The client for the account's service (each imports httpx, so only when sending)."""
    if account.service == "wordpress":
        from reviewdesk.publish.blogs.wordpress import WordPress as cls
    elif account.service == "ghost":
        from reviewdesk.publish.blogs.ghost import Ghost as cls
    else:
        from reviewdesk.publish.blogs.micropub import Micropub as cls
    return cls(account, transport)


def carry_out(plan: Plan, progress: Progress | None = None, transport=None) -> Outcome:
    """Publish as planned. PublishError says what failed and what was (not) done."""
    from reviewdesk.publish.blogs.http import joined
    from reviewdesk.publish.blogs.service import Fields

    started = time.monotonic()
    account = plan.account
    ledger = Ledger(account.name, account.site)
    steps = len(plan.uploads) + (1 if plan.cover and plan.cover.use.on_the_web and plan.cover.known is None
                                 and account.service == "wordpress" else 0) + 2
    done = 0

    def step(what: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps, what)

    uploaded: list[str] = []
    addresses: dict[str, str] = {}
    reused: list[str] = []
    with make(account, transport) as blog:
        try:
            blog.connect()
            current = None
            if plan.record is not None:
                current = blog.fetch(plan.record.id)
                _check_still_there(plan, current)
            step("signed in")
            cover: Uploaded | None = None
            for image in plan.images:
                use = image.use
                if use.on_the_web:  # only a cover: body images on the web are left as they are
                    if image.known is not None:
                        cover = image.known
                        if account.service == "wordpress":  # fetched and uploaded by an earlier publish
                            reused.append(use.src)
                        continue
                    step(f"fetching the cover {use.name}")
                    cover = blog.web_cover(use)
                    ledger.remember(_web_key(use.src), cover, use.name)
                    uploaded.append(use.src)
                    continue
                got = image.known or ledger.find(image.sha)  # a run beside this one may have sent it
                if got is None:
                    step(f"uploading {use.name}")
                    got = blog.upload(use, _read(use))
                    ledger.remember(image.sha, got, use.name)
                    uploaded.append(use.src)
                else:
                    reused.append(use.src)
                addresses[use.src] = got.url
                if plan.post.cover is not None and use.src == plan.post.cover.src:
                    cover = got
            post = plan.post
            if plan.status == "publish":
                send_status = "publish"
            elif current is not None and current.live is not False:
                send_status = None  # live (or the blog cannot say): its status is left alone
            else:
                send_status = "draft"
            fields = Fields(post.title, post.html(addresses), post.excerpt, post.slug, post.tags, post.season,
                            send_status, cover)
        except PublishError as exc:
            raise PublishError(joined(str(exc), _nothing_changed(uploaded))) from None
        step("sending the post")
        try:
            remote = blog.update(current, fields) if current is not None else blog.create(fields)
        except PublishError as exc:
            if getattr(exc, "uncertain", False):
                raise PublishError(joined(str(exc), "The blog may have the post anyway: look at its posts "
                                                    "before publishing again, so as not to make two")) from None
            raise PublishError(joined(str(exc), _nothing_changed(uploaded))) from None
        notes = list(blog.notes)
    if current is not None and current.live and plan.status != "publish":
        notes.append("the post is live on the blog and stays live: Review Desk never turns a published post "
                     "back into a draft (unpublish it on the blog if you meant to)")
    return Outcome(account, remote.id, remote.url, remote.status, remote.live, current is None, uploaded,
                   reused, notes, time.monotonic() - started)


def _check_still_there(plan: Plan, current) -> None:
    record = plan.record
    label = LABELS[plan.account.service]
    if current is None:
        raise PublishError(f"the post this review was published as on {plan.account.site} ({label} id "
                           f"{record.id}) is no longer on the blog (deleted?): publish with --new to create "
                           "another")
    if current.trashed:
        raise PublishError(f"the post this review was published as on {plan.account.site} ({label} id "
                           f"{record.id}) is in the blog's trash: restore it there to update it, or publish with "
                           "--new to create another")


def _nothing_changed(uploaded: list[str]) -> str:
    said = "No post was created or changed."
    if uploaded:
        n = len(uploaded)
        said = said[:-1] + (f"; the {n} image{'s' if n > 1 else ''} uploaded {'are' if n > 1 else 'is'} "
                            "remembered and will not be sent again.")
    return said


def record(review: Review, outcome: Outcome) -> PublishRecord:
    """Write where the review went into ``[published.<account>]``; a live post
    also makes the review published, with the post's address as its URL."""
    entry = PublishRecord(outcome.account.service, outcome.id, outcome.url, outcome.status or "",
                          outcome.account.site, now())
    old = review.published.get(outcome.account.name)
    if old is not None and not outcome.created:
        entry.extra = dict(old.extra)
    review.published[outcome.account.name] = entry
    if outcome.live:
        review.status = "published"
        if outcome.url:
            review.url = outcome.url
    return entry
