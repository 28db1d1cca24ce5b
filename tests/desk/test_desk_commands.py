"""The desk's commands: check, skip, spoiler, target, set score/verdict, words, export --spoiler-warning."""

from __future__ import annotations

import pytest

from reviewdesk.publish import spoilers


@pytest.fixture
def draft(cli, library):
    slug = cli("new", "Metallic Rouge", "--season", "Winter 2024").out.strip()
    return slug


def test_check_prints_question_line_and_what_and_exits_1(cli, draft):
    cli("answer", draft, "3", stdin="Fine start.\n\nThen the the plot. TODO\n")
    result = cli("check", draft)
    assert result.code == 1
    lines = result.out.splitlines()
    assert f"{draft}: question 3, line 3: repeated word “the the”" in lines
    assert f"{draft}: question 3, line 3: “TODO” left in the text" in lines
    assert f"{draft}: Question 1 is unanswered: What did you watch?" in lines


def test_check_of_a_clean_review_exits_0(cli, sample):
    result = cli("check", sample.slug)
    assert (result.code, result.out) == (0, "")
    assert "ready to publish" in result.err


def test_check_finds_a_typo_and_words_add_silences_it(cli, sample, library):
    sample.set_answer("learned", sample.answers["learned"].text + "\n\nA quiet tuesdayish ending, and a tpyo.")
    library.save(sample, force=True)
    result = cli("check", sample.slug)
    assert result.code == 1
    assert [line.split(": ", 2)[1] for line in result.out.splitlines()] == ["question 9, line 5"] * 2
    assert "“tuesdayish”" in result.out and "“tpyo” is not in the dictionary (did you mean “typo”?)" in result.out
    assert cli("words", "add", "tuesdayish", "tpyo").code == 0
    assert cli("words").out.splitlines() == ["tuesdayish", "tpyo"]
    assert cli("check", sample.slug).code == 0
    assert cli("words", "remove", "tpyo").code == 0
    assert cli("check", sample.slug).code == 1
    assert cli("check", sample.slug, "--no-spelling").code == 0


def test_words_add_needs_a_word(cli):
    result = cli("words", "add")
    assert result.code == 1 and "give the word" in result.err


def test_check_paragraph_length_is_a_flag(cli, sample):
    result = cli("check", sample.slug, "--paragraph-words", "60")
    assert result.code == 1
    assert "a paragraph of" in result.out and "(over 60)" in result.out


def test_skip_leaves_a_question_out_and_undo_brings_it_back(cli, draft):
    cli("answer", draft, "5", stdin="Not sure about this one.")
    assert cli("skip", draft, "5").code == 0
    assert "least favourite moment" not in cli("export", draft).out.lower()
    assert "question 5" not in cli("check", draft).out.lower()
    show = cli("show", draft).out
    assert "answered: 0/8 (1 skipped)" in show
    assert any(line.split()[:1] == ["5."] and "skipped" in line for line in show.splitlines())
    assert cli("skip", draft, "5", "--undo").code == 0
    assert "Not sure about this one." in cli("export", draft).out


def test_spoiler_folds_an_answer_and_the_warning_is_a_flag(cli, draft):
    cli("answer", draft, "2", stdin="Rouge wins.")
    assert cli("spoiler", draft, "happened").code == 0
    out = cli("export", draft).out
    assert "<details>\n<summary>Spoilers</summary>\n\nRouge wins.\n\n</details>" in out
    assert spoilers.WARNING not in out
    assert spoilers.WARNING in cli("export", draft, "--spoiler-warning").out
    assert "spoiler" in cli("show", draft).out.split("What happened?")[1].splitlines()[0]
    cli("spoiler", draft, "2", "--undo")
    assert "<details>" not in cli("export", draft).out


def test_target_sets_and_resets_a_questions_target(cli, draft):
    cli("answer", draft, "1", stdin="Ten words are plenty for this one, said the writer.")
    assert cli("target", draft, "1", "20").code == 0
    line = next(line for line in cli("show", draft).out.splitlines() if "What did you watch?" in line)
    assert "10/20 words" in line and "own target" in line
    assert cli("target", draft, "1", "default").code == 0
    assert "10/150 words" in cli("show", draft).out
    result = cli("target", draft, "1", "lots")
    assert result.code == 1 and "whole number" in result.err


def test_set_score_and_verdict(cli, draft):
    assert cli("set", draft, "score", "8").code == 0
    assert cli("set", draft, "verdict", "Gorgeous, if muddled.").code == 0
    cli("answer", draft, "1", stdin="Seen.")
    assert "**Verdict:** 8/10 — Gorgeous, if muddled." in cli("export", draft).out
    assert "verdict: 8/10 — Gorgeous, if muddled." in cli("show", draft).out
    result = cli("set", draft, "score", "12")
    assert result.code == 1 and "from 0 to 10" in result.err
    assert cli("set", draft, "score", "").code == 0
    assert "**Verdict:** Gorgeous, if muddled." in cli("export", draft).out


def test_show_gives_progress_and_reading_time(cli, draft):
    cli("answer", draft, "1", stdin=" ".join(["word"] * 300))
    out = cli("show", draft).out
    assert "progress: 150/1550 words toward the targets (9%), 2 min read" in out
