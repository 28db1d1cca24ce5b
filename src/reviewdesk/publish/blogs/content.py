"""The post a blog gets: title, HTML body, excerpt, slug, tags, images.

The body is the WordPress target's post (figures with captions, the Series
Information table, spoilers folded in ``<details>``) rendered to HTML, without
the ``#`` title line: every service takes the title as a field of its own.
Images written as web addresses stay as they are; images on disk (a path
relative to the library folder, or an absolute one) are uploaded, and the
body is rendered again with the addresses the blog gave them.
"""

from __future__ import annotations

import copy
import mimetypes
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reviewdesk.errors import PublishError
from reviewdesk.publish.export_options import ExportOptions
from reviewdesk.review.imagefiles import KINDS
from reviewdesk.review.model import Review, exported
from reviewdesk.review.template import Template


@dataclass(frozen=True)
class ImageUse:
    """An image of the post as the draft names it, and where it is."""

    src: str  # as written in the draft
    where: str  # for messages: 'after “What was your favourite moment?”', 'the cover'
    path: Path | None  # the file on disk; None for a web address
    caption: str = ""
    kind: str = ""  # the image's extension as its first bytes say (.jpg, .png...), once read

    @property
    def on_the_web(self) -> bool:
        return self.path is None

    @property
    def name(self) -> str:
        """The file name the blog is given."""
        if self.path is not None:
            return self.path.name
        return Path(unquote(urlsplit(self.src).path)).name or "image"

    @property
    def mime(self) -> str:
        return KINDS.get(self.kind) or mimetypes.guess_type(self.name)[0] or "application/octet-stream"


@dataclass
class PostContent:
    review: Review
    template: Template
    mates: Sequence[tuple[str, str]]
    options: ExportOptions
    title: str
    excerpt: str
    slug: str
    tags: list[str]
    season: str
    images: list[ImageUse] = field(default_factory=list)  # body images, each source once
    cover: ImageUse | None = None

    @property
    def files(self) -> list[ImageUse]:
        """The images on disk, cover included, each source once: what may need uploading."""
        seen, out = set(), []
        for use in ([self.cover] if self.cover else []) + self.images:
            if use.path is not None and use.src not in seen:
                seen.add(use.src)
                out.append(use)
        return out

    def html(self, addresses: Mapping[str, str] | None = None) -> str:
        """The body as HTML, each image's source swapped for its address in ``addresses``."""
        from reviewdesk.publish.targets import render
        from reviewdesk.publish.targets.html import to_html

        review = self.review
        if addresses:
            review = copy.deepcopy(review)
            for answer in review.answers.values():
                for image in answer.images:
                    image.src = addresses.get(image.src, image.src)
        rendered = render(review, self.template, self.mates, "wordpress", self.options)
        return to_html(rendered.text)


def _locate(src: str, root: Path) -> Path | None:
    """The file an image source names, or None for a web address."""
    parts = urlsplit(src)
    if parts.scheme in ("http", "https"):
        return None
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    path = Path(src).expanduser()
    return path if path.is_absolute() else root / path


def plain_text(markdown: str) -> str:
    """Prose as one line of plain text: markup dropped, words kept (an excerpt)."""
    from markdown_it import MarkdownIt

    words = []
    for token in MarkdownIt("commonmark").parse(markdown):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.type == "paragraph_close":
            words.append(" ")
    return " ".join("".join(words).split())


def gather(review: Review, template: Template, mates: Sequence[tuple[str, str]], root: Path,
           options: ExportOptions | None = None) -> PostContent:
    """The post for ``review``; image paths are read relative to ``root``, the library folder."""
    from reviewdesk.publish.targets._body import info_list

    options = replace(options or ExportOptions(), include_title=False)
    images, seen = [], set()
    for q in template.questions:
        answer = review.peek(q.id)
        if not exported(answer):
            continue
        for image in answer.images:
            if image.src not in seen:
                seen.add(image.src)
                images.append(ImageUse(image.src, f"after “{q.heading}”", _locate(image.src, root), image.caption))
    cover = None
    if review.cover.strip():
        src = review.cover.strip()
        cover = ImageUse(src, "the cover", _locate(src, root), review.title)
    return PostContent(
        review=review, template=template, mates=tuple(mates), options=options,
        title=review.title, excerpt=plain_text(review.tagline), slug=review.slug,
        tags=info_list(review, template, "genres", "genre"), season=review.season.strip(),
        images=images, cover=cover)


def check_files(post: PostContent) -> None:
    """Every image file is there and readable: else one message naming each, before anything is sent."""
    problems = []
    for use in post.files:
        path = use.path
        assert path is not None
        if not path.exists():
            problems.append(f"{use.src!r} ({use.where}) is not there: looked for {path}")
        elif not path.is_file():
            problems.append(f"{use.src!r} ({use.where}) is not a file: {path}")
        elif not _readable(path):
            problems.append(f"{use.src!r} ({use.where}) cannot be read: {path}")
    if problems:
        what = "an image is" if len(problems) == 1 else f"{len(problems)} images are"
        raise PublishError(f"nothing was sent: {what} missing. " + "; ".join(problems)
                           + ". Put the file there, or fix or remove the image in the review, then publish again "
                           "(relative paths are read from the library folder)")


def _readable(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError:
        return False
    return True
