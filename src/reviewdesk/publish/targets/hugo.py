"""Hugo: TOML front matter between ``+++``, captions through ``{{< figure >}}``.

Hugo takes the title from the front matter, so the body has no ``#`` title
line. The front matter is written by tomli-w, so any title reads back as
itself. Hugo runs shortcodes everywhere in the body, code included: a
complete one the writer typed is kept (they mean it to run, and the export
says so), a stray ``{{<`` is written as ``{{&lt;`` so the build does not fail.
"""

from __future__ import annotations

import re

from reviewdesk.publish import export
from reviewdesk.publish import spoilers
from reviewdesk.publish.markdown_text import escape_inline
from reviewdesk.review.model import Image
from reviewdesk.publish.targets import _body
from reviewdesk.publish.targets._types import Rendered, Request

_COMPLETE = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}", re.S)


def shortcodes(text: str) -> list[str]:
    """The complete shortcodes in a text (``{{< youtube id >}}``)."""
    return _COMPLETE.findall(text)


def escape_shortcodes(text: str) -> str:
    """Stray ``{{<``/``{{%`` as entities, so Hugo does not fail the build.

    A complete shortcode is left as written: a writer who types
    ``{{< youtube id >}}`` into a post for Hugo means it to run.
    """
    out, pos = [], 0
    for m in _COMPLETE.finditer(text):
        out.append(_escape_openings(text[pos:m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(_escape_openings(text[pos:]))
    return "".join(out)


def _escape_openings(text: str) -> str:
    return re.sub(r"\{\{([<%])", lambda m: "{{" + ("&lt;" if m.group(1) == "<" else "&#37;"), text)


def raw_param(value: str) -> str:
    """A shortcode parameter as a raw string, in backticks: Hugo takes every
    character in it as written (quotes, backslashes, ``>}}``) but the
    backtick, which it cannot hold: callers take backticks out first."""
    return f"`{value}`"


def quoted_param(value: str) -> str:
    """A plain-text shortcode parameter that holds a backtick, double-quoted.

    Hugo (0.111, checked by tests/clients/test_hugo.py) reads ``\\"`` as a
    quote inside one; a value with such a quote loses every backslash, and
    a backslash before a backtick ("unrecognized escape character") or
    before the closing quote ("Cannot mix named and positional parameters")
    fails the build. So without quotes, a backslash before a backtick or at
    the end gets a space after it; with quotes, where no backslash can be
    written, each is drawn as ``⧵`` (U+29F5), which looks the same.
    """
    if '"' in value:
        return '"' + value.replace("\\", "\u29f5").replace('"', '\\"') + '"'
    value = re.sub(r"\\(?=`)", "\\ ", value)
    if value.endswith("\\"):
        value += " "
    return f'"{value}"'


def text_param(value: str) -> str:
    """A plain-text parameter (the alt text): raw when it can be, exactly as written."""
    return quoted_param(value) if "`" in value else raw_param(value)


def markdown_param(markdown: str) -> str:
    """A parameter Hugo renders as Markdown (the caption), always raw: its
    backticks (escaped by escape_inline as ``\\```) become ``&#96;``,
    which Markdown shows as a backtick."""
    return raw_param(markdown.replace("\\`", "&#96;").replace("`", "&#96;"))


def url_param(src: str) -> str:
    """An image source, always raw: a backtick or a line break in it is
    percent-encoded (the same address to a browser; Hugo writes a backtick
    out as ``%60`` itself)."""
    return raw_param(src.replace("`", "%60").replace("\r", "%0D").replace("\n", "%0A"))


def figure(image: Image) -> str:
    """``{{< figure >}}`` for an image: its source, its caption as alt text
    and as the caption Hugo shows, each quoted so that no character in them
    (a backtick, quotes, ``>}}``, a backslash) can end a parameter early."""
    caption = " ".join(image.caption.split())
    parts = [f"src={url_param(image.src)}"]
    if caption:
        parts.append(f"alt={text_param(caption)}")
        parts.append(f"caption={markdown_param(escape_inline(caption))}")
    return "{{< figure " + " ".join(parts) + " >}}"


def front_matter(req: Request) -> dict:
    review = req.review
    data: dict = {
        "title": review.title,
        "date": review.created,
        "lastmod": review.updated,
        "draft": review.status == "draft",
        "slug": review.slug or None,
    }
    if review.tagline.strip():
        data["summary"] = review.tagline.strip()
    tags = _body.info_list(review, req.template, "genres", "genre", "tags")
    if tags:
        data["tags"] = tags
    if review.season.strip():
        data["categories"] = [review.season.strip()]
    images = _body.image_sources(review, req.template)
    if review.cover:
        # ``image`` is the featured image themes read; Hugo's own Open Graph
        # and Twitter Card templates take the first of ``images``.
        data["image"] = review.cover
        images = [review.cover] + [src for src in images if src != review.cover]
    if images:
        data["images"] = images
    return data


def render(req: Request) -> Rendered:
    from reviewdesk.publish.frontmatter import toml_block

    style = export.Style(include_title=False, prose=lambda t: escape_shortcodes(export.prose(t)),
                        image=figure, spoiler=spoilers.hugo_details)
    text = export.to_markdown(req.review, req.template, req.mates, req.options, style)
    notes = []
    used = [code for q in req.template.questions if export.exported(req.review.peek(q.id))
            for code in shortcodes(req.review.peek(q.id).text)]
    if used:
        notes.append("Hugo will run the shortcodes in your text: " + ", ".join(sorted(set(used))[:5]) + ".")
    if export.has_spoilers(req.review, req.template):
        notes.append("Spoilers use Hugo's details shortcode (Hugo 0.140 or newer; an older site needs "
                     "a layouts/shortcodes/details.html of its own).")
    if _body.has_raw_html(text):
        notes.append("Hugo leaves out raw HTML unless the site sets markup.goldmark.renderer.unsafe = true.")
    return Rendered(toml_block(front_matter(req)) + "\n" + text, export.export_filename(req.review), "hugo",
                    tuple(notes))
