"""Draft files: what a broken, old, new or hand-edited file does."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from reviewdesk.review import draftfile
from reviewdesk.errors import DraftError
from reviewdesk.review.model import Image
import full_listing

GOOD = """\
format = 1
template = "anime-season"
title = "Delicious in Dungeon"
season = "Winter 2024"

[answers.watched]
text = \"\"\"
Laios and friends cook their way down a dungeon.\"\"\"
"""

BROKEN = """\
format = 1
template = "anime-season"
title = "Solo Leveling
season = "Winter 2024"
"""


def write(library, slug: str, content: str | bytes) -> bytes:
    path = library.path_for(slug)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)
    return data


def test_a_broken_file_is_listed_with_line_and_column_next_to_good_ones(library):
    write(library, "delicious-in-dungeon", GOOD)
    broken = write(library, "solo-leveling", BROKEN)
    library.create("Metallic Rouge", season="Winter 2024")
    entries = {e.slug: e for e in full_listing.entries(library)}
    assert set(entries) == {"delicious-in-dungeon", "solo-leveling", "metallic-rouge"}
    bad = entries["solo-leveling"]
    assert bad.broken and bad.status == "broken"
    assert (bad.error.line, bad.error.column) == (3, 23)
    assert "line 3, column 23" in str(bad.error)
    assert "solo-leveling.toml" in str(bad.error)
    assert not entries["delicious-in-dungeon"].broken
    assert entries["delicious-in-dungeon"].title == "Delicious in Dungeon"
    assert entries["delicious-in-dungeon"].answered == 1
    assert library.path_for("solo-leveling").read_bytes() == broken


def test_a_broken_file_is_never_written(library):
    broken = write(library, "solo-leveling", BROKEN)
    with pytest.raises(DraftError):
        library.load("solo-leveling")
    full_listing.entries(library)
    library.create("Solo Leveling")  # same title: takes another slug
    assert library.path_for("solo-leveling").read_bytes() == broken
    assert library.path_for("solo-leveling-2").is_file()


def test_broken_files_sort_with_the_rest_by_time(library):
    write(library, "a", GOOD)
    write(library, "b", BROKEN)
    entries = full_listing.entries(library)
    assert len(entries) == 2
    assert all(e.updated.tzinfo is not None for e in entries)


@pytest.mark.parametrize("content, reason, where", [
    (b"", "the file is empty", None),
    (b"  \n\n", "the file is empty", None),
    (b'format = 1\ntemplate = "anime-season"\ntitle = "Caf\xe9"\n', "not UTF-8 text (byte 0xe9)", (3, 13)),
    (b'format = 1\ntemplate = "anime-season"\n', "the field 'title' is missing", None),
    (b'format = 1\ntitle = "No template"\n', "the field 'template' is missing", None),
    (b'template = "anime-season"\ntitle = "x"\n', "the 'format' field is missing", None),
    (b'format = "1"\ntemplate = "anime-season"\ntitle = "x"\n', "'format' field must be a whole number", None),
    (b'format = 1\ntemplate = "anime-season"\ntitle = 12\n', "'title' must be text", None),
    (b'format = 1\ntemplate = "anime-season"\ntitle = "x"\nstatus = "done"\n', "'status' must be one of", None),
    (b'format = 1\ntemplate = "anime-season"\ntitle = "x"\n[answers.watched]\ndone = "yes"\n',
     "answers.watched.done must be true or false", None),
    (b'format = 1\ntemplate = "anime-season"\ntitle = "x"\n[info]\nepisodes = 1.5\n',
     "info.episodes must be text, a number or a list", None),
    (b'format = 1\ntemplate = "anime-season"\ntitle = "x"\n[[answers.watched.images]]\ncaption = "c"\n',
     "answers.watched.images[1] needs a 'src' text", None),
    (b'format = 1\ntemplate = "anime-season"\ntitle = "x"\ncreated = "last week"\n',
     "'created' must be a date and time", None),
])
def test_unreadable_files_say_why(library, content, reason, where):
    write(library, "bad", content)
    with pytest.raises(DraftError) as err:
        library.load("bad")
    assert reason in str(err.value)
    assert "bad.toml" in str(err.value)
    if where:
        assert (err.value.line, err.value.column) == where
    assert "\n" not in str(err.value)
    assert library.path_for("bad").read_bytes() == content
    [entry] = full_listing.entries(library)
    assert entry.broken and reason in entry.error.reason


def test_a_newer_format_is_refused_and_left_untouched(library):
    content = write(library, "future", 'format = 2\ntemplate = "anime-season"\ntitle = "From the future"\n'
                                       'mood = "new field"\n')
    with pytest.raises(DraftError) as err:
        library.load("future")
    message = str(err.value)
    assert "newer Review Desk (format 2)" in message
    assert "format 1" in message and "left as it is" in message
    assert library.path_for("future").read_bytes() == content


def test_unknown_fields_are_kept_on_save(library):
    write(library, "hand-edited", """\
format = 1
template = "anime-season"
title = "Hand edited"
mood = "cosy"
rating = 8

[info]
english_title = "Hand edited"
studio_notes = "kept too"

[answers.watched]
text = "Short."
mood = "excited"

[[answers.watched.images]]
src = "a.png"
caption = "A"
width = 640

[answers.not_a_question]
text = "An answer from an older template."

[publishing]
blog = "animeblog.example"
categories = ["anime", "reviews"]
""")
    review = library.load("hand-edited")
    review.set_answer("watched", "Longer now.")
    library.save(review)
    again = library.load("hand-edited")
    assert again.extra == {"mood": "cosy", "rating": 8,
                           "publishing": {"blog": "animeblog.example", "categories": ["anime", "reviews"]}}
    assert again.info["studio_notes"] == "kept too"
    assert again.answers["watched"].extra == {"mood": "excited"}
    assert again.answers["watched"].images == [Image("a.png", "A", {"width": 640})]
    assert again.answers["not_a_question"].text == "An answer from an older template."
    assert again.answers["watched"].text == "Longer now."
    text = library.path_for("hand-edited").read_text()
    assert text.startswith("format = 1\n")
    assert 'mood = "cosy"' in text and "width = 640" in text


def test_a_hand_written_answer_shortcut_is_read(library):
    write(library, "short", 'format = 1\ntemplate = "anime-season"\ntitle = "x"\n'
                            '[answers]\nwatched = "Written as a plain string."\n')
    assert library.load("short").answers["watched"].text == "Written as a plain string."


def test_missing_times_and_dates_are_accepted(library):
    write(library, "dates", 'format = 1\ntemplate = "anime-season"\ntitle = "x"\n'
                            'created = 2024-01-10\nupdated = 2024-04-03T20:00:00\n')
    review = library.load("dates")
    assert review.created == datetime(2024, 1, 10, tzinfo=timezone.utc)
    assert review.updated == datetime(2024, 4, 3, 20, tzinfo=timezone.utc)


def test_a_crlf_file_from_another_editor_reads_as_lf(library):
    write(library, "windows", GOOD.replace("\n", "\r\n"))
    review = library.load("windows")
    assert review.answers["watched"].text == "Laios and friends cook their way down a dungeon."
    assert review.title == "Delicious in Dungeon"


def test_prose_is_written_as_multiline_strings(library):
    review = library.create("Readable")
    review.set_answer("watched", "First paragraph.\n\nSecond paragraph with a \"quote\" and a \\ backslash.")
    library.save(review)
    text = library.path_for(review.slug).read_text(encoding="utf-8")
    assert 'text = """\nFirst paragraph.\n\nSecond paragraph' in text


def test_dumps_and_loads_round_trip_a_pasted_crlf_answer():
    from reviewdesk.review.model import Review

    review = Review(template="anime-season", title="Pasted")
    review.set_answer("watched", "line one\r\nline two\rline three\n")
    assert review.answers["watched"].text == "line one\nline two\nline three\n"
    assert draftfile.loads(draftfile.dumps(review)).answers["watched"].text == "line one\nline two\nline three\n"


def test_a_long_answer_of_awkward_characters_reads_back():
    from reviewdesk.review.model import Review

    review = Review(template="anime-season", title='A "quoted" title\\')
    tricky = 'Para "one" \\ with \t tab,\r lone CR, \x00 \x1b[31m \x7f \x08 \x0c """ end"'
    review.set_answer("watched", "\n\n".join([tricky] * 2000))
    review.set_answer("happened", "one line, no break \"quoted\" \\")
    out = draftfile.dumps(review)
    assert draftfile.loads(out).answers["watched"].text == review.answers["watched"].text
    assert draftfile.loads(out).answers["happened"].text == review.answers["happened"].text
