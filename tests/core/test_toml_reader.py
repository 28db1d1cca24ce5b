"""Drafts are read with tomli (compiled, several times faster than the
standard library's tomllib): it must read every text exactly as tomllib does
(values, types, time zones, key order) and refuse what tomllib refuses, with
the same message, line and column."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import tomli

from reviewdesk.review import draftfile
from reviewdesk.review.model import Answer, Image, Review

PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = ['"', '""', '"""', '""""', "'", "'''", "\\", "\\\\", '\\"', "\\n", "\\t", "\\u0041", "\\ud800",
             "\\U0001F600", "\\x41", "\\e", "\n", "\r\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\u2028",
             "key = ", 'text = """', "# ", "[answers.x]", "[[answers.x.images]]", "[info]", "é", "😀", " ",
             "\\\n", "\\ \n", "= ", "[", "]", "],", "{ ", " }", ", ", "{}", "true", "1", "-0", "1.5", "1e5",
             "2024-02-30", "2024-01-02 03:04:05+00:00", "a.b = 1", '"k" = 2', "\n\n"]
prose = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=12).map("".join)
keys = st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True), st.text(max_size=6))
zones = st.one_of(st.just(timezone.utc), st.just(None),
                  st.integers(-23 * 60, 23 * 60).map(lambda m: timezone(timedelta(minutes=m))))
scalars = st.one_of(
    prose, st.booleans(), st.integers(-(2 ** 70), 2 ** 70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(), st.datetimes(timezones=zones).filter(lambda d: d.year >= 1),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(keys, inner, max_size=3)), max_leaves=8)


def same_as_tomllib(text: str) -> dict | None:
    """What tomli reads from ``text`` (None if it refuses it), checked against tomllib."""
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        with pytest.raises(tomli.TOMLDecodeError) as err:
            tomli.loads(text)
        assert str(err.value) == str(exc)
        return None
    except RecursionError:
        with pytest.raises(RecursionError):
            tomli.loads(text)
        return None
    got = tomli.loads(text)
    assert got == expected
    assert repr(got) == repr(expected)  # the same types, time zones and key order
    return got


def draft(texts, title, caption, extra, info) -> Review:
    review = Review("anime-season", title or "x", tagline=title, season="Winter 2024",
                    created=datetime(2024, 1, 2, 3, 4, 5, 678, tzinfo=timezone.utc),
                    updated=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5, minutes=-30))))
    for n, text in enumerate(texts):
        images = [Image("a.png", caption), Image(f"https://example.com/{n}.jpg" * (n + 1), text)][: n % 3]
        review.answers[f"q{n}"] = Answer(text=text, images=images, done=bool(n % 2), target=n or None,
                                         spoiler=n == 2, extra=dict(extra) if n == 1 else {})
    review.info.update(info)
    review.extra.update(extra)
    review.score = 7.5 if len(texts) % 2 else 8
    return review


@PROPS
@given(st.lists(prose, min_size=1, max_size=4), prose, prose,
       st.dictionaries(keys, values, max_size=3),
       st.dictionaries(keys, st.one_of(prose, st.integers(0, 99), st.lists(prose, max_size=3)), max_size=4))
@example(["x"], "t", "c", {}, {})
def test_our_writers_drafts_read_as_tomllib_reads_them(texts, title, caption, extra, info):
    review = draft(texts, title, caption, extra, info)
    try:
        source = draftfile.dumps(review)
    except (ValueError, TypeError):
        return  # not writable as TOML: nothing to read back
    same_as_tomllib(source)
    same_as_tomllib(source.replace("\n", "\r\n"))


@PROPS
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), min_size=1, max_size=4),
       st.text(max_size=30))
@example(['\n"'], "")  # ends in a quote: written \"""" and read to the right closing quotes
@example(['a\\'], "")
@example(['"""\\"'], "")
def test_prose_of_any_characters_reads_back(texts, title):
    """Prose of any characters (quotes, backslashes, control characters...)
    is written so that it reads back, as tomllib reads it."""
    review = draft(texts, title, title, {}, {"genres": [title, "Drama"], "episodes": 12})
    source = draftfile.dumps(review)
    assert same_as_tomllib(source) is not None


@PROPS
@given(prose)
@example('a = 1\na = 2')
@example('[a]\n[a]')
@example('[a.b]\n[a]')
@example('[a]\nb = 1\n[a.b]')
@example('a = { b = 1 }\n[a.c]')
@example('a = []\n[[a]]')
@example('[[a]]\n[a]')
@example('[[a]]\n[a.b]')
@example('a = """x\\\n  y"""')
@example('a = """\nx\\"""\n"""')
@example('a = """\nx""""\n')
@example('a = """\nx\\\\"""\n')
@example('a = """\n\\ud800"""')
@example('a = "\\U00110000"')
@example('a = 2024-02-30')
@example('a = 2024-01-02 24:00:00')
@example('a = 2024-01-02 03:04:05+24:00')
@example('a = 2024-01-02 03:04:05.1234567+00:00')
@example('a = 0123')
@example('a = 123456789012345678901234')
@example('a = 1e999')
@example('a = [\n    1,\n    [\n        2,\n    ],\n    [],\n]')
@example('a = [\n    1,\n]\n]')
@example('a = [\n    { b = 1, b = 2 },\n]')
@example('a = [\n    """\nx""",\n]')
@example('"a.b" = 1\n["c.d".e]\nf = "\\u00e9"')
@example('a = 1 # note')
@example(' a = 1')
@example('a.b = 1')
@example('a = "x\ty"')
@example('a = "x\x7fy"')
@example('a = """\nx\ry"""')
@example('\ufeffa = 1')
def test_any_text_reads_or_fails_as_tomllib_says(text):
    same_as_tomllib(text)
    same_as_tomllib(f'a = """\n{text}"""\nb = 1\n')
    same_as_tomllib(f'[t]\nc = "{text}"\n')
    same_as_tomllib(f'[t]\nc = [\n    "{text}",\n]\n')


@pytest.mark.parametrize("text", [
    'format = 1\ntitle = "x"\ntitle = "y"\n',       # a duplicate key
    '[answers.a]\ntext = "x"\n[answers.a]\n',        # a table defined twice
    'a = """\nunterminated\n',                       # cut short
    'a = "\\e"\n',                                   # an escape of a newer TOML
    'a = 07:32\n',                                    # a time without seconds (newer TOML too)
    'a = { b = 1, }\n',                               # a trailing comma in an inline table (newer TOML)
    'a = ' + '[' * 2000 + ']' * 2000 + '\n',          # nested too deep to read
])
def test_what_tomllib_refuses_is_refused_with_its_message(text):
    assert same_as_tomllib(text) is None


def test_a_draft_with_an_error_says_where(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('format = 1\ntemplate = "anime-season"\ntitle = "x"\n'
                    '[answers.watched]\ntext = """\nok"""\ndone = maybe\n', encoding="utf-8")
    with pytest.raises(draftfile.DraftError) as err:
        draftfile.read(path)
    assert (err.value.line, err.value.column) == (7, 8) and "not valid TOML" in err.value.reason


def test_types_and_time_zones_are_tomllibs():
    source = ('format = 1\nscore = 7.5\nsmall = -0\nwhen = 2024-02-02 23:00:00+00:00\n'
              'there = 2024-02-02 23:00:00.25-05:30\nday = 2024-02-02\nlocal = 2024-02-02 10:11:12\n'
              'flag = false\nempty = []\n\n[info]\n\n[[answers.q.images]]\nsrc = "a.png"\ncaption = ""\n')
    got = same_as_tomllib(source)
    assert got is not None
    assert got["when"].tzinfo is tomllib.loads(source)["when"].tzinfo
    assert isinstance(got["day"], date) and not isinstance(got["day"], datetime)
    assert got["answers"] == {"q": {"images": [{"src": "a.png", "caption": ""}]}} and got["info"] == {}
