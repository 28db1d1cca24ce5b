"""Draft files: the cover and the ``[published.<account>]`` records."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from reviewdesk.errors import DraftError
from reviewdesk.review import draftfile
from reviewdesk.review.model import PublishRecord, Review

WHEN = datetime(2024, 4, 20, 10, 0, tzinfo=timezone.utc)


def test_a_cover_and_a_publish_record_survive_a_save_and_a_read(library):
    review = library.create("Metallic Rouge", season="Winter 2024")
    review.cover = "images/cover.jpg"
    review.published["wordpress"] = PublishRecord("wordpress", "42", "https://blog.example/?p=42", "draft",
                                                  "https://blog.example", WHEN)
    library.save(review)
    text = library.path_for(review.slug).read_text()
    assert 'cover = "images/cover.jpg"' in text
    assert "[published.wordpress]" in text
    again = library.load(review.slug)
    assert again.cover == "images/cover.jpg"
    assert again.published == review.published


def test_a_draft_without_them_is_written_as_before():
    text = draftfile.dumps(Review(template="anime-season", title="Plain"))
    assert "cover" not in text and "published" not in text


def test_a_hand_written_numeric_id_and_unknown_record_fields_are_kept():
    review = draftfile.loads('format = 1\ntemplate = "anime-season"\ntitle = "T"\n'
                             '[published.blog]\nservice = "wordpress"\nid = 7\nurl = "u"\nnote = "mine"\n')
    record = review.published["blog"]
    assert (record.id, record.status, record.time, record.extra) == ("7", "draft", None, {"note": "mine"})
    assert 'note = "mine"' in draftfile.dumps(review)


@pytest.mark.parametrize("table, why", [
    ('published = "yes"', "[published] must be a table"),
    ('[published]\nblog = 3', "[published.blog] must be a table"),
    ('[published.blog]\nurl = "u"', "published.blog.id must be"),
    ('[published.blog]\nid = "1"\nurl = 5', "published.blog.url must be text"),
    ('cover = 3', "'cover' must be text"),
])
def test_a_bad_record_or_cover_is_reported_with_the_field(table, why):
    with pytest.raises(DraftError, match=".*" + why.replace("[", r"\[").replace("]", r"\]")):
        draftfile.loads(f'format = 1\ntemplate = "anime-season"\ntitle = "T"\n{table}\n')
