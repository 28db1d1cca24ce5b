"""Odd and hostile draft files: each is a clear DraftError naming the file,
the rest of the library still lists, and the file's bytes are never changed.

The everyday broken files (empty, not UTF-8, bad TOML, newer format, missing
or wrong fields) are in tests/core/test_draftfile.py; these are the ones a
sync tool, another editor or a malicious file would bring.
"""

from __future__ import annotations

import os
import threading

import pytest

from reviewdesk.review import draftfile
from reviewdesk.errors import DraftError
from reviewdesk.review.library import Library
import full_listing

GOOD = b'format = 1\ntemplate = "anime-season"\ntitle = "Fine"\n'
SAMPLE = (__import__("pathlib").Path(__file__).parents[1] / "samples" / "metallic-rouge.toml").read_bytes()


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name.endswith(".toml")}


def load_refused(library: Library, slug: str, content: bytes, *fragments: str) -> DraftError:
    """``content`` as ``slug``.toml: load refuses it saying ``fragments``, listing
    shows it broken beside a good draft, nothing is written."""
    library.path_for(slug).write_bytes(content)
    library.path_for("fine").write_bytes(GOOD)
    before = snapshot(library.root)
    with pytest.raises(DraftError) as err:
        library.load(slug)
    message = str(err.value)
    assert f"{slug}.toml" in message and "\n" not in message
    for fragment in fragments:
        assert fragment in message
    by_slug = {e.slug: e for e in full_listing.entries(library)}
    assert by_slug[slug].broken and not by_slug["fine"].broken
    assert {s.slug: s.broken for s in library.summaries()} == {slug: True, "fine": False}
    assert snapshot(library.root) == before
    return err.value


@pytest.mark.parametrize("cut", [0.1, 0.33, 0.5, 0.9, 0.999])
def test_a_truncated_draft_loads_what_is_whole_or_is_refused(library, cut):
    content = SAMPLE[: int(len(SAMPLE) * cut)]
    library.path_for("cut").write_bytes(content)
    try:
        review = library.load("cut")
    except DraftError as exc:
        assert "cut.toml" in str(exc)
    else:
        assert review.title  # a cut at a line boundary can still be a valid draft
    assert library.path_for("cut").read_bytes() == content


def test_a_draft_cut_inside_an_answer_is_refused_with_its_line(library):
    cut = SAMPLE[: SAMPLE.index(b"Rouge Redstar") + 5]
    err = load_refused(library, "cut", cut, "not valid TOML", "cut short")
    assert (err.line, err.column) == (cut.count(b"\n") + 1, len(cut) - cut.rindex(b"\n"))


def test_a_utf8_byte_order_mark_is_accepted(library):
    library.path_for("bom").write_bytes(b"\xef\xbb\xbf" + GOOD)
    assert library.load("bom").title == "Fine"
    assert library.path_for("bom").read_bytes().startswith(b"\xef\xbb\xbf")  # read, not rewritten


def test_a_utf16_file_from_a_windows_editor_is_refused_clearly(library):
    load_refused(library, "utf16", GOOD.decode().encode("utf-16"), "not UTF-8 text")


def test_a_nul_byte_in_the_middle_is_refused(library):
    load_refused(library, "nul", GOOD[:20] + b"\x00" + GOOD[20:], "not valid TOML")


def test_a_newer_format_with_fields_this_version_cannot_read_is_refused_untouched(library):
    load_refused(library, "future", b'format = 3\nwhatever = {new = "shape"}\n', "newer Review Desk (format 3)")


def test_a_format_number_beyond_any_integer_is_refused(library):
    load_refused(library, "huge-format", b"format = 99999999999999999999999999\n", "newer Review Desk")


def test_an_integer_of_thousands_of_digits_is_refused_not_a_crash(library):
    load_refused(library, "digits", GOOD + b"extra = " + b"9" * 5000 + b"\n", "not valid TOML")


@pytest.mark.parametrize("nest", [b"x = " + b"[" * 5000 + b"]" * 5000, b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000],
                         ids=["arrays", "inline-tables"])
def test_arrays_nested_thousands_deep_are_refused_not_a_crash(library, nest):
    load_refused(library, "deep", GOOD + nest + b"\n", "nested too deep")


def test_unknown_fields_nested_a_little_deep_load_and_save_back(library):
    library.path_for("nested").write_bytes(GOOD + b"plugin = " + b"[" * 50 + b"1" + b"]" * 50 + b"\n")
    review = library.load("nested")
    review.set_answer("watched", "still saves")
    library.save(review)
    import tomllib

    value = tomllib.loads(library.path_for("nested").read_text())["plugin"]
    for _ in range(49):
        value = value[0]
    assert value == [1]


def test_a_table_where_a_text_belongs_is_refused(library):
    load_refused(library, "shape", b'format = 1\ntemplate = "anime-season"\n[title]\nx = 1\n', "'title' must be text")


def test_answers_as_an_array_of_tables_is_refused(library):
    load_refused(library, "arr", GOOD + b'[[answers]]\ntext = "x"\n', "[answers] must be a table")


def test_a_date_that_does_not_exist_is_refused(library):
    load_refused(library, "date", GOOD + b"created = 2024-02-30T10:00:00Z\n", "not valid TOML")


def test_a_20_megabyte_draft_loads_and_saves(library):
    paragraph = ("The quick brown fox jumps over the lazy dog. " * 20 + "\n\n")
    text = paragraph * (20 * 1024 * 1024 // len(paragraph))
    review = library.create("Huge")
    review.set_answer("watched", text)
    library.save(review)
    assert library.path_for(review.slug).stat().st_size > 20 * 1000 * 1000
    loaded = library.load(review.slug)
    assert loaded.peek("watched").text == text


def test_a_file_over_the_limit_is_refused_unread(library, monkeypatch):
    monkeypatch.setattr(draftfile, "MAX_BYTES", 1000)
    err = load_refused(library, "big", GOOD + b"# padding\n" * 200, "too large for a draft", "left as it is")
    assert err.line is None


def test_a_file_larger_than_the_limit_on_disk_is_never_read(library, monkeypatch):
    """A sparse 40 GB file (a disk image named .toml): refused from its size alone."""
    path = library.path_for("image")
    with open(path, "wb") as f:
        f.truncate(40 * 1024 ** 3)
    reads = []
    real_read = os.read
    monkeypatch.setattr(draftfile.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(DraftError, match="too large for a draft"):
        library.load("image")
    assert reads == []


def test_a_named_pipe_in_the_library_does_not_hang_the_listing(library):
    os.mkfifo(library.path_for("pipe"))
    library.path_for("fine").write_bytes(GOOD)
    listed = []
    worker = threading.Thread(target=lambda: listed.extend(e.slug for e in full_listing.entries(library)), daemon=True)
    worker.start()
    worker.join(60)  # a hang, not a speed limit: a listing takes milliseconds
    assert not worker.is_alive(), "listing the library blocked on a named pipe"
    assert listed == ["fine"]
    with pytest.raises(DraftError, match="not a regular file"):
        draftfile.read(library.path_for("pipe"))


def test_a_folder_named_like_a_draft_is_not_a_draft(library):
    library.path_for("folder").mkdir()
    library.path_for("fine").write_bytes(GOOD)
    assert [e.slug for e in full_listing.entries(library)] == ["fine"]
    with pytest.raises(DraftError, match="not a regular file"):
        draftfile.read(library.path_for("folder"))


def test_a_hand_edit_with_extra_fields_everywhere_keeps_them_through_a_save(library):
    library.path_for("extra").write_bytes(
        GOOD + b'mood = "wistful"\n[info]\nstudio = "Bones"\n[answers.watched]\ntext = "x"\n'
               b'mine = [1, 2]\n[[answers.watched.images]]\nsrc = "a.png"\nalt = "kept"\n'
               b'[answers.gone]\ntext = "a question the template dropped"\n')
    review = library.load("extra")
    review.set_answer("watched", "edited")
    library.save(review)
    saved = library.path_for("extra").read_text()
    for kept in ('mood = "wistful"', 'studio = "Bones"', "mine = [", 'alt = "kept"', "a question the template dropped"):
        assert kept in saved
