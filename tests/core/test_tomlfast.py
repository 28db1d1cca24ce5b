"""The draft parser's fast path gives exactly what tomllib gives, or tomllib's error."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reviewdesk.review import draftfile
from reviewdesk.review import tomlfast
from reviewdesk.review.model import Answer, Image, Review

PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = ['"', '""', '"""', '""""', "'", "''", "'''", "\\", "\\\\", '\\"', "\\n", "\\t", "\\u0041",
             "\\U0001F600", "\\x41", "\\e", "\n", "\r\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\u2028",
             "key = ", 'text = """', "# ", "[answers.x]", "é", "😀", " ", "\\\n", "\\ \n"]
prose = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=12).map("".join)


def same(text: str) -> None:
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        with pytest.raises(tomllib.TOMLDecodeError) as err:
            tomlfast.loads(text)
        assert str(err.value) == str(exc)
    else:
        assert tomlfast.loads(text) == expected


@PROPS
@given(st.lists(prose, min_size=1, max_size=4), prose, prose)
def test_a_draft_parses_as_tomllib_parses_it(texts, title, caption):
    review = Review("anime-season", title or "x", tagline=title, season="Winter 2024")
    for n, text in enumerate(texts):
        review.answers[f"q{n}"] = Answer(text=text, images=[Image("a.png", caption)], done=bool(n % 2))
    review.info["genres"] = [caption, title]
    try:
        source = draftfile.dumps(review)
    except ValueError:
        return  # not writable as TOML: nothing to read back
    same(source)
    same(source.replace("\n", "\r\n"))


@PROPS
@given(prose)
@example('a = """x"""')
@example('a = """x""""')
@example('a = """x"""""')
@example('a = """x""""""')
@example('a = """\nx\\"""\n"""')
@example('a = """\\\n  x"""')
@example('a = """\n\\n"""')
@example('a = """it\'s"""')
@example('a = """it\'\'"""')
@example('a = """\'\'\'"""')
@example('a = """\\u0027\\u0027\\u0027"""')
@example('a = """\\ud800"""')
@example('a = """\\U00110000"""')
@example('a = """x\ry"""')
@example("a = '''x'''\nb = \"\"\"y\"\"\"")
@example('# a = """\nb = 1')
@example('a = ["""x""", 2]')
@example('a = """x""" b = """y"""')
@example('a = """x\nb = """')
@example('[t]\na.b = """x"""\na.c = """\ny"""')
@example('a = """x"""\na = """y"""')
@example('a = """unterminated')
@example('"q" = """x"""')
@example('\r\r\n').via("a CR LF made by removing the CR of another must not be read as a line break")
def test_any_text_parses_or_fails_as_tomllib_says(text):
    same(text)
    same(f'a = """{text}"""\nb = 1\n')
    same(f'a = """\n{text}"""\n[t]\nc = """{text}\n"""\n')


def test_drafts_read_through_the_fast_path_keep_their_errors(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('format = 1\ntemplate = "anime-season"\ntitle = "x"\n'
                    '[answers.watched]\ntext = """\nok"""\ndone = maybe\n', encoding="utf-8")
    with pytest.raises(draftfile.DraftError) as err:
        draftfile.read(path)
    assert (err.value.line, err.value.column) == (7, 8) and "not valid TOML" in err.value.reason


def test_a_usual_draft_takes_the_fast_path():
    review = Review("anime-season", 'The "Rouge" review', tagline="It's good.\nReally.")
    review.answers["thought"] = Answer(text='She said "no" \\ twice.\nIt\'s fine; tab\there.\n\n"quoted"')
    source = draftfile.dumps(review)
    assert '"""' in source
    fast = tomlfast._literal_source(source)
    assert fast is not None and '"""' not in fast
    assert tomlfast.loads(source) == tomllib.loads(source)
