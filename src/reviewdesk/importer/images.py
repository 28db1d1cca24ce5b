"""The images that end a section, with their captions: ``![alt](src)`` with
an italic caption line under it, ``<figure>`` with ``<figcaption>``, or Hugo's
``{{< figure >}}``. An image inside the prose stays in the prose."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from reviewdesk.importer.blocks import Block, markdown_blocks, parser, plain_text, section_text
from reviewdesk.review.model import Image


_IMAGE_ONLY = re.compile(
    r"^!\[(?P<alt>(?:\\.|[^\\\[\]])*)\]\(\s*(?P<dest><(?:\\.|[^<>\\\n])*>|(?:\\.|[^\s()\\]|\((?:\\.|[^\s()\\])*\))*)"
    r"(?:\s+(?:\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|\((?:\\.|[^()\\])*\)))?\s*\)$", re.S)
_ASCII_PUNCT_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _destination(raw: str) -> str:
    """A link destination as written, without its <> and backslash escapes."""
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return _ASCII_PUNCT_ESCAPE.sub(r"\1", raw)


def _image_paragraph(block: Block, source: str) -> tuple[Image, str | None] | None:
    """(image, caption from an italic line in the same paragraph) or None."""
    inline = block.tokens[1]
    kids = [k for k in inline.children or []]
    if not kids or kids[0].type != "image":
        return None
    first_line = source.split("\n", 1)[0].strip()
    m = _IMAGE_ONLY.match(first_line)
    if not m:
        return None
    alt = plain_text(kids[0].children)
    rest = kids[1:]
    if not rest:
        return Image(_destination(m.group("dest")), alt), None
    if rest[0].type in ("softbreak", "hardbreak"):
        caption = emphasis_only(rest[1:])
        if caption is not None:
            return Image(_destination(m.group("dest")), alt), caption
    return None


def emphasis_only(kids) -> str | None:
    """The text of an inline run that is one emphasis (``*text*``), else None."""
    if len(kids) >= 2 and kids[0].type == "em_open" and kids[-1].type == "em_close":
        inner = kids[1:-1]
        if not any(k.type == "em_open" and k.level == kids[0].level for k in inner):
            return plain_text(inner)
    return None


class _FigureParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.src: str | None = None
        self.alt = ""
        self.caption: list[str] = []
        self.in_caption = False
        self.other = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img" and self.src is None:
            self.src = a.get("src") or ""
            self.alt = a.get("alt") or ""
        elif tag == "figcaption":
            self.in_caption = True
        elif tag == "br" and self.in_caption:
            self.caption.append("\n")
        elif tag not in ("figure", "img", "a", "em", "strong", "i", "b", "span", "p", "cite"):
            self.other = True

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self.in_caption = False

    def handle_data(self, data):
        if self.in_caption:
            self.caption.append(data)
        elif data.strip():
            self.other = True


def _figure_html(source: str) -> Image | None:
    text = source.strip()
    if not re.fullmatch(r"<figure\b.*</figure>", text, re.S | re.I):
        return None
    parser = _FigureParser()
    parser.feed(text)
    parser.close()
    if parser.src is None or parser.other:
        return None
    caption = " ".join("".join(parser.caption).split()) or parser.alt
    return Image(parser.src, caption)


_SHORTCODE = re.compile(r"^\{\{<\s*figure\s+(?P<params>.*?)\s*>\}\}$", re.S)
_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:\\"|[^"])*)"|`([^`]*)`|(\S+))')


def _figure_shortcode(source: str) -> Image | None:
    m = _SHORTCODE.match(source.strip())
    if not m:
        return None
    params = {}
    for p in _PARAM.finditer(m.group("params")):
        if p.group(2) is not None:
            params[p.group(1)] = p.group(2).replace('\\"', '"')
        elif p.group(3) is not None:
            params[p.group(1)] = p.group(3)
        else:
            params[p.group(1)] = p.group(4)
    if "src" not in params:
        return None
    caption = ""
    if "caption" in params:  # Hugo renders a caption as Markdown, however it is quoted
        caption = _inline_plain(params["caption"])
    elif "alt" in params:
        caption = params["alt"]
    return Image(params["src"], caption)


def _inline_plain(markdown: str) -> str:
    tokens = parser().parseInline(markdown)
    return plain_text(tokens[0].children) if tokens else markdown


def _image_block(block: Block, source: str) -> Image | None:
    """A block that is only an image with its caption (our three forms)."""
    if block.kind == "html":
        return _figure_html(source)
    if block.kind == "paragraph":
        return _figure_shortcode(source)
    return None


def split_images(lines: list[str]) -> tuple[str, list[Image]]:
    """A section's prose and the images that end it."""
    text = "\n".join(lines)
    blocks = markdown_blocks(text)
    src_lines = text.split("\n")

    def source(b: Block) -> str:
        return "\n".join(src_lines[b.start:b.end])

    images: list[Image] = []
    cut = len(src_lines)
    i = len(blocks) - 1
    while i >= 0:
        b = blocks[i]
        found = _image_block(b, source(b))
        if found is not None:
            images.insert(0, found)
            cut = b.start
            i -= 1
            continue
        if b.kind == "paragraph":
            # ![alt](src) then *caption* as its own paragraph, or in the same one
            pair = _image_paragraph(b, source(b))
            if pair is not None:
                image, caption = pair
                if caption is not None and image.caption and caption != image.caption:
                    break
                images.insert(0, Image(image.src, caption or image.caption))
                cut = b.start
                i -= 1
                continue
            caption = emphasis_only(b.tokens[1].children or [])
            if caption is not None and i > 0 and blocks[i - 1].kind == "paragraph":
                pair = _image_paragraph(blocks[i - 1], source(blocks[i - 1]))
                if pair is not None and pair[1] is None and (not pair[0].caption or pair[0].caption == caption):
                    images.insert(0, Image(pair[0].src, caption))
                    cut = blocks[i - 1].start
                    i -= 2
                    continue
        break
    return section_text(src_lines[:cut]), images
