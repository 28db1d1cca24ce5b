#!/usr/bin/env python3
"""Review Desk benchmark: start-up, typing, switching, commands, memory (issues 7 and 16).

Run it with the project's interpreter (the one Review Desk is installed in)::

    .venv/bin/python benchmarks/bench.py            # full run, a few minutes
    .venv/bin/python benchmarks/bench.py --quick    # small and fast (the smoke test)
    .venv/bin/python benchmarks/bench.py --only typing

It builds its own data in a temporary folder through the core (a library of
N generated drafts of realistic length; a long review of 5,000 words over the
nine answers, the longest 1,500; a stress review of 20,000, the longest
8,000; 50,000 words in one answer), runs every
measurement several times, each in a fresh process, and prints one table:
measurement, median, 95th percentile, the reference measured in the same run,
the ratio to it, the target and whether it is met. See benchmarks/README.md
for what each row measures and why it is measured that way.

Timed assertions do not belong in the test suite; the smoke test
(tests/benchmarks/test_bench_smoke.py) runs ``--quick`` and checks that
every row is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

GROUPS = ("startup", "typing", "switch", "cli", "memory")
RESULT_TAG = "BENCH-RESULT "
TERMINAL = (160, 50)  # wide enough for the review screen to show its preview (>= 110 columns)
# The reviews typed into and walked through: (words in all, words in the longest
# answer). A long review (targets), a stress review (targets), and 50,000 words in
# one answer (reported). --quick scales them down.
REVIEWS = ((5_000, 1_500), (20_000, 8_000), (50_000, 50_000))
QUICK_REVIEWS = ((500, 150), (2_000, 800), (5_000, 5_000))
# Targets per review, in ms: key to screen with the preview on (p95), last key to
# preview painted (p95), question switch (median and p95). None: reported only.
KEY_P95 = {0: 33, 1: 50, 2: None}
PREVIEW_P95 = {0: 300, 1: 600, 2: None}
SWITCH_LIMIT = {0: 100, 1: 150, 2: None}
KEY_RATIO = 1.3  # median key to screen, preview on over off
NO_KEY_WAITS = 250  # ms: at 50,000 words no key waits longer, and the event loop never stalls longer
PREVIEW_TIMEOUT = 30.0  # s: a preview that has not shown the last key by then never will
QUIET = 1.0  # scales the pauses that let the app settle between steps (--quick halves them)
DATA_VERSION = 2  # bump when build_data changes, so a kept --data folder is rebuilt
LONG_QUESTION = "thought"  # the question that holds the long answer ("What did you think?")


# ---------------------------------------------------------------------------
# Statistics and the table
# ---------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), interpolated between the nearest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


@dataclass
class Row:
    """One line of the table.

    ``samples`` are in the row's unit. ``limit`` is the target as a number in
    that unit (a maximum; ``at_least`` makes it a minimum); ``ratio_limit`` a
    maximum for median/reference (and p95/reference-p95 with ``check_p95``).
    ``p95_limit`` and ``max_limit`` are maxima for the p95 and the largest
    sample alone.
    """

    key: str
    label: str
    unit: str
    samples: list[float]
    ref: list[float] | None = None
    ref_label: str = ""
    limit: float | None = None
    at_least: bool = False
    ratio_limit: float | None = None
    target: str = ""
    note: str = ""
    check_p95: bool = False
    p95_limit: float | None = None
    max_limit: float | None = None

    @property
    def median(self) -> float:
        return median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    def ratios(self) -> tuple[float, float] | None:
        if not self.ref:
            return None
        rm, rp = median(self.ref), percentile(self.ref, 95)
        return (self.median / rm if rm else math.inf, self.p95 / rp if rp else math.inf)

    def verdict(self) -> str:
        if not self.samples:
            return "n/a"
        ok = True
        if self.limit is not None:
            value = self.median
            if self.at_least:
                ok &= value >= self.limit
            else:
                ok &= value <= self.limit
                if self.check_p95:
                    ok &= self.p95 <= self.limit
        if self.ratio_limit is not None:
            ratios = self.ratios()
            if ratios is None:
                return "n/a"
            ok &= ratios[0] <= self.ratio_limit
            if self.check_p95:
                ok &= ratios[1] <= self.ratio_limit
        if self.p95_limit is not None:
            ok &= self.p95 <= self.p95_limit
        if self.max_limit is not None:
            ok &= max(self.samples) <= self.max_limit
        if self.limit is None and self.ratio_limit is None and self.p95_limit is None and self.max_limit is None:
            return "info"
        return "pass" if ok else "FAIL"

    def as_dict(self) -> dict:
        ratios = self.ratios()
        return {
            "key": self.key, "label": self.label, "unit": self.unit, "n": len(self.samples),
            "median": self.median, "p95": self.p95, "max": max(self.samples) if self.samples else None,
            "reference": median(self.ref) if self.ref else None, "reference_label": self.ref_label,
            "ratio": ratios[0] if ratios else None, "ratio_p95": ratios[1] if ratios else None,
            "target": self.target, "result": self.verdict(), "note": self.note,
        }


def fmt(value: float | None, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit == "ms":
        if value >= 1000:
            return f"{value / 1000:.2f} s"
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "drafts/s":
        return f"{value:,.0f} drafts/s"
    return f"{value:g} {unit}"


def render_table(rows: list[Row]) -> str:
    header = ("measurement", "median", "p95", "reference", "ratio", "target", "result")
    lines = []
    for r in rows:
        ratios = r.ratios()
        if ratios is None:
            ratio = "-"
        elif r.check_p95:
            ratio = f"{ratios[0]:.2f}x (p95 {ratios[1]:.2f}x)"
        else:
            ratio = f"{ratios[0]:.2f}x"
        ref = f"{fmt(median(r.ref), r.unit)} {r.ref_label}".strip() if r.ref else "-"
        lines.append((r.label, fmt(r.median, r.unit), fmt(r.p95, r.unit), ref, ratio,
                      r.target or "-", r.verdict()))
    widths = [max(len(str(x[i])) for x in [header, *lines]) for i in range(len(header))]

    def line(cells) -> str:
        return " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), "-+-".join("-" * w for w in widths)]
    out.extend(line(cells) for cells in lines)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Generated data: drafts of realistic length, through the core
# ---------------------------------------------------------------------------

_FUNCTION = ("the the the the a a a and and and of of of to to to in in is is it it that that was was "
             "for on with as but this its at by from what not so than more who when all they their "
             "one her his she he which would there how even much still just only also").split()
_CONTENT = ("anime season episode episodes studio animation character characters story arc writing music "
            "score soundtrack opening ending scene scenes moment moments finale premiere pacing direction "
            "dialogue voice acting performance protagonist villain rival mentor friendship betrayal city "
            "android robot mecha magic school festival tournament battle fight choreography colour palette "
            "lighting background art design framing camera cut montage flashback memory dream future past "
            "family sister brother father mother captain inspector detective hunter pilot witch knight "
            "kingdom empire colony planet ocean forest winter spring summer autumn rain snow night morning "
            "quiet loud gorgeous messy brilliant clumsy tender bitter sharp slow rushed careful generous "
            "honest strange familiar unexpected predictable heartfelt hilarious tense gentle ambitious "
            "adaptation manga novel source material original director composer writer staff budget "
            "sequel prequel spinoff cliffhanger twist reveal mystery romance comedy drama tragedy horror "
            "mystery slice life sports idol isekai thriller fantasy science fiction noir western "
            "viewers audience fans critics blog review verdict recommendation favourite least worst best "
            "really rather quite nearly almost never always often sometimes perhaps certainly clearly "
            "works worked falls fell lands landed builds built carries carried earns earned wastes wasted "
            "makes made feels felt looks looked sounds sounded plays played keeps kept leaves left "
            "Rouge Naomi Jean Akane Kaito Mira Sora Haru Yuki Ren Emi Taro Bones Kyoto Madhouse Trigger").split()


class TextMaker:
    """Prose-like Markdown: paragraphs of sentences, some emphasis and links.

    One line per paragraph (as the app's soft-wrapping editor writes it),
    paragraphs separated by a blank line.
    """

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def word(self) -> str:
        rng = self.rng
        return rng.choice(_FUNCTION) if rng.random() < 0.45 else rng.choice(_CONTENT)

    def sentence(self) -> tuple[str, int]:
        rng = self.rng
        n = rng.randint(6, 26)
        words = [self.word() for _ in range(n)]
        words[0] = words[0][:1].upper() + words[0][1:]
        for i in range(1, n - 1):
            roll = rng.random()
            if roll < 0.06:
                words[i] += ","
            elif roll < 0.075:
                words[i] = f"*{words[i]}*"
            elif roll < 0.082:
                words[i] = f"**{words[i]}**"
            elif roll < 0.086:
                words[i] = f"[{words[i]}](https://animeblog.example/{words[i].lower()})"
        end = rng.choice(".......?!")
        return " ".join(words) + end, n

    def paragraph(self, limit: int) -> tuple[str, int]:
        target = min(limit, self.rng.randint(40, 160))
        parts, count = [], 0
        while count < target:
            s, n = self.sentence()
            parts.append(s)
            count += n
        return " ".join(parts), count

    def prose(self, words: int) -> str:
        paragraphs, count = [], 0
        while count < words:
            p, n = self.paragraph(max(10, words - count))
            paragraphs.append(p)
            count += n
        return "\n\n".join(paragraphs)


SEASONS = [f"{s} {y}" for y in range(2018, 2026) for s in ("Winter", "Spring", "Summer", "Fall")]
_TITLE_A = ("Metallic", "Crimson", "Silent", "Frieren's", "Blue", "Last", "Wandering", "Iron", "Paper",
            "Electric", "Hollow", "Golden", "Midnight", "Quiet", "Shining", "Broken", "Distant", "Lucky")
_TITLE_B = ("Rouge", "Lighthouse", "Garden", "Orbit", "Witch", "Frontier", "Requiem", "Academy", "Harbor",
            "Detective", "Sky", "Pilot", "Festival", "Kingdom", "Signal", "Rose", "Voyage", "Engine")
_TITLE_C = ("", "", " (Season One)", " (Season Two)", " Final Season", " Part 2", " (Film)")


def build_review(template, maker: TextMaker, title: str, season: str, words: int, layout: str,
                 moment: datetime, *, answered: int | None = None, longest: int = 0):
    """A Review of about ``words`` words.

    ``layout`` "spread": the words over the answers (the first ``answered``);
    "long": ``longest`` of them in the answer to LONG_QUESTION, the rest
    spread over the other answers (a paragraph each if nothing is left).
    """
    from reviewdesk.review.model import Review

    rng = maker.rng
    review = Review(template=template.id, title=title, season=season,
                    tagline=maker.paragraph(rng.randint(30, 60))[0],
                    status=rng.choice(("draft", "draft", "ready", "published")))
    review.created = moment - timedelta(days=rng.randint(3, 40))
    review.updated = moment
    if review.status == "published":
        review.url = f"https://animeblog.example/{moment:%Y/%m}/{abs(hash(title)) % 10**6}"
    questions = template.questions
    if layout == "long":
        others = [q for q in questions if q.id != LONG_QUESTION]
        rest = max(0, words - longest)
        weights = [rng.uniform(0.7, 1.3) for _ in others]
        for q in questions:
            if q.id == LONG_QUESTION:
                review.set_answer(q.id, maker.prose(longest))
            elif rest:
                share = weights[others.index(q)] / sum(weights)
                review.set_answer(q.id, maker.prose(max(20, round(rest * share))))
            else:
                review.set_answer(q.id, maker.paragraph(60)[0])
    else:
        count = len(questions) if answered is None else answered
        weights = [rng.uniform(0.7, 1.3) for _ in range(count)]
        total = sum(weights)
        for q, w in zip(questions[:count], weights):
            review.set_answer(q.id, maker.prose(max(20, round(words * w / total))))
            review.set_done(q.id, rng.random() < 0.6)
        if count > 1 and rng.random() < 0.5:
            review.add_image(questions[1].id, f"https://animeblog.example/img/{rng.randint(1, 10**6)}.jpg",
                             f"{title} Episode {rng.randint(1, 12)}")
    values = {"text": lambda f: f"{title} {f.label.lower()}", "number": lambda f: str(rng.randint(1, 26)),
              "list": lambda f: ", ".join(rng.sample(["Action", "Drama", "Bones", "MAPPA", "Comedy",
                                                      "Mystery", "Romance", "Sci-Fi"], 2))}
    for f in template.info:
        if rng.random() < 0.85:
            review.set_info(f, values.get(f.kind, values["text"])(f))
    return review


def write_review(folder: Path, slug: str, review) -> None:
    from reviewdesk.review import draftfile

    review.slug = slug
    (folder / f"{slug}.toml").write_text(draftfile.dumps(review), encoding="utf-8")


@dataclass
class Data:
    root: Path
    empty: Path
    big: Path          # N drafts + the 50,000-word review
    work: Path         # the long reviews for typing/switching + a few season mates
    config: Path
    drafts: int
    reviews: tuple = REVIEWS
    word_counts: dict = field(default_factory=dict)

    def slug(self, n: int) -> str:
        """The slug of review ``n`` of ``reviews``."""
        return f"review-{self.reviews[n][0]}"


def build_data(root: Path, drafts: int, reviews: tuple = REVIEWS, seed: int = 7) -> Data:
    from reviewdesk.review.model import word_count
    from reviewdesk.review.slug import slugify
    from reviewdesk.review.template import load_template

    template = load_template("anime-season")
    data = Data(root=root, empty=root / "empty", big=root / "big", work=root / "work",
                config=root / "config", drafts=drafts, reviews=tuple(reviews))
    for folder in (data.empty, data.big, data.work, data.config):
        folder.mkdir(parents=True, exist_ok=True)
    maker = TextMaker(seed)
    rng = maker.rng
    base = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
    # The library: drafts of realistic length (a few hundred to 3,500 words),
    # a third of them still in progress.
    for i in range(drafts):
        title = f"{rng.choice(_TITLE_A)} {rng.choice(_TITLE_B)}{rng.choice(_TITLE_C)}"
        answered = 9 if rng.random() < 0.66 else rng.randint(1, 8)
        words = round(rng.triangular(300, 3500, 1600) * answered / 9)
        review = build_review(template, maker, title, SEASONS[i % len(SEASONS)], words, "spread",
                              base - timedelta(hours=7 * i), answered=answered)
        write_review(data.big, f"{slugify(title)}-{i}", review)
    # The long reviews (in the work library; the stress review and the 50,000
    # words in one answer also in the big one, where memory is measured).
    season = SEASONS[-1]
    for n, (words, longest) in enumerate(data.reviews):
        review = build_review(template, maker, f"Long Review {words}", season, words, "long",
                              base + timedelta(minutes=words // 1000), longest=longest)
        review.status = "draft"
        for q in template.questions:
            review.set_done(q.id, False)
        slug = data.slug(n)
        write_review(data.work, slug, review)
        data.word_counts[slug] = (review.words(), word_count(review.peek(LONG_QUESTION).text))
        if n > 0:
            write_review(data.big, slug, review)
    for i in range(3):
        mate = build_review(template, maker, f"Season Mate {i}", season, 1500, "spread", base)
        write_review(data.work, f"mate-{i}", mate)
    return data


# ---------------------------------------------------------------------------
# Subprocesses
# ---------------------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    maxrss_mb: float
    returncode: int
    stdout: str
    stderr: str
    launched: float = 0.0  # time.time() just before the launch

    def result(self) -> dict:
        for line in reversed(self.stdout.splitlines()):
            if line.startswith(RESULT_TAG):
                return json.loads(line[len(RESULT_TAG):])
        raise RuntimeError(f"no result from the child (exit {self.returncode}):\n{self.stderr[-3000:]}")


def child_env(data: Data, library: Path | None = None) -> dict:
    env = dict(os.environ)
    for name in ("TMUX", "TEXTUAL", "TEXTUAL_DEBUG", "TEXTUAL_PRESS", "TEXTUAL_DRIVER", "TEXTUAL_FPS"):
        env.pop(name, None)
    env["REVIEWDESK_CONFIG_DIR"] = str(data.config)
    env["REVIEWDESK_LIBRARY"] = str(library or data.empty)
    env["REVIEWDESK_FORCE_APP"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_process(cmd: list[str], env: dict, timeout: float = 1800) -> Run:
    """Wall time and peak RSS (this child's own, from wait4) of one command,
    and the wall-clock moment it was launched (``Run.launched``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        launched = time.time()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        # Block in wait4 (no polling: the parent must not compete for the CPU);
        # a timer kills a child that hangs.
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(elapsed, usage.ru_maxrss / 1024, proc.returncode,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), launched)


def drop_index(library: Path) -> None:
    """Remove the library's summary index (if this version has one): a first start."""
    try:
        from reviewdesk.review.index import INDEX_NAME
    except ImportError:
        return
    (library / INDEX_NAME).unlink(missing_ok=True)


def fresh_copy(data: Data, name: str) -> Path:
    """A private copy of the work library: typing autosaves, and a rerun with
    --data must start from the same drafts."""
    target = data.root / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(data.work, target)
    return target


def self_cmd(*args: str) -> list[str]:
    quick = ["--quick"] if QUIET != 1.0 else []
    return [sys.executable, str(Path(__file__).resolve()), *args, *quick]


def reviewdesk_cmd(*args: str) -> list[str]:
    script = Path(sys.executable).parent / "reviewdesk"
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "reviewdesk", *args]


def check(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
    return run


# ---------------------------------------------------------------------------
# Children: code that runs inside a fresh process
# ---------------------------------------------------------------------------

def emit(result: dict) -> None:
    print(RESULT_TAG + json.dumps(result), flush=True)


def _headless_run(size=(120, 40), auto_pilot=None):
    """Make App.run headless and drive it with ``auto_pilot``, whoever calls it.

    Done as Textual is imported, by whoever imports it: importing it here
    first would load it before the program under test starts, and the
    program would no longer start in the order it does for a writer (Review
    Desk's own modules first, then Textual, imported as the app needs it)."""

    def patch(app_module) -> None:
        original = app_module.App.run

        def run(self, *args, **kwargs):
            kwargs.update(headless=True, size=size, auto_pilot=auto_pilot)
            return original(self, *args, **kwargs)

        app_module.App.run = run

    if "textual.app" in sys.modules:
        patch(sys.modules["textual.app"])
    else:
        sys.meta_path.insert(0, _PatchOnImport("textual.app", patch))


class _PatchOnImport:
    """A finder that runs ``patch(module)`` once module ``name`` is imported."""

    def __init__(self, name: str, patch: Callable) -> None:
        self.name, self.patch = name, patch

    def find_spec(self, name, path, target=None):
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        loader_exec = spec.loader.exec_module

        def exec_module(module) -> None:
            loader_exec(module)
            self.patch(module)

        spec.loader.exec_module = exec_module
        return spec


async def _wait_until(predicate: Callable[[], object], timeout: float = 120, step: float = 0.001):
    deadline = time.perf_counter() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.perf_counter() > deadline:
            raise TimeoutError("gave up waiting")
        await asyncio.sleep(step)


async def _after_refresh(widget) -> None:
    done = asyncio.get_running_loop().create_future()
    widget.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done


def child_startup_app(expect: int) -> None:
    """``reviewdesk`` (no command), headless, until the library screen shows every draft."""

    async def pilot(p) -> None:
        app = p.app

        def ready():
            screen = app.screen
            if type(screen).__name__ != "LibraryScreen":
                return False
            if expect == 0:
                return screen.query("#welcome") and screen.query_one("#welcome").display
            tables = screen.query("#reviews")  # the list, whatever widget draws it
            return tables and tables.first().row_count >= expect

        await _wait_until(ready, timeout=300)
        await _after_refresh(app.screen)
        shown.append(time.time())  # wall clock, as the parent's launch time
        app.exit()

    shown: list[float] = []
    _headless_run(auto_pilot=pilot)
    from reviewdesk.cli import main

    code = main([])
    emit({"code": code, "ready_at": shown[0]})


def child_startup_reference() -> None:
    """The smallest Textual app: one Static, the same harness."""
    from textual.app import App
    from textual.widgets import Static

    class Reference(App):
        def compose(self):
            yield Static("Review Desk")

    async def pilot(p) -> None:
        app = p.app
        await _wait_until(lambda: app.screen.query(Static))
        await _after_refresh(app.screen)
        shown.append(time.time())
        app.exit()

    shown: list[float] = []
    Reference().run(headless=True, size=(120, 40), auto_pilot=pilot)
    emit({"code": 0, "ready_at": shown[0]})


class DisplayClock:
    """Timestamps of every frame the app puts on screen (headless: would put).

    Wraps ``app._display``: that is where a finished compositor update goes
    to the terminal, so "the key is visible" means "a frame that contains
    it was produced". Frames withheld by ``batch_update`` do not count, and
    neither do calls with nothing to draw. (Textual's public
    ``post_display_hook`` is called for both of those too, so it cannot tell
    a frame drawn from one withheld: this instrument reads those two private
    names. It is measurement only; the app itself uses Textual's public API.)
    """

    def __init__(self, app) -> None:
        self.app = app
        self.watchers: list[Callable[[float], bool]] = []
        original = app._display

        def display(screen, renderable):
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            now = time.perf_counter()
            self.watchers = [w for w in self.watchers if not w(now)]

        app._display = display

    def when(self, condition: Callable[[], bool]) -> asyncio.Future:
        """A future with the time of the first frame shown once ``condition`` holds."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()

        def watcher(now: float) -> bool:
            if future.done():
                return True
            if condition():
                future.set_result(now)
                return True
            return False

        self.watchers.append(watcher)
        return future

    async def wait(self, condition: Callable[[], bool], timeout: float, what: str,
                   describe: Callable[[], str] = lambda: "") -> float:
        """The time of the first frame shown once ``condition`` holds.

        Frames are what count; but if the condition turns true after the last
        frame that needed it (nothing left to repaint), the moment a 20 ms
        poll saw it true is taken instead.
        """
        future = self.when(condition)
        deadline = time.perf_counter() + timeout
        seen_true = None
        while not future.done():
            now = time.perf_counter()
            if now > deadline:
                raise TimeoutError(f"gave up after {timeout:.0f} s waiting for {what}. {describe()}")
            if condition():
                if seen_true is None:
                    seen_true = now
                elif now - seen_true > 0.25:
                    future.set_result(seen_true)
                    break
            await asyncio.wait({future}, timeout=0.02)
        return future.result()


class LagProbe:
    """How long the event loop is unavailable: sleeps 1 ms in a loop, records the overshoot.

    ``stop`` returns the worst stall of each second (ms): a key pressed
    during a stall waits for it to end.
    """

    def __init__(self) -> None:
        self.lags: list[tuple[float, float]] = []
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.001)
            end = time.perf_counter()
            self.lags.append((end, (end - start - 0.001) * 1000))

    def start(self) -> None:
        self.lags = []
        self.started = time.perf_counter()
        self._task = asyncio.get_running_loop().create_task(self._run())

    def stop(self) -> list[float]:
        if self._task:
            self._task.cancel()
        worst: dict[int, float] = {}
        for end, lag in self.lags:
            second = int(end - self.started)
            worst[second] = max(worst.get(second, 0.0), lag)
        return [worst[k] for k in sorted(worst)]


class KeyThread:
    """Posts keys from a thread at a typist's pace, as Textual's input driver
    does: into the app's message queue, from outside the event loop, without
    waiting for them to be handled."""

    def __init__(self, app, loop) -> None:
        self.app = app
        self.loop = loop

    def post(self, key: str, character: str | None) -> None:
        from textual import events

        self.loop.call_soon_threadsafe(self.app.post_message, events.Key(key, character))


def key_for(ch: str) -> tuple[str, str | None]:
    """The key Textual names for a typed character (a letter or digit is
    itself, anything else its Unicode name: "space", "comma", "full_stop")."""
    import unicodedata

    if ch == "\n":
        return "enter", "\r"
    if ch.isalnum():
        return ch, ch
    return unicodedata.name(ch).lower().replace("-", "_").replace(" ", "_"), ch


def _workers_busy(app) -> bool:
    from textual.worker import WorkerState

    return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


async def settle(app, condition: Callable[[], bool] = lambda: True, quiet: float = 0.3,
                 timeout: float = 300) -> float:
    """Wait until ``condition`` holds, no worker runs and the draft is saved,
    then ``quiet`` seconds more; returns how long it took."""
    start = time.perf_counter()

    def calm() -> bool:
        return condition() and not _workers_busy(app) and not getattr(app.screen, "dirty", False)

    await _wait_until(calm, timeout=timeout, step=0.01)
    await asyncio.sleep(quiet * QUIET)
    await _wait_until(calm, timeout=timeout, step=0.01)
    return time.perf_counter() - start


def _locked(markdown) -> bool:
    """True while a Markdown widget is still (re)building its blocks."""
    lock = markdown.lock
    flag = getattr(lock, "is_locked", None)
    return bool(flag) if flag is not None else lock.locked()


_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def _normal(markdown: str) -> str:
    return _BLANK_LINES.sub("\n\n", markdown.strip())


def section_chunks(screen, key: str) -> list | None:
    """The widgets showing part ``key`` of the post in the review screen's
    preview, in order; None if the part is not there (yet). Two shapes of
    preview are known: a container per part holding one Markdown widget per
    chunk (the preview until issue 16), and a section record listing its
    chunk widgets (a Markdown widget, or one widget for plain paragraphs)."""
    try:
        from reviewdesk.tui.widgets.preview import PostPreview
    except ImportError:
        return None
    previews = screen.query(PostPreview)
    if not previews:
        return None
    section = previews.first().section(key)
    if section is None:
        return None
    children = getattr(section, "children", None)  # a container widget
    return list(children if children is not None else section.chunks)


def chunk_ready(widget) -> bool:
    """A chunk that shows its text: a Markdown widget not rebuilding its
    blocks, and holding some; any other chunk widget draws its text at once."""
    from textual.widgets import Markdown

    if isinstance(widget, Markdown):
        return not _locked(widget) and bool(widget.children)
    return True


def chunk_draws(widget, marker: str) -> bool:
    """The chunk's drawn paragraphs contain ``marker`` (what each paragraph
    widget renders)."""
    from textual.widgets import Markdown

    if isinstance(widget, Markdown):
        return any(marker in str(block.render()) for block in widget.query("MarkdownParagraph"))
    return marker in str(widget.render())


def preview_complete(screen) -> bool:
    """Every part of the post is in the preview, every chunk rendered.

    Independent of how the preview chunks a part: the sources of a section's
    chunk widgets, joined, must be the part's Markdown (blank lines
    normalised), as ``post_parts`` makes it.
    """
    try:
        from reviewdesk.publish.export import post_parts
    except ImportError:  # the preview changed shape: rely on quiet alone
        return True
    if not getattr(screen, "preview_on", False):
        return True
    parts = {key: text for key, text in post_parts(screen.review, screen.template).items()
             if key != "others" and text.strip()}
    sections = {}
    for key in parts:  # cheap checks first
        widgets = section_chunks(screen, key)
        if not widgets or not all(chunk_ready(w) for w in widgets):
            return False
        sections[key] = widgets
    return all(_normal("\n\n".join(w.source for w in sections[key])) == _normal(text)
               for key, text in parts.items())


def describe_preview(screen, question_id: str, marker: str) -> str:
    """What the preview holds, for an error message."""
    chunks = section_chunks(screen, "q:" + question_id)
    if chunks is None:
        return f"no preview section for {question_id}; preview_on={getattr(screen, 'preview_on', '?')}"
    tail = [(type(c).__name__, marker in c.source, chunk_ready(c), c.source[-60:]) for c in chunks[-3:]]
    return (f"screen {type(screen).__name__} current={screen.is_current} preview_on={screen.preview_on} "
            f"pending={getattr(screen, '_preview_pending', '?')} busy={getattr(screen, '_preview_busy', '?')} "
            f"timer={getattr(screen, '_preview_timer', '?')} chunks={len(chunks)} last three "
            f"(kind, has marker, ready, end)={tail}")


def preview_shows(screen, question_id: str, marker: str) -> Callable[[], bool]:
    """Condition: the preview's drawn paragraphs for the question contain ``marker``."""

    def condition() -> bool:
        chunks = section_chunks(screen, "q:" + question_id)
        if not chunks:
            return False
        for chunk in reversed(chunks[-3:]):
            if marker in chunk.source and chunk_ready(chunk) and chunk_draws(chunk, marker):
                return True
        return False

    return condition


def _make_app(slug: str | None, library: Path):
    from reviewdesk.review.library import Library
    from reviewdesk.tui.app import ReviewDeskApp

    return ReviewDeskApp(library=Library(library), open_slug=slug)


async def _goto_question(app, index: int, poster: "KeyThread"):
    """Walk to question ``index`` with ctrl+n/ctrl+o; returns its focused editor."""
    screen = app.screen
    while screen.index != index:
        before = screen.index
        poster.post("ctrl+n" if before < index else "ctrl+o", None)
        await _wait_until(lambda: screen.index != before, timeout=60)
    question_id = screen.template.questions[index].id
    editor = await _wait_until(lambda: app.focused if getattr(app.focused, "question_id", None) == question_id
                               else None, timeout=30)
    await settle(app, quiet=0.1)
    return editor


def child_typing(library: str, slug: str, keys: int, bursts: int, rate: float, seed: int) -> None:
    asyncio.run(_typing(Path(library), slug, keys, bursts, rate, seed))


SENTENCES = (
    "The animation in the last episode carried the whole arc, and the score knew when to stay quiet",
    "I kept thinking about the lighthouse scene long after the credits rolled over the harbor",
    "Her voice actor finds a tired warmth in the role that the script alone never gives her",
    "Even the filler episodes have a small moment of kindness that pays off in the finale",
    "What works best is the patience of the direction, letting a shot breathe before the cut",
)


def _burst_text(rng: random.Random, keys: int, marker: str, new_paragraph: bool) -> str:
    """About ``keys`` characters of prose ending in a unique ``marker`` word."""
    room = max(1, keys - len(marker) - 3)
    sentence = rng.choice(SENTENCES)
    while len(sentence) < room:
        sentence += ", " + rng.choice(SENTENCES).lower()
    return ("\n\n" if new_paragraph else " ") + sentence[:room].rstrip(" ,") + " " + marker


def _locations(start: tuple[int, int], text: str) -> list[tuple[str, tuple[int, int]]]:
    """Each character with where the document ends once it is typed (typing at the end)."""
    row, col = start
    out = []
    for ch in text:
        if ch == "\n":
            row, col = row + 1, 0
        else:
            col += 1
        out.append((ch, (row, col)))
    return out


async def _typing(library: Path, slug: str, keys: int, bursts: int, rate: float, seed: int) -> None:
    """Type at the end of the long answer, in bursts with the preview off and
    on in turn.

    Closed loop ("key to screen"): a typist thread presses a key 50-150 ms
    after the previous one became visible, so each sample is the cost of
    one key plus whatever background work (preview, autosave, stats) it
    had to wait for, without a queue of earlier keys. Open loop ("10 keys/s"):
    the thread presses keys on a fixed schedule whatever the app does, as a
    fast typist would; if the app cannot keep up, keys queue and it shows.
    A probe coroutine measures how long the event loop is unavailable.
    """
    from reviewdesk.review.template import load_template

    rng = random.Random(seed)
    app = _make_app(slug, library)
    result: dict = {"phases": {}}
    phase = time.perf_counter()

    def mark(name: str) -> None:
        nonlocal phase
        now = time.perf_counter()
        result["phases"][name] = round(now - phase, 2)
        phase = now

    async with app.run_test(size=TERMINAL):
        loop = asyncio.get_running_loop()
        poster = KeyThread(app, loop)
        clock = DisplayClock(app)
        await _wait_until(lambda: type(app.screen).__name__ == "ReviewScreen")
        screen = app.screen
        template = load_template(screen.review.template)
        qindex = [q.id for q in template.questions].index(LONG_QUESTION)
        mark("start")
        result["open_settle_s"] = await settle(app, lambda: preview_complete(screen))
        mark("open")
        editor = await _goto_question(app, qindex, poster)
        mark("goto")
        editor.move_cursor(editor.document.end)
        probe = LagProbe()
        serial = 0
        runs = {mode: {"latency_ms": [], "paced_ms": [], "lag_ms": [], "preview_ms": [], "cpu": 0.0, "keys": 0,
                       "bursts": 0} for mode in ("off", "on")}
        # The closed-loop bursts alternate, off then on, then on then off...,
        # so that the machine's drift over the run (a shared machine's speed
        # moves by a third from minute to minute) falls on both modes alike;
        # then one paced burst each.
        schedule = [(mode, False) for b in range(bursts)
                    for mode in (("off", "on") if b % 2 == 0 else ("on", "off"))]
        schedule += [("off", True), ("on", True)]
        for mode, open_loop in schedule:
            if screen.preview_on != (mode == "on"):
                poster.post("ctrl+r", None)
                await _wait_until(lambda: screen.preview_on == (mode == "on"), timeout=10)
            await settle(app, lambda: preview_complete(screen))
            mark(f"toggle {mode}")
            run = runs[mode]
            closed, paced, preview_ms = run["latency_ms"], run["paced_ms"], run["preview_ms"]
            serial += 1
            marker = f"zq{serial}{mode[1]}"  # zq1f, zq2n...: a word found nowhere else
            text = _burst_text(rng, keys, marker, new_paragraph=run["bursts"] == 0)
            run["bursts"] += 1
            pending = _locations(editor.document.end, text)
            posted: list[float] = []
            probe.start()
            if open_loop:
                futures = [clock.when(lambda loc=loc: editor.document.end >= loc) for _, loc in pending]

                def typist():
                    next_at = time.perf_counter()
                    for ch, _ in pending:
                        delay = next_at - time.perf_counter()
                        if delay > 0:
                            time.sleep(delay)
                        posted.append(time.perf_counter())
                        poster.post(*key_for(ch))
                        next_at += (1 / rate) * rng.uniform(0.7, 1.3)

                thread = threading.Thread(target=typist, daemon=True)
                thread.start()
                shown = await asyncio.wait_for(asyncio.gather(*futures), timeout=600)
                thread.join()
                paced.extend((s - p) * 1000 for s, p in zip(shown, posted))
                mark(f"paced {mode}")
            else:
                cpu_start = time.process_time()
                visible = time.perf_counter()
                for ch, loc in pending:
                    future = clock.when(lambda loc=loc: editor.document.end >= loc)
                    at = visible + rng.uniform(0.05, 0.15)

                    def press(ch=ch, at=at) -> float:
                        delay = at - time.perf_counter()
                        if delay > 0:
                            time.sleep(delay)
                        t = time.perf_counter()
                        poster.post(*key_for(ch))
                        return t

                    posted.append(await loop.run_in_executor(None, press))
                    visible = await asyncio.wait_for(future, timeout=120)
                    closed.append((visible - posted[-1]) * 1000)
                run["cpu"] += time.process_time() - cpu_start
                run["keys"] += len(pending)
                mark(f"closed {mode} {run['bursts']}")
            if mode == "on":
                try:
                    seen = await clock.wait(preview_shows(screen, LONG_QUESTION, marker), PREVIEW_TIMEOUT,
                                            f"the preview to show {marker!r}",
                                            lambda: describe_preview(screen, LONG_QUESTION, marker))
                    preview_ms.append((seen - posted[-1]) * 1000)
                except TimeoutError as exc:  # the app lost the update: count it, say why, go on
                    preview_ms.append(PREVIEW_TIMEOUT * 1000)
                    result.setdefault("preview_missed", []).append(str(exc))
                mark(f"preview {mode} {run['bursts']}")
            run["lag_ms"].extend(probe.stop())
            await asyncio.sleep(0.2 * QUIET)
        for mode, run in runs.items():
            result[mode] = {"latency_ms": run["latency_ms"], "paced_ms": run["paced_ms"], "lag_ms": run["lag_ms"],
                            "preview_ms": run["preview_ms"],
                            "cpu_ms_per_key": run["cpu"] * 1000 / max(1, run["keys"])}
        result["words"] = screen.review.words()
        await settle(app, quiet=0.1)
    emit(result)


def child_switch(library: str, slugs: list[str], reps: int, steps: int) -> None:
    asyncio.run(_switch(Path(library), slugs, reps, steps))


class Collections:
    """Python's garbage collections, as ``gc.callbacks`` reports them: when
    each started, its generation and how long it took. Observation only: the
    collector's settings are left as they are. A switch that includes a full
    collection (generation 2) pays for a walk over every object alive."""

    def __init__(self) -> None:
        import gc

        self.done: list[tuple[int, float, float]] = []  # (generation, start, ms)
        self._start = 0.0
        self._gc = gc
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.done.append((info["generation"], self._start, (time.perf_counter() - self._start) * 1000))

    def between(self, start: float, end: float) -> tuple[int, float, int, float]:
        """Collections that started in [start, end]: (young ones, their ms, full ones, their ms)."""
        young = [ms for gen, at, ms in self.done if start <= at <= end and gen < 2]
        full = [ms for gen, at, ms in self.done if start <= at <= end and gen == 2]
        return len(young), sum(young), len(full), sum(full)

    def tracked(self) -> int:
        return len(self._gc.get_objects())


async def _switch(library: Path, slugs: list[str], reps: int, steps: int) -> None:
    """Open each review from the library (Enter) and walk its questions:
    ``steps`` forward (first visits), back, forward again (revisits)."""
    app = _make_app(None, library)
    result: dict = {}
    collections = Collections()
    async with app.run_test(size=TERMINAL):
        loop = asyncio.get_running_loop()
        keys = KeyThread(app, loop)
        clock = DisplayClock(app)
        await _wait_until(lambda: type(app.screen).__name__ == "LibraryScreen")
        await settle(app)
        for slug in slugs:
            opens, previews, first, again = [], [], [], []
            gcs: list[tuple[int, float, int, float]] = []  # per switch: collections during it
            tracked: list[int] = []  # objects the collector tracks, once each walk is done
            for _ in range(reps):
                library_screen = app.screen
                table = library_screen.query_one("#reviews")
                table.move_cursor(row=table.get_row_index(slug))
                table.focus()
                await settle(app, quiet=0.1)

                def review_ready():
                    s = app.screen
                    return (type(s).__name__ == "ReviewScreen" and type(app.focused).__name__ == "AnswerEditor")

                shown = clock.when(review_ready)
                t0 = time.perf_counter()
                keys.post("enter", "\r")
                opens.append((await asyncio.wait_for(shown, 60) - t0) * 1000)
                screen = app.screen
                await _wait_until(lambda: preview_complete(screen), timeout=300, step=0.02)
                previews.append((time.perf_counter() - t0) * 1000)
                await settle(app, lambda: preview_complete(screen))
                # Walk: forward through every question (first visits), back, forward again.
                for key, samples in (("ctrl+n", first), ("ctrl+o", again), ("ctrl+n", again)):
                    for _ in range(min(steps, screen.count)):
                        before = app.focused
                        target = screen.index + (1 if key == "ctrl+n" else -1)
                        shown = clock.when(lambda b=before, t=target: app.focused is not b and app.focused
                                           is not None and screen.index == t)
                        t0 = time.perf_counter()
                        keys.post(key, None)
                        t1 = await asyncio.wait_for(shown, 60)
                        samples.append((t1 - t0) * 1000)
                        gcs.append(collections.between(t0, t1))
                        await settle(app, quiet=0.05)
                tracked.append(collections.tracked())
                keys.post("escape", None)
                await _wait_until(lambda: type(app.screen).__name__ == "LibraryScreen", timeout=30)
                await settle(app)
            result[slug] = {"open_ms": opens, "preview_ms": previews, "first_ms": first, "again_ms": again,
                            "gc": gcs, "tracked": tracked}
    emit(result)


def child_memory(slug: str) -> None:
    """``reviewdesk open SLUG``, headless and wide, until the preview is complete; then VmHWM."""

    async def pilot(p) -> None:
        app = p.app
        await _wait_until(lambda: type(app.screen).__name__ == "ReviewScreen", timeout=300)
        screen = app.screen
        opened = time.perf_counter()
        await settle(app, lambda: preview_complete(screen), quiet=1.0, timeout=600)
        settled = time.perf_counter() - opened
        status = Path("/proc/self/status").read_text() if Path("/proc/self/status").exists() else ""
        hwm = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")), 0)
        emit({"vmhwm_mb": hwm / 1024, "settle_s": settled, "words": screen.review.words()})
        app.exit()

    _headless_run(size=TERMINAL, auto_pilot=pilot)
    from reviewdesk.cli import main

    main(["open", slug])


def child_export_loop(library: str, out: str) -> None:
    """Every draft to Markdown through the core, season mates computed once."""
    from reviewdesk.errors import ReviewDeskError
    from reviewdesk.publish.export import to_markdown
    from reviewdesk.review.library import Library
    from reviewdesk.review.template import load_template

    lib = Library(library)
    entries = []
    for slug in lib.slugs():
        try:
            entries.append(lib.load(slug))
        except ReviewDeskError:
            continue
    by_season: dict[str, list] = {}
    for r in entries:
        by_season.setdefault(r.season.strip().casefold(), []).append(r)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for r in entries:
        mates = sorted(((m.title, m.url) for m in by_season.get(r.season.strip().casefold(), [])
                        if m.slug != r.slug), key=lambda m: m[0].casefold()) if r.season.strip() else []
        text = to_markdown(r, load_template(r.template), mates)
        (folder / f"{r.slug}.md").write_text(text, encoding="utf-8")
    emit({"exported": len(entries)})


# ---------------------------------------------------------------------------
# Groups: what the parent runs
# ---------------------------------------------------------------------------

@dataclass
class Plan:
    quick: bool
    drafts: int
    startup_reps: int
    cli_reps: int
    memory_reps: int
    switch_reps: int
    keys_per_burst: int
    bursts: int
    rate: float
    reviews: tuple = REVIEWS
    switch_steps: int = 99  # questions walked per pass (all of them unless --quick)


def machine_speed() -> float:
    """Milliseconds for a fixed pure-Python loop (best of three): a shared
    machine's speed moves by half from one minute to the next, and the
    figures in ms move with it."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def log(msg: str) -> None:
    print(f"  … {msg}", file=sys.stderr, flush=True)


def group_startup(data: Data, plan: Plan) -> list[Row]:
    big = self_cmd("--child", "startup-app", "--expect", str(big_library_count(data)))
    cases = [("reference", self_cmd("--child", "startup-ref"), data.empty),
             ("empty", self_cmd("--child", "startup-app", "--expect", "0"), data.empty),
             ("big", big, data.big),
             ("cold", big, data.big)]  # the same, with the summary index removed first
    times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    rss: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    to_exit: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    for name, cmd, lib in cases if not plan.quick else ():  # warm-up: byte-code caches, page cache
        check(run_process(cmd, child_env(data, lib)), f"start-up ({name})")
    for rep in range(plan.startup_reps):
        log(f"start-up, round {rep + 1} of {plan.startup_reps}")
        for name, cmd, lib in cases:  # interleaved, so drift hits every case alike
            if name == "cold":
                drop_index(lib)
            run = check(run_process(cmd, child_env(data, lib)), f"start-up ({name})")
            # Launch to the first frame showing the screen ready; what the
            # process does after (its exit) is not start-up.
            times[name].append((run.result()["ready_at"] - run.launched) * 1000)
            to_exit[name].append(run.seconds * 1000)
            rss[name].append(run.maxrss_mb)
    n = big_library_count(data)
    return [
        Row("startup.reference", "Start-up: minimal Textual app (one Static)", "ms", times["reference"],
            target="reference", note=f"peak RSS {median(rss['reference']):.0f} MB; launch to exit {median(to_exit['reference']):.0f} ms"),
        Row("startup.empty", "Start-up to library screen, empty library", "ms", times["empty"],
            ref=times["reference"], ref_label="(minimal app)", ratio_limit=1.3, target="<= 1.3x ref",
            note=f"peak RSS {median(rss['empty']):.0f} MB; launch to exit {median(to_exit['empty']):.0f} ms"),
        Row("startup.big", f"Start-up to library screen, {n:,} drafts", "ms", times["big"],
            ref=times["reference"], ref_label="(minimal app)", ratio_limit=1.8, target="<= 1.8x ref",
            note=f"peak RSS {median(rss['big']):.0f} MB; launch to exit {median(to_exit['big']):.0f} ms"),
        Row("startup.cold", f"Start-up to library screen, {n:,} drafts, no index yet", "ms", times["cold"],
            ref=times["reference"], ref_label="(minimal app)", target="info",
            note=f"peak RSS {median(rss['cold']):.0f} MB; launch to exit {median(to_exit['cold']):.0f} ms; the first start builds the summary index"),
    ]


def size_label(words: int) -> str:
    return f"{words / 1000:g}k" if words >= 1000 else str(words)


def run_children(jobs: list[tuple[str, list[str], dict]], side_by_side: bool) -> list[dict]:
    """Run measurement children one after the other (or, for --quick, side by side)."""
    def one(job):
        what, cmd, env = job
        if not side_by_side:
            log(what)
        return check(run_process(cmd, env), what).result()

    if not side_by_side:
        return [one(job) for job in jobs]
    log(", ".join(what for what, _, _ in jobs) + " (side by side: --quick)")
    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(one, jobs))


def review_label(data: Data, n: int) -> str:
    words, longest = data.reviews[n]
    if words == longest:
        return f"{size_label(words)} words in one answer"
    return f"{size_label(words)}-word review (longest answer {size_label(longest)})"


def group_typing(data: Data, plan: Plan) -> tuple[list[Row], dict]:
    rows: list[Row] = []
    details: dict = {}
    jobs = [(f"typing into {review_label(data, n)}",
             self_cmd("--child", "typing", "--library", str(fresh_copy(data, f"work-typing-{n}")),
                      "--slug", data.slug(n),
                      "--keys", str(plan.keys_per_burst), "--bursts", str(plan.bursts), "--rate", str(plan.rate)),
             child_env(data, data.work)) for n in range(len(data.reviews))]
    results = run_children(jobs, side_by_side=plan.quick)
    for n, res in enumerate(results):
        details[data.slug(n)] = res
        off, on = res["off"], res["on"]
        s = review_label(data, n)
        key = f"r{n}"
        p95 = KEY_P95[n]
        rows.append(Row(f"typing.key.off.{key}", f"Key to screen, {s}, preview off", "ms",
                        off["latency_ms"], target="(reference)"))
        if p95 is not None:
            rows.append(Row(f"typing.key.on.{key}", f"Key to screen, {s}, preview on", "ms",
                            on["latency_ms"], ref=off["latency_ms"], ref_label="(preview off)",
                            ratio_limit=KEY_RATIO, p95_limit=p95,
                            target=f"p95 <= {p95} ms; median <= {KEY_RATIO}x off"))
        else:
            rows.append(Row(f"typing.key.on.{key}", f"Key to screen, {s}, preview on", "ms",
                            on["latency_ms"], ref=off["latency_ms"], ref_label="(preview off)",
                            max_limit=NO_KEY_WAITS, target=f"reported; no key > {NO_KEY_WAITS} ms",
                            note=f"max {max(on['latency_ms'], default=0):.0f} ms (preview off: "
                                 f"{max(off['latency_ms'], default=0):.0f} ms)"))
        rows += [
            Row(f"typing.cpu.off.{key}", f"CPU per key (app process), {s}, preview off", "ms",
                [off["cpu_ms_per_key"]], target="info"),
            Row(f"typing.cpu.on.{key}", f"CPU per key (app process), {s}, preview on", "ms",
                [on["cpu_ms_per_key"]], ref=[off["cpu_ms_per_key"]], ref_label="(preview off)", target="info"),
            Row(f"typing.paced.off.{key}", f"Key to screen at {plan.rate:g} keys/s, {s}, preview off", "ms",
                off["paced_ms"], target="info", note=f"max {max(off['paced_ms'], default=0):.0f} ms"),
            Row(f"typing.paced.on.{key}", f"Key to screen at {plan.rate:g} keys/s, {s}, preview on", "ms",
                on["paced_ms"], ref=off["paced_ms"], ref_label="(preview off)", target="info",
                note=f"max {max(on['paced_ms'], default=0):.0f} ms"),
        ]
        lag_limit = NO_KEY_WAITS if p95 is None else None
        for mode, run in (("off", off), ("on", on)):
            rows.append(Row(f"typing.lag.{mode}.{key}", f"Worst event-loop stall per second, {s}, preview {mode}",
                            "ms", run["lag_ms"], max_limit=lag_limit,
                            target=f"never > {NO_KEY_WAITS} ms" if lag_limit else "info",
                            note=f"max {max(run['lag_ms'], default=0):.0f} ms"))
        limit = PREVIEW_P95[n]
        missed = res.get("preview_missed", [])
        rows.append(Row(f"typing.preview.{key}", f"Last key to preview painted, {s}", "ms",
                        on["preview_ms"], p95_limit=limit,
                        target=f"p95 <= {limit} ms" if limit else "reported",
                        note=(f"{len(missed)} of {len(on['preview_ms'])} bursts: the preview never showed the last "
                              f"key (counted as {PREVIEW_TIMEOUT:.0f} s). {missed[0]}") if missed else ""))
    return rows, details


def group_switch(data: Data, plan: Plan) -> tuple[list[Row], dict]:
    cases = [n for n in range(len(data.reviews)) if SWITCH_LIMIT[n] is not None]
    jobs = [(f"opening {data.slug(n)} and walking its questions ({plan.switch_reps} round(s))",
             self_cmd("--child", "switch", "--library", str(fresh_copy(data, f"work-switch-{n}")),
                      "--reps", str(plan.switch_reps),
                      "--steps", str(plan.switch_steps), "--slug", data.slug(n)),
             child_env(data, data.work)) for n in cases]
    res = {}
    for got in run_children(jobs, side_by_side=plan.quick):
        res.update(got)
    rows = []
    for n in cases:
        r = res[data.slug(n)]
        label, limit = review_label(data, n), SWITCH_LIMIT[n]
        gcs = r.get("gc", [])
        full = [g for g in gcs if g[2]]
        gc_note = (f"all {len(gcs)} switches (first visits and revisits): {sum(g[0] for g in gcs)} young garbage "
                   f"collections ({sum(g[1] for g in gcs):.0f} ms); {len(full)} included a full one "
                   f"({sum(g[3] for g in full):.0f} ms, longest {max([g[3] for g in full] or [0]):.0f} ms); "
                   f"objects tracked after each walk: {', '.join(f'{t:,}' for t in r.get('tracked', []))}")
        rows += [
            Row(f"open.r{n}", f"Open review, {label} (editor shown)", "ms", r["open_ms"], target="info"),
            Row(f"open.preview.r{n}", f"Open review, {label}, until preview complete", "ms",
                r["preview_ms"], target="info"),
            Row(f"switch.first.r{n}", f"Question switch, {label}, first visit", "ms",
                r["first_ms"], limit=limit, check_p95=True, target=f"<= {limit} ms, p95 too", note=gc_note),
            Row(f"switch.again.r{n}", f"Question switch, {label}, revisit", "ms",
                r["again_ms"], limit=limit, check_p95=True, target=f"<= {limit} ms, p95 too"),
        ]
    return rows, res


def _export_all_supported(env: dict) -> bool:
    try:
        out = subprocess.run(reviewdesk_cmd("export", "--help"), env=env, capture_output=True, text=True,
                             timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "--all" in out.stdout


def group_cli(data: Data, plan: Plan) -> list[Row]:
    env = child_env(data, data.big)
    files = sorted(str(p) for p in data.big.glob("*.toml"))
    n = len(files)
    cat = ["cat", *files]
    # Each round exports into a folder of its own, made before the clock starts
    # and removed only after the last round. Deleting 2,000 files and writing
    # 2,000 more at once measures the file system, not the exporter: ext4
    # without a journal (as on this machine) walks past every inode freed in
    # the last minute or so before it hands out a new one, which more than
    # halved the rate when each round reused one emptied folder.
    out_root = data.root / "export-out"
    shutil.rmtree(out_root, ignore_errors=True)
    out_root.mkdir()
    export_all = _export_all_supported(env)

    def export_cmd(out_dir: Path) -> list[str]:
        if export_all:
            return reviewdesk_cmd("export", "--all", "--output", str(out_dir))
        return self_cmd("--child", "export-loop", "--library", str(data.big), "--out", str(out_dir))

    how = "reviewdesk export --all" if export_all else "core loop (no export --all yet)"
    some_slug = Path(files[len(files) // 2]).stem
    one_cmd = reviewdesk_cmd("export", some_slug)
    list_cmd = reviewdesk_cmd("list")
    for cmd in (cat, list_cmd, one_cmd) if not plan.quick else ():  # warm-up
        check(run_process(cmd, env), " ".join(cmd[:3]))
    timings: dict[str, list[float]] = {"cat": [], "list": [], "cold": [], "export": [], "one": []}
    for rep in range(plan.cli_reps):
        log(f"commands over {n:,} drafts, round {rep + 1} of {plan.cli_reps}")
        timings["cat"].append(check(run_process(cat, env), "cat").seconds * 1000)
        timings["list"].append(check(run_process(list_cmd, env), "reviewdesk list").seconds * 1000)
        drop_index(data.big)
        timings["cold"].append(check(run_process(list_cmd, env), "reviewdesk list").seconds * 1000)
        timings["one"].append(check(run_process(one_cmd, env), "reviewdesk export SLUG").seconds * 1000)
        out_dir = out_root / f"round-{rep + 1}"
        out_dir.mkdir()
        run = check(run_process(export_cmd(out_dir), env), how)
        made = len(list(out_dir.glob("*.md")))
        if made != n:
            raise RuntimeError(f"{how} wrote {made} files, expected {n}")
        timings["export"].append(run.seconds * 1000)
    shutil.rmtree(out_root, ignore_errors=True)
    rates = [n / (ms / 1000) for ms in timings["export"]]
    cat_rate = [n / (ms / 1000) for ms in timings["cat"]]
    return [
        Row("cli.cat", f"cat of the {n:,} draft files", "ms", timings["cat"], target="reference"),
        Row("cli.list", f"reviewdesk list, {n:,} drafts", "ms", timings["list"], ref=timings["cat"],
            ref_label="(cat)", limit=500, target="< 0.5 s"),
        Row("cli.list_cold", f"reviewdesk list, {n:,} drafts, no index yet", "ms", timings["cold"],
            ref=timings["cat"], ref_label="(cat)", target="info"),
        Row("cli.export", f"Export all {n:,} drafts: {how}", "drafts/s", rates, ref=cat_rate,
            ref_label="(cat)", limit=1000, at_least=True, target=">= 1,000 drafts/s",
            note=f"median {median(timings['export']) / 1000:.2f} s for {n:,}"),
        Row("cli.export_one", f"reviewdesk export SLUG, one draft in {n:,}", "ms", timings["one"],
            ref=timings["cat"], ref_label="(cat all)", target="info"),
    ]


def group_memory(data: Data, plan: Plan) -> list[Row]:
    """Peak RSS with the big library and the stress review open (the target),
    and with 50,000 words in one answer (reported)."""
    env = child_env(data, data.big)
    in_big = big_library_count(data)
    rows = []
    for n in (1, 2):
        peaks, ref_peaks, hwm = [], [], []
        label = review_label(data, n)
        for rep in range(plan.memory_reps):
            log(f"peak memory, {in_big:,} drafts, {label} open, round {rep + 1}")
            run = check(run_process(self_cmd("--child", "memory", "--slug", data.slug(n)), env), "memory")
            res = run.result()
            peaks.append(run.maxrss_mb)
            hwm.append(res["vmhwm_mb"])
            ref_peaks.append(check(run_process(self_cmd("--child", "startup-ref"), env), "reference").maxrss_mb)
        limit = 150 if n == 1 else None
        rows.append(Row(f"memory.peak.r{n}", f"Peak RSS, {in_big:,} drafts, {label} open", "MB", peaks,
                        ref=ref_peaks, ref_label="(minimal app)", limit=limit,
                        target="< 150 MB" if limit else "reported",
                        note=f"VmHWM at settle {median(hwm):.0f} MB"))
    return rows


def big_library_count(data: Data) -> int:
    """The drafts in the big library: the generated ones and the long reviews put there."""
    return data.drafts + len(data.reviews) - 1


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def compile_package() -> None:
    """Write Review Desk's bytecode before anything is timed, as ``pip install``
    does for an installed package. An editable install (or a shell with
    PYTHONDONTWRITEBYTECODE set) would otherwise compile every module of
    ours in every timed process: 150-250 ms of start-up a writer never pays."""
    import compileall

    import reviewdesk

    compileall.compile_dir(Path(reviewdesk.__file__).parent, quiet=1)


def make_plan(args) -> Plan:
    if args.quick:
        return Plan(True, args.drafts or 30, startup_reps=1, cli_reps=1, memory_reps=1, switch_reps=1,
                    keys_per_burst=5, bursts=1, rate=10.0, reviews=QUICK_REVIEWS, switch_steps=3)
    return Plan(False, args.drafts or 2000, startup_reps=7, cli_reps=7, memory_reps=2, switch_reps=2,
                keys_per_burst=30, bursts=8, rate=10.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small library, few repetitions (the smoke test)")
    parser.add_argument("--only", choices=GROUPS, action="append",
                        help="run only this group (repeatable)")
    parser.add_argument("--drafts", type=int, help="drafts in the big library (default 2000; --quick 30)")
    parser.add_argument("--data", metavar="DIR", help="build the data here and keep it (default: a temp folder)")
    parser.add_argument("--json", metavar="FILE", help="also write every row (and raw samples) as JSON")
    # Internal: this script re-runs itself for each measurement in a fresh process.
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--expect", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--library", help=argparse.SUPPRESS)
    parser.add_argument("--slug", action="append", help=argparse.SUPPRESS)
    parser.add_argument("--keys", type=int, default=40, help=argparse.SUPPRESS)
    parser.add_argument("--bursts", type=int, default=3, help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=float, default=10.0, help=argparse.SUPPRESS)
    parser.add_argument("--reps", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--steps", type=int, default=99, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    global QUIET
    QUIET = 0.5 if args.quick else 1.0
    if args.child:
        children = {
            "startup-app": lambda: child_startup_app(args.expect),
            "startup-ref": child_startup_reference,
            "typing": lambda: child_typing(args.library, args.slug[0], args.keys, args.bursts, args.rate, 11),
            "switch": lambda: child_switch(args.library, args.slug, args.reps, args.steps),
            "memory": lambda: child_memory(args.slug[0]),
            "export-loop": lambda: child_export_loop(args.library, args.out),
        }
        children[args.child]()
        return 0

    plan = make_plan(args)
    load_start = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    speed_start = machine_speed()
    groups = args.only or list(GROUPS)
    started = time.perf_counter()
    keep = bool(args.data)
    root = Path(args.data) if keep else Path(tempfile.mkdtemp(prefix="reviewdesk-bench-"))
    rows: list[Row] = []
    details: dict = {}
    try:
        log(f"building data in {root}: {plan.drafts:,} drafts + reviews of "
            f"{', '.join(f'{w:,} (longest {longest:,})' for w, longest in plan.reviews)} words")
        t = time.perf_counter()
        stamp = {"drafts": plan.drafts, "reviews": [list(r) for r in plan.reviews], "version": DATA_VERSION}
        if keep and (root / "data.json").exists() and json.loads((root / "data.json").read_text()) == stamp:
            data = Data(root=root, empty=root / "empty", big=root / "big", work=root / "work",
                        config=root / "config", drafts=plan.drafts, reviews=plan.reviews)
        else:
            if root.exists() and any(root.iterdir()) and not (root / "data.json").exists():
                raise SystemExit(f"{root} is not empty and holds no benchmark data: choose another --data folder")
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            data = build_data(root, plan.drafts, plan.reviews)
            (root / "data.json").write_text(json.dumps(stamp))
        log(f"data ready in {time.perf_counter() - t:.1f} s")
        compile_package()
        for group in GROUPS:
            if group not in groups:
                continue
            group_started = time.perf_counter()
            if group == "startup":
                rows += group_startup(data, plan)
            elif group == "typing":
                got, details["typing"] = group_typing(data, plan)
                rows += got
            elif group == "switch":
                got, details["switch"] = group_switch(data, plan)
                rows += got
            elif group == "cli":
                rows += group_cli(data, plan)
            elif group == "memory":
                rows += group_memory(data, plan)
            log(f"{group}: {time.perf_counter() - group_started:.1f} s")
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)

    mode = "quick" if plan.quick else "full"
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Review Desk benchmark ({mode}; {plan.drafts:,} drafts; python {sys.version.split()[0]}; "
          f"{os.cpu_count()} CPUs; load average at start {load_start}, at end {load}; "
          f"{time.perf_counter() - started:.0f} s)")
    print(f"Machine speed: a fixed Python loop took {speed_start:.0f} ms at the start and {machine_speed():.0f} ms "
          "at the end (the absolute targets, in ms, move with it; the ratios do not)")
    if plan.quick:
        print("Quick run: a small library and few samples, and the typing and switching children run side by "
              "side; the figures only show that the script works.")
    print(render_table(rows))
    notes = [f"  {r.label}: {r.note}" for r in rows if r.note]
    if notes:
        print("Notes:")
        print("\n".join(notes))
    if args.json:
        Path(args.json).write_text(json.dumps({"mode": mode, "drafts": plan.drafts,
                                               "rows": [r.as_dict() for r in rows],
                                               "samples": {r.key: r.samples for r in rows},
                                               "details": details}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
