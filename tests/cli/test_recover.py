"""`reviewdesk recover SLUG`: the unsaved text a crash left, listed, brought
back or set aside in history; a clear line and a non-zero exit otherwise."""

from __future__ import annotations

import pytest

from reviewdesk.review import draftfile, history
from reviewdesk.review.journal import Journal

CRASH_TEXT = "Rouge wakes on a train.\nNoa watches."


@pytest.fixture
def slug(library):
    review = library.create("Metallic Rouge")
    review.set_answer("happened", "Saved before the crash.")
    library.save(review)
    return review.slug


def crash_left(library, slug) -> None:
    journal = Journal(library, slug, owner="999999999-1")  # a process that is gone
    journal.record("happened", CRASH_TEXT)
    journal.flush()


def happened(library, slug) -> str:
    return draftfile.read(library.path_for(slug)).peek("happened").text


def test_nothing_to_recover_is_a_clear_error(cli, slug):
    cli("recover", slug).assert_one_clean_error_line(f"nothing to recover for {slug}")


def test_a_missing_draft_is_a_clear_error(cli):
    cli("recover", "no-such-draft").assert_one_clean_error_line("no draft 'no-such-draft'")


def test_list_only_lists(cli, library, slug):
    crash_left(library, slug)
    result = cli("recover", slug, "--list")
    assert result.code == 0
    assert result.out.split("\t")[:3] == ["happened", "What happened?", "7 words"]
    assert "Rouge wakes on a train. Noa watches." in result.out
    assert f"reviewdesk recover {slug}" in result.err
    assert happened(library, slug) == "Saved before the crash."


def test_recover_brings_the_text_back_and_keeps_what_it_replaced(cli, library, slug):
    crash_left(library, slug)
    result = cli("recover", slug)
    assert result.code == 0, result.err
    assert "Recovered 7 words (What happened?)" in result.err and f"reviewdesk restore {slug} 1" in result.err
    assert happened(library, slug) == CRASH_TEXT
    assert history.find(library.root, slug, 1).read().peek("happened").text == "Saved before the crash."
    cli("recover", slug).assert_one_clean_error_line("nothing to recover")


def test_discard_keeps_the_text_in_history_and_says_which_version(cli, library, slug):
    crash_left(library, slug)
    result = cli("recover", slug, "--discard")
    assert result.code == 0, result.err
    assert happened(library, slug) == "Saved before the crash."
    version = history.find(library.root, slug, 1)
    assert version.kept and version.read().peek("happened").text == CRASH_TEXT
    assert f"history version 1 (F5, or: reviewdesk restore {slug} 1)" in result.err
    cli("recover", slug).assert_one_clean_error_line("nothing to recover")
    assert cli("restore", slug, "1").code == 0
    assert happened(library, slug) == CRASH_TEXT


def test_list_and_discard_do_not_go_together(cli, slug):
    assert cli("recover", slug, "--list", "--discard").code == 2
