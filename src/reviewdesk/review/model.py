"""A review in memory: its fields, its answers, its Series Information.

Text enters the model through :func:`normalize_text`, once: pasted CRLF and
lone CR line endings become LF there, so every later step (saving, counting,
exporting) sees one kind of line ending, and control characters are removed
(:mod:`reviewdesk.review.text`). A one-line field (title, season, URL, image
source and caption, verdict, Series Information) refuses them instead, with
a message naming the character. URLs are checked by :mod:`reviewdesk.review.urls`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.errors import ReviewDeskError
from reviewdesk.review import urls
from reviewdesk.review.text import check_line, normalize_text

if TYPE_CHECKING:
    from reviewdesk.review.template import InfoField, Question, Template

STATUSES = ("draft", "ready", "published")
InfoValue = str | int | list[str]
# Possessive: a word never gives back letters, so the engine never backtracks.
_WORD = re.compile(r"[^\W_]++(?:['’\-][^\W_]++)*+")


def aware_datetime(value: object) -> datetime | None:
    """A date, a date and time, or ISO 8601 text as a date and time with a
    time zone (UTC when it has none); None for anything else."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return None


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def word_count(text: str) -> int:
    """Words as a writer counts them: runs of letters or digits."""
    return _WORD.subn("", text)[1]  # counts without building a list of words


@dataclass
class Image:
    src: str
    caption: str = ""
    extra: dict = field(default_factory=dict)  # fields this version does not know, kept


@dataclass
class Answer:
    text: str = ""
    images: list[Image] = field(default_factory=list)
    done: bool = False
    extra: dict = field(default_factory=dict)
    skipped: bool = False  # left out on purpose: not exported, not warned about
    spoiler: bool = False  # the whole answer is a spoiler
    target: int | None = None  # this review's word target, over the template's

    @property
    def answered(self) -> bool:
        return bool(self.text.strip())

    @property
    def words(self) -> int:
        """The answer's words, counted once per text: the sidebar, the status
        line and the progress ask often, and a long answer takes milliseconds."""
        text = self.text
        cached = self.__dict__.get("_words")
        if cached is not None and cached[0] is text:
            return cached[1]
        count = word_count(text)
        self.__dict__["_words"] = (text, count)  # not a field: never saved or compared
        return count

    @property
    def state(self) -> str:
        """empty, started or done, as the sidebar shows it."""
        if self.done:
            return "done"
        return "started" if self.answered else "empty"


def make_image(src: str, caption: str = "") -> Image:
    """An image from what the writer typed: its source a path or an http(s)
    address (:func:`reviewdesk.review.urls.check_image_source`), neither
    holding a control character."""
    src = urls.check_image_source(check_line(src, "the image source"))
    return Image(src, check_line(caption, "the caption").strip())


def check_title(title: str) -> str:
    """A title as typed, stripped: never empty, no control characters."""
    title = check_line(title, "the title").strip()
    if not title:
        raise ReviewDeskError("the title must not be empty")
    return title


@dataclass
class PublishRecord:
    """Where this review went on one account's blog: ``[published.<account>]``.

    ``id`` is the blog's own id for the post (a Micropub post's is its URL);
    ``status`` what the blog said the post was after the last publish; ``site``
    the blog's address, so a record is never applied to another blog.
    """

    service: str
    id: str
    url: str = ""
    status: str = "draft"
    site: str = ""
    time: datetime | None = None
    extra: dict = field(default_factory=dict)  # fields this version does not know, kept


def exported(answer: Answer) -> bool:
    """Whether an answer is in the post: it has text and is not skipped."""
    return answer.answered and not answer.skipped


@dataclass
class Review:
    template: str
    title: str
    slug: str = ""
    tagline: str = ""
    season: str = ""
    status: str = "draft"
    url: str = ""
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    info: dict[str, InfoValue] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    score: int | float | None = None  # on the template's [verdict] scale
    verdict: str = ""  # one line
    # The review's cover (featured) image: a library-relative path or an
    # http(s) URL; empty means none.
    cover: str = ""
    # Where Series Information was looked up: {"source": "jikan", "id": 457};
    # a later lookup refreshes the same entry. Empty when it never was.
    lookup: dict = field(default_factory=dict)
    # Account name -> where the review was published with it.
    published: dict[str, PublishRecord] = field(default_factory=dict)
    # (mtime_ns, size) of the file when it was read or last written; lets a
    # save notice that someone else changed the file in between.
    disk_stamp: tuple[int, int] | None = field(default=None, compare=False, repr=False)
    path: Path | None = field(default=None, compare=False, repr=False)

    def answer(self, question_id: str) -> Answer:
        """The answer to a question, created empty on first use."""
        if question_id not in self.answers:
            self.answers[question_id] = Answer()
        return self.answers[question_id]

    def peek(self, question_id: str) -> Answer:
        """The answer if there is one, else an empty one (not stored)."""
        return self.answers.get(question_id) or Answer()

    def set_answer(self, question_id: str, text: str) -> None:
        self.answer(question_id).text = normalize_text(text)

    def set_done(self, question_id: str, done: bool = True) -> None:
        self.answer(question_id).done = done

    def set_skipped(self, question_id: str, skipped: bool = True) -> None:
        """Skip a question on purpose; its text, if any, is kept."""
        self.answer(question_id).skipped = skipped

    def set_spoiler(self, question_id: str, spoiler: bool = True) -> None:
        self.answer(question_id).spoiler = spoiler

    def set_target(self, question_id: str, target: int | None) -> None:
        """This review's word target for a question; None goes back to the template's."""
        if target is not None and (isinstance(target, bool) or not isinstance(target, int) or target <= 0):
            raise ReviewDeskError(f"a word target must be a positive whole number, not {target!r}")
        self.answer(question_id).target = target

    def set_score(self, raw: str, scale: int | None) -> None:
        """The score from text ("8", "7.5", "8/10"); empty clears it."""
        self.score = parse_score(raw, scale)

    def set_verdict(self, text: str) -> None:
        """The one-line verdict; line breaks become spaces."""
        self.verdict = " ".join(check_line(text, "the verdict").split())

    def add_image(self, question_id: str, src: str, caption: str = "") -> Image:
        image = make_image(src, caption)
        self.answer(question_id).images.append(image)
        return image

    def set_field(self, name: str, value: str) -> None:
        """Set title, tagline, season, status or url from text."""
        if name == "title":
            self.title = check_title(value)
        elif name == "tagline":
            self.tagline = normalize_text(value)
        elif name == "season":
            self.season = check_line(value, "the season").strip()
        elif name == "status":
            status = normalize_text(value).strip().lower()
            if status not in STATUSES:
                raise ReviewDeskError(f"status must be one of {', '.join(STATUSES)}, not {value!r}")
            self.status = status
        elif name == "url":
            self.url = urls.check_page_url(check_line(value, "the URL"))
        else:
            raise ReviewDeskError(f"unknown field {name!r}; use title, tagline, season, status or url")

    def set_info(self, info_field: InfoField, raw: str) -> None:
        value = parse_info_value(info_field, raw)
        if value in ("", []):
            self.info.pop(info_field.id, None)
        else:
            self.info[info_field.id] = value

    def info_text(self, info_field: InfoField) -> str:
        return format_info_value(self.info.get(info_field.id, ""))

    # Progress -----------------------------------------------------------
    def answered_count(self, template: Template) -> int:
        return sum(1 for q in template.questions if self.peek(q.id).answered)

    def words(self) -> int:
        return word_count(self.tagline) + sum(a.words for a in self.answers.values())

    def first_unanswered(self, template: Template) -> int:
        """Index of the first question without an answer (0 if all have one);
        a question skipped on purpose is not waiting for one."""
        for i, q in enumerate(template.questions):
            answer = self.peek(q.id)
            if not answer.answered and not answer.skipped:
                return i
        return 0

    def extra_answers(self, template: Template) -> list[str]:
        """Answers kept for questions the template no longer has."""
        ids = set(template.question_ids())
        return [qid for qid in self.answers if qid not in ids]


def target_for(review: Review, question: Question) -> int | None:
    """This review's word target for the question, else the template's."""
    answer = review.answers.get(question.id)
    if answer is not None and answer.target is not None:
        return answer.target
    return question.target


def parse_info_value(info_field: InfoField, raw: str) -> InfoValue:
    """Text typed by the writer into the field's value (number, list, text)."""
    text = check_line(raw, info_field.label).strip()
    if info_field.kind == "number":
        if not text:
            return ""
        cleaned = text.replace(",", "").replace("_", "")
        # isdecimal, not isdigit: "²" is a digit that int() refuses. At most 18
        # digits: TOML integers are 64-bit, and int() refuses past 4300 digits.
        if not cleaned.isdecimal() or len(cleaned.lstrip("0")) > 18:
            raise ReviewDeskError(f"{info_field.label} must be a whole number, not {raw.strip()!r}")
        return int(cleaned)
    if info_field.kind == "list":
        return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]
    return text


def parse_score(raw: str, scale: int | None) -> int | float | None:
    """A score typed by the writer: a whole number or one decimal place,
    from 0 to ``scale``; "8/10" is accepted when 10 is the scale."""
    text = normalize_text(str(raw)).strip()
    if not text:
        return None
    if scale is None:
        raise ReviewDeskError("this review's template has no score: add [verdict] scale = 10 to it")
    number, _, out_of = text.partition("/")
    number, out_of = number.strip(), out_of.strip()
    if out_of and out_of != str(scale):
        raise ReviewDeskError(f"the score is out of {scale}, not {out_of}")
    m = re.fullmatch(r"(\d{1,4})(?:[.,](\d))?", number)
    if not m:
        raise ReviewDeskError(f"a score is a number from 0 to {scale} (e.g. 8 or 7.5), not {text!r}")
    whole, tenth = int(m.group(1)), int(m.group(2) or 0)
    value: int | float = whole if not tenth else whole + tenth / 10
    if value > scale:
        raise ReviewDeskError(f"a score is a number from 0 to {scale}, not {text!r}")
    return value


def format_score(score: int | float, scale: int | None) -> str:
    """8/10, 7.5/10; just the number when there is no scale."""
    number = f"{score:g}" if isinstance(score, float) else str(score)
    return f"{number}/{scale}" if scale else number


def format_info_value(value: InfoValue) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
