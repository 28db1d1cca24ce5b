"""The draft's cover and [lookup] table: written only when set, read back,
refused when malformed, and a draft without them reads as it always did."""

from __future__ import annotations

import tomllib

import pytest

from reviewdesk.errors import DraftError
from reviewdesk.review import draftfile

PLAIN = """\
format = 1
template = "anime-season"
title = "Mushishi"
"""


def test_a_draft_without_cover_or_lookup_writes_neither(library):
    review = library.create("Mushishi")
    text = library.path_for(review.slug).read_text()
    assert "cover" not in text and "[lookup]" not in text
    assert (review.cover, review.lookup) == ("", {})


def test_cover_and_lookup_are_written_and_read_back(library):
    review = library.create("Mushishi")
    review.cover = "images/mushishi-cover.jpg"
    review.lookup = {"source": "jikan", "id": 457}
    library.save(review)
    text = library.path_for(review.slug).read_text()
    data = tomllib.loads(text)
    assert data["cover"] == "images/mushishi-cover.jpg"
    assert data["lookup"] == {"source": "jikan", "id": 457}
    assert text.index("[lookup]") < text.index("[info]"), "the table reads before the answers"
    again = library.load(review.slug)
    assert (again.cover, again.lookup) == (review.cover, review.lookup)


def test_a_lookup_id_may_be_text(library):
    review = draftfile.loads(PLAIN + '[lookup]\nsource = "openlibrary"\nid = "OL20639540W"\n')
    assert review.lookup == {"source": "openlibrary", "id": "OL20639540W"}


@pytest.mark.parametrize("table", ['lookup = "jikan"\n', '[lookup]\nsource = "jikan"\n',
                                   '[lookup]\nsource = 3\nid = 4\n', '[lookup]\nsource = "jikan"\nid = true\n'])
def test_a_malformed_lookup_table_is_refused_with_what_it_needs(table):
    with pytest.raises(DraftError) as failed:
        draftfile.loads(PLAIN + table)
    assert "[lookup]" in str(failed.value)


def test_a_cover_that_is_not_text_is_refused():
    with pytest.raises(DraftError) as failed:
        draftfile.loads(PLAIN.replace('title = "Mushishi"\n', 'title = "Mushishi"\ncover = 3\n'))
    assert "'cover' must be text" in str(failed.value)
