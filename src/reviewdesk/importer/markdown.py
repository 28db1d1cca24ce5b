"""An existing review in Markdown -> a draft.

What is read:
- front matter (``+++`` TOML or ``---`` YAML): title, summary/description/
  excerpt (the tagline), date/pubDate, lastmod/updatedDate, tags (the
  genres), season or a single category, draft/published;
- the title: the front matter's, else the first heading when it stands above
  the rest (an ``#`` over ``##`` sections) or matches no question;
- the tagline: the text before the first section;
- one section per heading at the questions' level, matched to the template's
  questions with case, punctuation and numbering ignored ("2) What
  happened" is "What happened?"); deeper headings stay in the answer's text;
- images at the end of a section, with their captions: ``![alt](src)`` with
  an italic caption line under it, ``<figure>`` with ``<figcaption>``, or
  Hugo's ``{{< figure >}}``;
- "Series Information" from a two-column table or a ``Label: value`` list;
- "Other shows from <season>": the season (its links come from the library).

Nothing is dropped: a section that matches no question (or repeats one)
becomes an extra answer, kept in the draft under its own id with its
heading, and each such decision is reported in :attr:`ImportResult.notes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from reviewdesk.publish import frontmatter
from reviewdesk.errors import ReviewDeskError
from reviewdesk.review.model import Answer, Image, Review, normalize_text, parse_info_value
from reviewdesk.review.slug import slugify
from reviewdesk.review.template import DEFAULT_TEMPLATE, Template, list_templates, load_template

SERIES_HEADING = "Series Information"
OTHERS_PREFIX = "Other shows from"
EXTRA_PREFIX = "extra-"


class ImportError_(ReviewDeskError):
    """A file that cannot be imported (unreadable, not text, bad front matter)."""


@dataclass
class ImportResult:
    review: Review
    template: Template
    matched: list[str] = field(default_factory=list)  # question ids filled
    extras: list[str] = field(default_factory=list)   # extra answer ids made
    notes: list[str] = field(default_factory=list)    # what the writer should know


@dataclass
class _Heading:
    level: int
    text: str        # plain text, as a reader sees it
    start: int       # first line
    end: int         # line after the heading


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


# Matching ------------------------------------------------------------------

_NUMBERING = re.compile(
    r"^\s*(?:(?:q(?:uestion)?|part|section)\s*)?(?:\d+|[ivxlc]+)\s*[.):\-\u2013\u2014]\s*"
    r"|^\s*(?:q(?:uestion)?\s*)\d+\s+", re.I)


def fold(text: str) -> str:
    """A heading reduced to letters and digits, numbering removed."""
    stripped = _NUMBERING.sub("", text, count=1)
    folded = re.sub(r"[\W_]+", "", stripped.casefold())
    if not folded:  # the heading was only a number: keep it
        folded = re.sub(r"[\W_]+", "", text.casefold())
    return folded


def _question_index(template: Template) -> dict[str, str]:
    index: dict[str, str] = {}
    for q in template.questions:
        index.setdefault(fold(q.heading), q.id)
        index.setdefault(fold(q.id), q.id)
    return index


def _special(text: str) -> str | None:
    folded = fold(text)
    if folded == fold(SERIES_HEADING):
        return "series"
    if _OTHERS.match(text):
        return "others"
    return None


_OTHERS = re.compile(r"^\W*other\s+shows\s+from\s+(?P<season>\S.*)$", re.I | re.S)


def guess_template(text: str) -> Template:
    """The template whose questions match most headings (the default on a tie)."""
    _, body, _ = frontmatter.split(normalize_text(text))
    headings = {fold(h.text) for h in _headings(body)}
    good, _ = list_templates()
    best, best_score = None, 0
    for template in good:
        score = len(headings & set(_question_index(template)))
        if score > best_score or (score == best_score and score and template.id == DEFAULT_TEMPLATE):
            best, best_score = template, score
    return best or load_template(DEFAULT_TEMPLATE)


# Reading Markdown ------------------------------------------------------------

def _plain(children) -> str:
    """An inline token list as the plain text a reader sees."""
    out: list[str] = []
    for t in children or []:
        if t.type in ("text", "code_inline"):
            out.append(t.content)
        elif t.type in ("softbreak",):
            out.append(" ")
        elif t.type == "hardbreak":
            out.append("\n")
        elif t.type == "html_inline":
            out.append("\n" if re.fullmatch(r"<br\s*/?>", t.content, re.I) else t.content)
        elif t.type == "image":
            out.append(_plain(t.children))
    return "".join(out)


def _headings(body: str) -> list[_Heading]:
    tokens = _md().parse(body)
    found = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open" and t.level == 0 and t.map:
            found.append(_Heading(int(t.tag[1]), _plain(tokens[i + 1].children).strip(), t.map[0], t.map[1]))
    return found


@dataclass
class _Block:
    kind: str      # paragraph, table, list, html, other
    start: int
    end: int
    tokens: list


def _blocks(text: str) -> list[_Block]:
    tokens = _md().parse(text)
    blocks: list[_Block] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.level == 0 and t.map:
            j = i
            if t.nesting == 1:
                depth = 0
                for j in range(i, len(tokens)):
                    depth += tokens[j].nesting
                    if depth == 0:
                        break
            kind = {"paragraph_open": "paragraph", "table_open": "table", "bullet_list_open": "list",
                    "ordered_list_open": "list", "html_block": "html"}.get(t.type, "other")
            blocks.append(_Block(kind, t.map[0], t.map[1], tokens[i:j + 1]))
            i = j + 1
        else:
            i += 1
    return blocks


_IMAGE_ONLY = re.compile(
    r"^!\[(?P<alt>(?:\\.|[^\\\[\]])*)\]\(\s*(?P<dest><(?:\\.|[^<>\\\n])*>|(?:\\.|[^\s()\\]|\((?:\\.|[^\s()\\])*\))*)"
    r"(?:\s+(?:\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|\((?:\\.|[^()\\])*\)))?\s*\)$", re.S)
_ASCII_PUNCT_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _destination(raw: str) -> str:
    """A link destination as written, without its <> and backslash escapes."""
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return _ASCII_PUNCT_ESCAPE.sub(r"\1", raw)


def _image_paragraph(block: _Block, source: str) -> tuple[Image, str | None] | None:
    """(image, caption from an italic line in the same paragraph) or None."""
    inline = block.tokens[1]
    kids = [k for k in inline.children or []]
    if not kids or kids[0].type != "image":
        return None
    first_line = source.split("\n", 1)[0].strip()
    m = _IMAGE_ONLY.match(first_line)
    if not m:
        return None
    alt = _plain(kids[0].children)
    rest = kids[1:]
    if not rest:
        return Image(_destination(m.group("dest")), alt), None
    if rest[0].type in ("softbreak", "hardbreak"):
        caption = _emphasis_only(rest[1:])
        if caption is not None:
            return Image(_destination(m.group("dest")), alt), caption
    return None


def _emphasis_only(kids) -> str | None:
    """The text of an inline run that is one emphasis (``*text*``), else None."""
    if len(kids) >= 2 and kids[0].type == "em_open" and kids[-1].type == "em_close":
        inner = kids[1:-1]
        if not any(k.type == "em_open" and k.level == kids[0].level for k in inner):
            return _plain(inner)
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
    tokens = _md().parseInline(markdown)
    return _plain(tokens[0].children) if tokens else markdown


def _image_block(block: _Block, source: str) -> Image | None:
    """A block that is only an image with its caption (our three forms)."""
    if block.kind == "html":
        return _figure_html(source)
    if block.kind == "paragraph":
        return _figure_shortcode(source)
    return None


# Sections ------------------------------------------------------------------

def _section_text(lines: list[str]) -> str:
    """Lines as prose: the same trimming the export does (see export.prose)."""
    return "\n".join(lines).strip("\n").rstrip()


def _split_images(lines: list[str]) -> tuple[str, list[Image]]:
    """A section's prose and the images that end it."""
    text = "\n".join(lines)
    blocks = _blocks(text)
    src_lines = text.split("\n")

    def source(b: _Block) -> str:
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
            caption = _emphasis_only(b.tokens[1].children or [])
            if caption is not None and i > 0 and blocks[i - 1].kind == "paragraph":
                pair = _image_paragraph(blocks[i - 1], source(blocks[i - 1]))
                if pair is not None and pair[1] is None and (not pair[0].caption or pair[0].caption == caption):
                    images.insert(0, Image(pair[0].src, caption))
                    cut = blocks[i - 1].start
                    i -= 2
                    continue
        break
    return _section_text(src_lines[:cut]), images


def _series(lines: list[str], template: Template, review: Review, notes: list[str]) -> str:
    """Read Series Information into ``review.info``; returns what was not read."""
    text = "\n".join(lines)
    src_lines = text.split("\n")
    leftover: list[str] = []
    for block in _blocks(text):
        rows: list[tuple[str, str]] = []
        if block.kind == "table":
            cells: list[str] = []
            for t in block.tokens:
                if t.type == "tr_open":
                    cells = []
                elif t.type == "inline":
                    cells.append(_plain(t.children).strip())
                elif t.type == "tr_close" and len(cells) >= 2:
                    rows.append((cells[0], " | ".join(cells[1:]) if len(cells) > 2 else cells[1]))
        elif block.kind == "list":
            for t in block.tokens:
                if t.type == "inline":
                    line = _plain(t.children).strip()
                    m = re.match(r"^(.+?)\s*:\s*(.*)$", line, re.S)
                    rows.append((m.group(1), m.group(2)) if m else (line, ""))
        unread = []
        for label, value in rows:
            if not label.strip() and not value.strip():
                continue
            f = _info_field(template, label)
            if f is None:
                unread.append(f"- {label}: {value}" if value else f"- {label}")
                continue
            try:
                parsed = parse_info_value(f, value)
            except ReviewDeskError as exc:
                unread.append(f"- {label}: {value}")
                notes.append(f"Series Information: {exc}; kept as text in an extra section.")
                continue
            if parsed not in ("", []):
                review.info[f.id] = parsed
        if not rows:
            leftover.append("\n".join(src_lines[block.start:block.end]))
        elif unread:
            leftover.append("\n".join(unread))
    return "\n\n".join(leftover).strip()


def _info_field(template: Template, label: str):
    folded = fold(label)
    for f in template.info:
        if folded and folded in (fold(f.label), fold(f.id)):
            return f
    return None


# Front matter ----------------------------------------------------------------

def _as_datetime(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return None


_FM_USED = {"title", "summary", "description", "excerpt", "date", "pubdate", "publishdate", "lastmod",
            "updated", "updateddate", "tags", "season", "categories", "draft", "published"}
_FM_OURS = {"layout", "slug", "images", "heroimage"}


def _toml_safe(value):
    if value is None:
        return None
    if isinstance(value, dict):
        return {str(k): v for k, v in ((k, _toml_safe(v)) for k, v in value.items()) if v is not None}
    if isinstance(value, list):
        return [v for v in (_toml_safe(v) for v in value) if v is not None]
    return value


# The import ------------------------------------------------------------------

def parse(text: str, template: Template | None = None, *, name: str = "") -> ImportResult:
    """Turn Markdown into a draft (not saved). ``name``: the file's name, for
    a title when the text has none and for messages."""
    text = normalize_text(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        meta, body, kind = frontmatter.split(text)
    except frontmatter.FrontMatterError as exc:
        raise ImportError_(f"{name or 'the file'}: {exc}") from None
    meta_ci = {str(k).casefold(): v for k, v in meta.items()}
    if template is None:
        template = guess_template(text)
    notes: list[str] = []
    review = Review(template=template.id, title="")
    result = ImportResult(review, template, notes=notes)

    lines = body.split("\n")
    headings = _headings(body)
    index = _question_index(template)

    def matches(h: _Heading) -> bool:
        return fold(h.text) in index or _special(h.text) is not None

    # The title
    fm_title = meta_ci.get("title")
    title_heading: _Heading | None = None
    if isinstance(fm_title, str) and fm_title.strip():
        review.title = _one_line(fm_title)
        if headings and headings[0].text == review.title and headings[0].level == 1:
            title_heading = headings[0]
    elif headings:
        first = headings[0]
        above_rest = all(h.level > first.level for h in headings[1:]) and (len(headings) > 1 or first.level == 1)
        if above_rest or not matches(first):
            title_heading = first
            review.title = _one_line(first.text)
    if not review.title:
        stem = Path(name).stem if name else ""
        review.title = re.sub(r"[-_]+", " ", stem).strip().capitalize() or "Imported review"
        notes.append(f"No title found: the draft is called {review.title!r}; change it with `set title`.")

    rest = [h for h in headings if h is not title_heading]
    # The questions' level: the shallowest heading that names a question.
    level = min((h.level for h in rest if fold(h.text) in index), default=None)
    if level is None:
        level = min((h.level for h in rest), default=2)
    bounds = [h for h in rest if h.level <= level]

    # The tagline: what comes before the first section (around the title line)
    first_start = bounds[0].start if bounds else len(lines)
    head_lines = lines[:first_start]
    if title_heading is not None:
        head_lines = lines[:title_heading.start] + lines[title_heading.end:first_start]
        if title_heading.start > 0 and _section_text(lines[:title_heading.start]):
            notes.append("Text above the title was kept at the start of the tagline.")
    review.tagline = _section_text(head_lines)

    used_ids = set(template.question_ids())
    for n, h in enumerate(bounds):
        end = bounds[n + 1].start if n + 1 < len(bounds) else len(lines)
        section = lines[h.end:end]
        special = _special(h.text)
        if special == "series" and not review.info:
            unread = _series(section, template, review, notes)
            if unread:
                _extra(result, used_ids, h.text, unread, [])
                notes.append(f"Part of {h.text!r} matches no field of {template.id!r}: kept as an extra section.")
            continue
        if special == "others" and not review.season:
            season = _OTHERS.match(h.text).group("season").strip()
            review.season = season
            links = sum(1 for b in _blocks("\n".join(section)) if b.kind == "list")
            if links:
                notes.append(f"{h.text!r}: the season is {season!r}; its links are made from your library "
                             "at export, so they were not copied.")
            other = [b for b in _blocks("\n".join(section)) if b.kind != "list"]
            if other:
                src = "\n".join(section).split("\n")
                kept = "\n\n".join("\n".join(src[b.start:b.end]) for b in other)
                _extra(result, used_ids, h.text, kept, [])
            continue
        prose, images = _split_images(section)
        qid = index.get(fold(h.text))
        if qid is not None and qid not in result.matched:
            answer = review.answer(qid)
            answer.text = prose
            answer.images = images
            result.matched.append(qid)
        else:
            why = "repeats a question already filled" if qid is not None else \
                f"matches no question of {template.id!r}"
            _extra(result, used_ids, h.text, prose, images)
            notes.append(f"The section {h.text!r} {why}: kept as an extra section.")

    _apply_front_matter(meta, meta_ci, kind, review, template, notes)
    if not review.season:
        notes.append("No season found (it is in the export only with other reviews of the season): "
                     "set it with `reviewdesk set SLUG season ...`.")
    return result


def _one_line(text: str) -> str:
    return re.sub(r"[ \t]*\n[ \t]*", " ", normalize_text(text)).strip()


def _extra(result: ImportResult, used: set[str], heading: str, text: str, images: list[Image]) -> str:
    base = EXTRA_PREFIX + slugify(heading)
    qid, n = base, 2
    while qid in used:
        qid = f"{base}-{n}"
        n += 1
    used.add(qid)
    result.review.answers[qid] = Answer(text=text, images=images, extra={"heading": heading})
    result.extras.append(qid)
    return qid


def _apply_front_matter(meta: dict, meta_ci: dict, kind: str, review: Review, template: Template,
                        notes: list[str]) -> None:
    if not meta:
        return
    if not review.tagline:
        for key in ("summary", "description", "excerpt"):
            value = meta_ci.get(key)
            if isinstance(value, str) and value.strip():
                review.tagline = normalize_text(value).strip("\n").rstrip()
                break
    for key in ("date", "pubdate", "publishdate"):
        when = _as_datetime(meta_ci.get(key))
        if when:
            review.created = when
            break
    for key in ("lastmod", "updateddate", "updated"):
        when = _as_datetime(meta_ci.get(key))
        if when:
            review.updated = max(when, review.created)
            break
    else:
        review.updated = max(review.updated, review.created)
    if not review.season:
        season = meta_ci.get("season")
        cats = meta_ci.get("categories")
        if isinstance(season, str) and season.strip():
            review.season = _one_line(season)
        elif isinstance(cats, list) and len(cats) == 1 and isinstance(cats[0], str):
            review.season = _one_line(cats[0])
        elif isinstance(cats, str) and cats.strip() and "," not in cats:
            review.season = _one_line(cats)
    tags = meta_ci.get("tags")
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,\s]+", tags) if t]
    if isinstance(tags, list) and tags:
        genres = _info_field(template, "genres")
        if genres is not None and genres.id not in review.info:
            review.info[genres.id] = [_one_line(str(t)) for t in tags]
    draft = meta_ci.get("draft")
    published = meta_ci.get("published")
    if draft is True or published is False:
        review.status = "draft"
    elif draft is False or published is True:
        review.status = "published"
    unknown = {k: v for k, v in meta.items() if str(k).casefold() not in _FM_USED | _FM_OURS}
    kept = _toml_safe(unknown)
    if kept:
        review.extra["front_matter"] = kept
        notes.append(f"Front matter fields kept in the draft as they were: {', '.join(map(str, kept))}.")


def read_file(path: Path) -> str:
    """The file's text; no further than a draft can hold (see input_limit)."""
    from reviewdesk.review.input_limit import read_file as read_at_most

    try:
        raw = read_at_most(path, "the file to import")
    except ReviewDeskError as exc:
        raise ImportError_(str(exc)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportError_(f"{path} is not UTF-8 text") from None


def import_file(library, path: Path | str, template_id: str | None = None, text: str | None = None) -> ImportResult:
    """Import a Markdown file into ``library`` as a new draft (saved)."""
    path = Path(path)
    if text is None:
        text = read_file(path)
    template = load_template(template_id) if template_id else None
    result = parse(text, template, name=path.name)
    library.ensure()
    result.review.slug = library.unique_slug(result.review.title)
    library.save(result.review, new=True)
    return result
