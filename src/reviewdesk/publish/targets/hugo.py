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


def shortcode_param(value: str) -> str:
    """A double-quoted shortcode parameter holding Markdown.

    Hugo ends a quoted parameter at the first ``"`` not after a backslash:
    quotes become ``&quot;`` (Markdown shows the character), and a trailing
    backslash gets a space after it so it cannot swallow the closing quote.
    """
    value = value.replace('"', "&quot;")
    if value.endswith("\\"):
        value += " "
    return f'"{value}"'


def raw_param(value: str) -> str:
    """A plain-text shortcode parameter: a raw string when it can be one."""
    if "`" not in value:
        return f"`{value}`"
    return '"' + value.replace('"', '\\"') + '"'


def figure(image: Image) -> str:
    caption = " ".join(image.caption.split())
    parts = [f"src={raw_param(image.src)}"]
    if caption:
        parts.append(f"alt={raw_param(caption)}")
        parts.append(f"caption={shortcode_param(escape_inline(caption))}")
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
