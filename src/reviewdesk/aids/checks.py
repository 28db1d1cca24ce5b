"""What to look at before publishing: findings, each tied to a question and line.

``check(review, template)`` returns every :class:`Finding`, in post order:
the tagline, then each question (unanswered, far under its word target,
captions, and what the text itself shows: TODO/TK/XX markers, a word typed
twice, a paragraph too long to read, lines wrapped by hand, links with no
URL, raw HTML that runs code (``<script>``, ``on...=`` attributes, links to
``javascript:``), spelling), then the information table, then answers the
template no longer has. A question skipped on purpose is not looked at. The
writer's own HTML is kept as written in the export: the check only says so.

Line numbers count from 1 within the answer, as the app's editor shows them.

The spelling check (:mod:`reviewdesk.aids.spelling`, pyspellchecker's word list)
never flags names: words from the title, the information table, captions
and the writer's own list (``words.txt``, :func:`reviewdesk.aids.words.add_word`),
any word written with a capital inside a sentence, which in a review is
nearly always a character, a studio or a place, and a capitalised word at the
start of a sentence that the review never writes in lower case ("Giallon
hunts her down."): a typo there is caught once the same word appears in lower
case anywhere in the review.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from reviewdesk.publish import spoilers
from reviewdesk.publish.markdown_blocks import fenced_lines, open_block
from reviewdesk.review.model import Review, word_count
from reviewdesk.review.template import Template
from reviewdesk.review.urls import is_image_source, is_web_url, scheme


@dataclass(frozen=True)
class Finding:
    code: str
    message: str  # whole, for a list: "Question 3, line 2: repeated word “the the”"
    question: str | None = None  # question id, when it belongs to one
    line: int | None = None  # 1-based line within the answer (or the tagline)
    text: str = ""  # what is wrong, without where: "repeated word “the the”"
    where: str = ""  # "question 3, line 2", "tagline, line 1", "Series Information"
    word: str = ""  # the word a spelling finding is about (to add to the word list)


@dataclass(frozen=True)
class CheckOptions:
    paragraph_words: int = 250  # a paragraph longer than this is flagged
    far_under: float = 0.5  # an answer under this share of its target is flagged
    spelling: bool = True


# Every code, and what it means (for help screens and tests).
CODES = {
    "no-tagline": "the tagline is empty",
    "unanswered": "a question has no answer (skip it on purpose to silence this)",
    "under-target": "an answer not marked done is under half its word target",
    "marker": "a TODO, TK, XX or FIXME left in the text",
    "repeated-word": "the same word twice in a row",
    "long-paragraph": "a paragraph over the length readers follow",
    "hard-wrap": "a paragraph broken into lines by hand",
    "empty-link": "a link or image with no URL, or a reference never defined",
    "unsafe-html": "raw HTML that runs code in a reader's browser: <script>, on...= attributes",
    "unsafe-link": "a link or image address that runs code (javascript:, vbscript:, data:text/html)",
    "spelling": "a word not in the dictionary",
    "open-spoiler": "a :::spoiler block that is never closed",
    "open-block": "a code block (``` or ~~~) or an HTML block (<pre>, <!--...) that is never closed",
    "no-caption": "an image without a caption",
    "orphan-image": "an image in an empty section, left out of the post",
    "empty-info": "an information field left empty",
    "extra-answer": "an answer for a question the template no longer has",
}


def _finding(code: str, text: str, where: str = "", question: str | None = None, line: int | None = None,
             word: str = "", message: str | None = None) -> Finding:
    if message is None:
        message = f"{where[:1].upper()}{where[1:]}: {text}" if where else text[:1].upper() + text[1:]
    return Finding(code, message, question, line, text, where, word)


def check(review: Review, template: Template, options: CheckOptions | None = None) -> list[Finding]:
    options = options or CheckOptions()
    found: list[Finding] = []
    names = _Names(review) if options.spelling else None
    if not review.tagline.strip():
        found.append(_finding("no-tagline", "the tagline is empty: readers see it first", "tagline",
                              message="The tagline is empty: readers see it first."))
    else:
        found.extend(text_findings(review.tagline, "tagline", None, options, names))
    for n, q in enumerate(template.questions, 1):
        answer = review.peek(q.id)
        if answer.skipped:
            continue
        where = f"question {n}"
        if not answer.answered:
            found.append(_finding("unanswered", f"unanswered: {q.heading}", where, q.id,
                                  message=f"Question {n} is unanswered: {q.heading}"))
        else:
            target = answer.target if answer.target is not None else q.target
            if target and not answer.done and answer.words < target * options.far_under:
                found.append(_finding("under-target", f"{answer.words} of {target} words: far under the target "
                                      "(mark it done if it is finished)", where, q.id))
            found.extend(text_findings(answer.text, where, q.id, options, names))
        for im in answer.images:
            if not is_image_source(im.src):
                found.append(_finding("unsafe-link", f"an image source is not a file path nor an http(s) address, "
                                      f"so the export leaves it out: {im.src}", where, q.id))
            if not im.caption.strip():
                found.append(_finding("no-caption", f"an image has no caption: {im.src}", where, q.id,
                                      message=f"An image in question {n} has no caption: {im.src}"))
            if not answer.answered:
                found.append(_finding("orphan-image", f"an image is left out with its empty section: {im.src}",
                                      where, q.id,
                                      message=f"An image in question {n} is left out with its empty "
                                              f"section: {im.src}"))
    if review.cover and not is_image_source(review.cover):
        said = f"the cover image is not a file path nor an http(s) address, so the export leaves it out: {review.cover}"
        found.append(_finding("unsafe-link", said, message=said[:1].upper() + said[1:]))
    if review.url.strip() and not is_web_url(review.url):
        said = (f"the published URL is not an http(s) address, so other reviews of the season list this one "
                f"without a link: {review.url}")
        found.append(_finding("unsafe-link", said, message=said[:1].upper() + said[1:]))
    if review.verdict.strip():
        found.extend(text_findings(review.verdict, "verdict", None, options, names, paragraphs=False))
    for f in template.info:
        value = review.info.get(f.id)
        if value in (None, "", []):
            found.append(_finding("empty-info", f"{f.label} is empty", template.info_heading,
                                  message=f"{template.info_heading}: {f.label} is empty."))
    for qid in review.extra_answers(template):
        if review.answers[qid].answered:
            found.append(_finding("extra-answer", f"the answer {qid!r} matches no question of {template.id!r} "
                                  "and is not exported", "", qid,
                                  message=f"The answer {qid!r} matches no question of {template.id!r} "
                                          "and is not exported."))
    return found


# Text checks ------------------------------------------------------------------

_MARKER = re.compile(r"(?<![\w/])(TODO|TKTK|TK|FIXME|XXX|XX)(?![\w/])")
# a word, then the same word again (a run of them is one finding), across
# one line break but not a blank line
_REPEAT = re.compile(r"\b([^\W\d_]+)(?:(?:[ \t]+|[ \t]*\n[ \t]*(?:>[ \t]*)*)\1\b)+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_REPEAT_OK = frozenset("""had that bye ha hah heh ho no so very really blah la knock tsk chop pom hush go
yeah yes oh ah hey now well there bang boom tick tock tut aye dum""".split())
_CODE_SPAN = re.compile(r"(`+)[^`\n](?:.*?[^`])?\1(?!`)")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")
_EMPTY_INLINE = re.compile(r"(!?)\[((?:[^\[\]\n]|\\[\[\]])*)\]\(\s*(?:<\s*>)?\s*\)")
_FULL_REF = re.compile(r"(!?)\[((?:[^\[\]\n]|\\[\[\]])+)\]\[([^\[\]\n]*)\]")
_SHORTCUT = re.compile(r"(?<![\\\]\w])(!?)\[([^\[\]\n]+)\](?![\[(:])")
_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:[ \t]*(\S+)", re.MULTILINE)
_NOT_A_LINK = frozenset({"", "x", "sic", "sic!", "...", "…"})
_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
# an on...= attribute inside an HTML tag (which may run over lines)
_ON_ATTRIBUTE = re.compile(r"<[A-Za-z][\w-]*\b[^<>]*?\s(on[a-z]+)\s*=", re.IGNORECASE)
# a Markdown link or image destination, or an href/src attribute's value
_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]+)|\b(?:href|src)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


def _runs_code(address: str) -> bool:
    found = scheme(address)
    if found == "data":
        return not html.unescape(address).split(":", 1)[-1].strip().lower().startswith("image/")
    return found in ("javascript", "vbscript")


def _blank(match: re.Match) -> str:
    """A match replaced by spaces, its line breaks kept: positions stay put."""
    return re.sub(r"[^\n]", " ", match.group())


def _without_code(text: str) -> str:
    """Fenced code and code spans blanked; lines and columns unchanged."""
    code = fenced_lines(text)
    out = "\n".join("" if n in code else line for n, line in enumerate(text.split("\n"))) if code else text
    return _CODE_SPAN.sub(_blank, out) if "`" in out else out


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


class _Lines:
    """Positions to line numbers, by bisecting a table of line starts."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, pos: int) -> int:
        from bisect import bisect_right

        return bisect_right(self.starts, pos)


def text_findings(text: str, where: str, question: str | None, options: CheckOptions,
                  names: _Names | None, paragraphs: bool = True) -> list[Finding]:
    """The findings in one piece of the writer's prose (an answer, the tagline)."""
    out: list[tuple[int, int, Finding]] = []
    masked = spoilers.mask(text)
    prose = _without_code(masked)
    line_of = _Lines(prose)

    def add(pos_line: int, col: int, code: str, what: str, word: str = "") -> None:
        w = f"{where}, line {pos_line}" if where in ("tagline",) or question else where
        out.append((pos_line, col, _finding(code, what, w, question, pos_line, word)))

    block = open_block(masked)
    if block is not None:
        kind = "a code block" if block.fence else "an HTML block"
        add(block.start + 1, 0, "open-block",
            f"{kind} opened with {block.opening} is never closed, so the rest of the answer is in it: end it "
            f"with a line of {block.closing} (the export closes it at the end of the answer)")

    open_line = spoilers.unclosed(text)
    if open_line is not None:
        add(open_line, 0, "open-spoiler", "a :::spoiler block is never closed: the rest of the answer is folded "
                                          "away (end it with a line of :::)")

    for m in _MARKER.finditer(masked):
        add(_line_of(masked, m.start()), m.start(), "marker", f"“{m.group(1)}” left in the text")

    for m in _REPEAT.finditer(prose):
        if m.group(1).casefold() in _REPEAT_OK:
            continue
        phrase = " ".join(_SPACE.split(m.group())[:2])
        add(line_of(m.start()), m.start(), "repeated-word", f"repeated word “{phrase}”")

    if paragraphs:
        for first, last, words, wrapped in _paragraphs(masked):
            if words > options.paragraph_words:
                add(first, 0, "long-paragraph",
                    f"a paragraph of {words} words (over {options.paragraph_words}): consider splitting it")
            if wrapped:
                span = f"lines {first}-{last}"
                add(first, 1, "hard-wrap",
                    f"{span} are one paragraph broken by hand; WordPress and Ghost show each line break. "
                    "Join them into one line, or leave a blank line between paragraphs")

    for m in _SCRIPT.finditer(prose):
        add(line_of(m.start()), m.start(), "unsafe-html",
            "raw <script> in the text: most blogs strip it, and where one does not it runs in every reader's "
            "browser. Remove it, or show it as code between backticks")
    for m in _ON_ATTRIBUTE.finditer(prose):
        add(line_of(m.start(1)), m.start(1), "unsafe-html",
            f"an HTML {m.group(1).lower()}= attribute runs code in readers' browsers where the blog lets it "
            "through. Remove it")
    for m in _LINK_TARGET.finditer(prose):
        address = m.group(1) or m.group(2)
        if _runs_code(address):
            add(line_of(m.start()), m.start(), "unsafe-link",
                f"a link to a {scheme(address)}: address runs code when it is clicked, where the blog lets it "
                "through. Link to a web page (https://...) instead")

    for line, col, label, image, reference in _empty_links(prose, names.definitions if names else None, text):
        kind = "an image" if image else "a link"
        if reference:
            add(line, col, "empty-link", f"{kind} to [{label}], which is never defined: add a line "
                                         f"“[{label}]: URL”, or write \\[{label}\\] for brackets")
        else:
            add(line, col, "empty-link", f"{kind} with no URL: [{label}]()")

    if names is not None:
        for line, col, word, suggestion in names.misspelt(prose):
            hint = f" (did you mean “{suggestion}”?)" if suggestion else ""
            add(line, col, "spelling", f"“{word}” is not in the dictionary{hint}", word)

    out.sort(key=lambda item: (item[0], item[1]))
    return [f for _, _, f in out]


@lru_cache(maxsize=1)
def _parser():
    """Blocks only: a paragraph's text and lines are known without parsing
    its inline Markdown, which is most of markdown-it's time."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.core.ruler.disable(["inline", "text_join"])
    return md


def _paragraphs(text: str):
    """(first line, last line, words, wrapped by hand) per paragraph.

    "Wrapped by hand" is a paragraph of several lines outside lists, block
    quotes and tables, with at least one line break that is not a hard
    break (two spaces or a backslash): the writer pressed Enter mid-paragraph.
    """
    if not text.strip():
        return
    lines = text.split("\n")
    nested = 0
    tokens = _parser().parse(text)
    for i, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            nested += 1
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            nested -= 1
        elif token.type == "paragraph_open" and token.map:
            start, end = token.map
            inline = tokens[i + 1].content if i + 1 < len(tokens) else ""
            wrapped = False
            if nested == 0 and end - start > 1:
                wrapped = any(not _HARD_BREAK.search(lines[n]) for n in range(start, end - 1))
            yield start + 1, end, word_count(inline), wrapped


def _label(text: str) -> str:
    return " ".join(text.casefold().split())


def _empty_links(prose: str, definitions: set[str] | None, raw: str):
    """(line, column, label, is image, is reference) of links that lead nowhere."""
    if "[" not in prose:
        return
    defined = definitions if definitions is not None else {_label(m.group(1)) for m in _DEFINITION.finditer(raw)}
    seen: set[int] = set()
    for m in _EMPTY_INLINE.finditer(prose):
        seen.add(m.start())
        yield _line_of(prose, m.start()), m.start(), m.group(2), bool(m.group(1)), False
    for m in _FULL_REF.finditer(prose):
        label = _label(m.group(3) or m.group(2))
        seen.add(m.start())
        if label not in defined:
            yield _line_of(prose, m.start()), m.start(), m.group(3) or m.group(2), bool(m.group(1)), True
    for m in _SHORTCUT.finditer(prose):
        if m.start() in seen or m.start() + 1 in seen:
            continue
        label = _label(m.group(2))
        if label in _NOT_A_LINK or label.startswith("^") or label in defined:
            continue
        # a definition line itself: "[label]: url"
        line_start = prose.rfind("\n", 0, m.start()) + 1
        if _DEFINITION.match(prose, line_start) and prose[line_start:m.start()].strip() == "":
            continue
        yield _line_of(prose, m.start()), m.start(), m.group(2), bool(m.group(1)), True


# Spelling ---------------------------------------------------------------------

# Blanked before spelling: things that are not prose.
_NOT_PROSE = re.compile(
    r"<https?://[^>\n]*>|https?://[^\s)>\]]+|www\.[^\s)>\]]+|[\w.+-]+@[\w-]+\.[\w.-]+"  # links, e-mail
    r"|\]\([^)\n]*\)"  # link destinations
    r"|^ {0,3}\[[^\]\n]+\]:[^\n]*"  # reference definitions
    r"|<!--.*?-->|</?[A-Za-z][^>\n]*>"  # HTML
    r"|&#?\w+;"  # entities
    r"|\{\{[<%].*?[%>]\}\}",  # Hugo shortcodes
    re.MULTILINE | re.DOTALL,
)
_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*['’]?)"
    r"|(?P<other>\w+)"
    r"|(?P<end>[.!?…|]+)"
)
_BLOCK_START = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:[-+*][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+|\|)")
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f'’-]+$")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?:['’][a-z]+)?")


class _Names:
    """Names and known words for one review, gathered once for every text."""

    def __init__(self, review: Review):
        from reviewdesk.aids import words as personal

        sources = [review.title]
        for value in review.info.values():
            sources.extend(value if isinstance(value, list) else [str(value)])
        for answer in review.answers.values():
            sources.extend(im.caption for im in answer.images)
        known: set[str] = set()
        for source in sources:
            for w in _NAME_WORD.findall(source):
                w = w.casefold().replace("’", "'")
                known.add(w)
                if w.endswith("'s"):
                    known.add(w[:-2])
        for w in personal.word_set():
            known.add(w.replace("’", "'"))
        # A word with a capital right after a lower-case word or a comma is a
        # name wherever it appears, even where it opens a sentence.
        texts = [review.tagline, review.verdict, *(a.text for a in review.answers.values())]
        lower: set[str] = set()
        for text in texts:
            for w in _MID_SENTENCE_CAPITAL.findall(text):
                known.add(w.casefold().replace("’", "'"))
            lower.update(w.replace("’", "'") for w in _NAME_WORD.findall(text) if w[0].islower())
        self.known = known
        # Words the review writes in lower case somewhere: a capitalised word
        # opening a sentence that is not among them is a name, not a typo.
        self.lower = lower
        self.definitions: set[str] = set()
        for text in texts:
            if "]:" in text:
                self.definitions.update(_label(m.group(1)) for m in _DEFINITION.finditer(text))
        self._suggestions: dict[str, str | None] = {}
        self._known: dict[str, bool] = {}  # a word's verdict, looked up once per review

    def misspelt(self, prose: str):
        """(line, column, word, suggestion) for each word the dictionary lacks."""
        from reviewdesk.aids import spelling

        text = _NOT_PROSE.sub(_blank, prose).replace("_", " ")
        candidates = []
        at_start = True
        pos = 0
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                at_start = True
            elif _BLOCK_START.match(line):
                at_start = True
            for m in _TOKEN.finditer(line):
                kind = m.lastgroup
                if kind == "end":
                    at_start = True
                    continue
                starts, at_start = at_start, False
                if kind != "word":
                    continue
                word = m.group()
                core = word.rstrip("'’")
                if len(core) < 2 or not (core.isascii() or _LATIN.match(core)):
                    continue
                rest = core[1:]
                if rest != rest.lower():
                    continue  # TV, OVA, iPhone, McDonald: acronyms and brand names
                if core[0].isupper() and not starts:
                    continue  # a capital inside a sentence: a name
                candidates.append((n, pos + m.start(), word, core))
            pos += len(line) + 1
        known = self.known
        verdicts = self._known
        for n, col, word, core in candidates:
            folded = core.casefold().replace("’", "'")
            if core[0].isupper() and folded not in self.lower:
                continue  # capitalised at a sentence start, never in lower case: a name
            ok = verdicts.get(folded)
            if ok is None:
                ok = verdicts[folded] = folded in known or spelling.is_known(folded, known)
            if ok:
                continue
            if folded not in self._suggestions:
                self._suggestions[folded] = spelling.suggest(folded) if len(self._suggestions) < 200 else None
            suggestion = self._suggestions[folded]
            if suggestion and core[0].isupper():
                suggestion = suggestion[:1].upper() + suggestion[1:]
            yield n, col, core, suggestion
