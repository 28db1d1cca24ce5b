"""Word counts are cached per answer text, and an edit always counts again."""

from __future__ import annotations

from reviewdesk.review import model
from reviewdesk.review.model import Review


def test_an_answers_words_are_counted_once_per_text(monkeypatch):
    review = Review(template="anime-season", title="Metallic Rouge")
    review.set_answer("watched", "An android noir from Bones.")
    calls = []
    real = model.word_count
    monkeypatch.setattr(model, "word_count", lambda text: calls.append(text) or real(text))
    answer = review.answer("watched")
    assert answer.words == 5
    assert answer.words == 5
    assert len(calls) == 1


def test_an_edit_invalidates_the_cached_count():
    review = Review(template="anime-season", title="Metallic Rouge")
    review.set_answer("watched", "An android noir.")
    assert review.answer("watched").words == 3
    review.set_answer("watched", "An android noir from Bones, in thirteen episodes.")
    assert review.answer("watched").words == 8
    review.answer("watched").text = "Rouge"  # set directly, not through set_answer
    assert review.answer("watched").words == 1
    assert review.words() == 1


def test_the_cache_is_not_part_of_the_answer():
    review = Review(template="anime-season", title="Metallic Rouge")
    review.set_answer("watched", "An android noir.")
    other = Review(template="anime-season", title="Metallic Rouge")
    other.set_answer("watched", "An android noir.")
    assert review.answer("watched").words == 3  # cached on one side only
    assert review == other
    assert "_words" not in repr(review.answer("watched"))


def test_words_are_counted_as_a_writer_counts_them():
    text = "It's a well-made sci-fi show (2024) — don’t miss it_now; 100% worth it. Ça va?"
    # It's, a, well-made, sci-fi, show, 2024, don’t, miss, it, now, 100, worth, it, Ça, va
    assert model.word_count(text) == 15
    assert model.word_count("") == 0
    assert model.word_count(" -- ' ’ _ ") == 0
