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
from pathlib import Path

from reviewdesk.errors import ReviewDeskError
from reviewdesk.importer.blocks import markdown_blocks, section_text
from reviewdesk.publish.markdown_text import one_line
from reviewdesk.importer.front_matter import apply_front_matter
from reviewdesk.importer.headings import OTHERS, Heading, find_headings, fold, question_index, special_kind
from reviewdesk.importer.images import split_images
from reviewdesk.importer.series import read_series
from reviewdesk.importer.template_guess import guess_template
from reviewdesk.publish import frontmatter
from reviewdesk.review.model import Answer, Image, Review, normalize_text
from reviewdesk.review.slug import slugify
from reviewdesk.review.template import Template, load_template

__all__ = ["EXTRA_PREFIX", "ImportError_", "ImportResult", "guess_template", "import_file", "parse", "read_file"]

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
    headings = find_headings(body)
    index = question_index(template)

    def matches(h: Heading) -> bool:
        return fold(h.text) in index or special_kind(h.text) is not None

    # The title
    fm_title = meta_ci.get("title")
    title_heading: Heading | None = None
    if isinstance(fm_title, str) and fm_title.strip():
        review.title = one_line(fm_title)
        if headings and headings[0].text == review.title and headings[0].level == 1:
            title_heading = headings[0]
    elif headings:
        first = headings[0]
        above_rest = all(h.level > first.level for h in headings[1:]) and (len(headings) > 1 or first.level == 1)
        if above_rest or not matches(first):
            title_heading = first
            review.title = one_line(first.text)
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
        if title_heading.start > 0 and section_text(lines[:title_heading.start]):
            notes.append("Text above the title was kept at the start of the tagline.")
    review.tagline = section_text(head_lines)

    used_ids = set(template.question_ids())
    for n, h in enumerate(bounds):
        end = bounds[n + 1].start if n + 1 < len(bounds) else len(lines)
        section = lines[h.end:end]
        special = special_kind(h.text)
        if special == "series" and not review.info:
            unread = read_series(section, template, review, notes)
            if unread:
                _extra(result, used_ids, h.text, unread, [])
                notes.append(f"Part of {h.text!r} matches no field of {template.id!r}: kept as an extra section.")
            continue
        if special == "others" and not review.season:
            season = OTHERS.match(h.text).group("season").strip()
            review.season = season
            links = sum(1 for b in markdown_blocks("\n".join(section)) if b.kind == "list")
            if links:
                notes.append(f"{h.text!r}: the season is {season!r}; its links are made from your library "
                             "at export, so they were not copied.")
            other = [b for b in markdown_blocks("\n".join(section)) if b.kind != "list"]
            if other:
                src = "\n".join(section).split("\n")
                kept = "\n\n".join("\n".join(src[b.start:b.end]) for b in other)
                _extra(result, used_ids, h.text, kept, [])
            continue
        prose, images = split_images(section)
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

    apply_front_matter(meta, meta_ci, kind, review, template, notes)
    if not review.season:
        notes.append("No season found (it is in the export only with other reviews of the season): "
                     "set it with `reviewdesk set SLUG season ...`.")
    return result


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
