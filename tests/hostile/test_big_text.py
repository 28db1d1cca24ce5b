"""A 5 MB paste: saved, read back exactly, kept in history and in the journal."""

from __future__ import annotations

import random

import pytest

from reviewdesk.cli import main
from reviewdesk.review.journal import Journal
from reviewdesk.review.library import Library
from reviewdesk.review.model import word_count

PIECES = ["Rouge", "Naomi", "メタリックルージュ", "😀", '"""', "'''", "\\", '"', "\t", "[link](x)", "# not a heading",
          "| a | b |", "```", "é", "e\u0301", "\u2028", "  ", "\n", "\n\n", "—", "…"]


@pytest.fixture(scope="module")
def paste() -> str:
    rng = random.Random(6)
    words = []
    size = 0
    while size < 5 * 1024 * 1024:
        word = rng.choice(PIECES) if rng.random() < 0.2 else "word" + str(rng.randrange(1000))
        words.append(word)
        size += len(word.encode()) + 1
    return " ".join(words)


def test_a_5mb_answer_saves_and_reads_back_exactly(library, paste):
    review = library.create("Big Paste")
    review.set_answer("watched", paste)
    library.save(review)
    assert library.path_for(review.slug).stat().st_size > 5 * 1024 * 1024
    loaded = Library(library.root).load(review.slug)
    assert loaded.peek("watched").text == paste
    assert loaded.words() == word_count(paste)


def test_a_5mb_answer_is_kept_in_history_and_restored(library, paste):
    review = library.create("Big Paste")
    review.set_answer("watched", paste)
    library.save(review)
    review.set_answer("watched", "cut it all")
    library.save(review)
    library.restore_version(review.slug, 1)
    assert library.load(review.slug).peek("watched").text == paste


def test_a_5mb_answer_comes_back_from_the_journal(library, paste):
    review = library.create("Big Paste")
    Journal(library, review.slug, owner="crashed-window").record("watched", paste)
    assert Journal(library, review.slug).recover(library.load(review.slug)) == {"watched": paste}


def test_a_5mb_answer_through_the_command_line(library, paste, tmp_path, capsys):
    review = library.create("Big Paste")
    source = tmp_path / "paste.md"
    source.write_text(paste, encoding="utf-8")
    assert main(["answer", review.slug, "1", "--file", str(source)]) == 0
    assert library.load(review.slug).peek("watched").text == paste
    capsys.readouterr()
    assert main(["show", review.slug]) == 0
    assert f"words: {word_count(paste)}" in capsys.readouterr().out
