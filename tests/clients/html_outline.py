"""What a reader sees in a rendered page: headings, paragraphs, figures, tables."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

_CURLY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def straight(text: str) -> str:
    """Typographic quotes back to straight ones (Hugo's typographer curls them)."""
    return text.translate(_CURLY)


@dataclass
class Outline:
    h1: list[str] = field(default_factory=list)
    h2: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)      # (src, alt)
    figcaptions: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)              # table rows, cells as text
    list_items: list[str] = field(default_factory=list)
    br_in_paragraphs: int = 0
    text: str = ""


class _Reader(HTMLParser):
    CAPTURE = {"h1", "h2", "p", "figcaption", "td", "th", "li"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.o = Outline()
        self.stack: list[tuple[str, list[str]]] = []
        self.row: list[str] | None = None
        self.all: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.o.images.append((a.get("src", ""), a.get("alt", "")))
        elif tag == "br" and any(t == "p" for t, _ in self.stack):
            self.o.br_in_paragraphs += 1
            for _, buf in self.stack:
                buf.append("\n")
        elif tag == "tr":
            self.row = []
        if tag in self.CAPTURE:
            self.stack.append((tag, []))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "tr" and self.row is not None:
            self.o.rows.append(self.row)
            self.row = None
        if tag in self.CAPTURE and self.stack and self.stack[-1][0] == tag:
            _, buf = self.stack.pop()
            text = " ".join("".join(buf).split()) if tag != "p" else _lines("".join(buf))
            if tag in ("td", "th") and self.row is not None:
                self.row.append(text)
            elif tag == "h1":
                self.o.h1.append(text)
            elif tag == "h2":
                self.o.h2.append(text)
            elif tag == "p":
                self.o.paragraphs.append(text)
            elif tag == "figcaption":
                self.o.figcaptions.append(text)
            elif tag == "li":
                self.o.list_items.append(text)
            if self.stack:
                self.stack[-1][1].append(text if tag != "p" else " ".join(text.split()))

    def handle_data(self, data):
        self.all.append(data)
        if self.stack:  # a newline in HTML source is only a space; <br> is the line break
            self.stack[-1][1].append(data.replace("\n", " "))


def _lines(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def outline(page: str) -> Outline:
    reader = _Reader()
    reader.feed(page)
    reader.close()
    reader.o.text = html.unescape("".join(reader.all))
    return reader.o
