"""Each check on crafted text: found where it should be, on the right line,
and silent where a writer did nothing wrong."""

from __future__ import annotations

import pytest

from reviewdesk.aids.checks import CODES, Finding, check


def only(found, code) -> list[Finding]:
    return [f for f in found if f.code == code]


# Unanswered and targets ---------------------------------------------------------

def test_unanswered_questions_are_found_and_answered_ones_are_not(review, template):
    review.set_answer("watched", "Seen.")
    review.set_done("watched")
    found = check(review, template)
    unanswered = [f.question for f in only(found, "unanswered")]
    assert unanswered == [q.id for q in template.questions[1:]]
    assert only(found, "unanswered")[0].message == "Question 2 is unanswered: What happened?"


def test_an_answer_under_half_its_target_is_found_unless_marked_done(review, template):
    review.set_answer("watched", " ".join(["word"] * 74))  # target 150: 74 < 75
    review.set_answer("happened", " ".join(["word"] * 150) + ".")  # target 300: exactly half
    found = only(check(review, template), "under-target")
    assert [(f.question, f.text.split(" words")[0]) for f in found] == [("watched", "74 of 150")]
    review.set_done("watched")
    assert only(check(review, template), "under-target") == []


def test_a_reviews_own_target_replaces_the_templates(review, template):
    review.set_answer("watched", "Short and sweet, as planned.")
    review.set_target("watched", 8)
    assert only(check(review, template), "under-target") == []
    review.set_target("watched", 40)
    assert [f.question for f in only(check(review, template), "under-target")] == ["watched"]


# Markers -----------------------------------------------------------------------------

@pytest.mark.parametrize("marker", ["TODO", "TK", "XX", "XXX", "FIXME", "TKTK"])
def test_markers_are_found_on_their_line(findings, marker):
    found = only(findings(f"First line.\nSecond line with {marker}: the studio name.\n"), "marker")
    assert [(f.line, f.code) for f in found] == [(2, "marker")]
    assert marker in found[0].text
    assert found[0].where == "question 1, line 2"


@pytest.mark.parametrize("text", ["The todo list of a busy studio.", "A TKO in round two.",
                                  "Episode XXIV of the long run.", "See https://example.com/TODO/page for more."])
def test_words_that_only_look_like_markers_are_not(findings, text):
    assert only(findings(text), "marker") == []


# Repeated words ------------------------------------------------------------------------

def test_a_repeated_word_is_found_in_any_case_and_across_a_line_break(findings):
    found = only(findings("I liked the\nThe ending. Then it it was over."), "repeated-word")
    assert [(f.line, f.text) for f in found] == [(1, "repeated word “the The”"), (2, "repeated word “it it”")]


def test_a_run_of_repeats_is_one_finding(findings):
    assert len(only(findings("It was very very very good, no no."), "repeated-word")) == 0
    assert len(only(findings("The the the end."), "repeated-word")) == 1


@pytest.mark.parametrize("text", [
    "The end of a paragraph\n\nthe start of the next.",  # a blank line between: two paragraphs
    "What she had had was enough.",  # grammatical doubles
    "Run `the the` in code.",
    "```\nthe the\n```",
    "Then the theme played.",
])
def test_no_repeat_where_there_is_none(findings, text):
    assert only(findings(text), "repeated-word") == []


# Long paragraphs --------------------------------------------------------------------------

def test_a_paragraph_over_the_limit_is_found_with_its_length(findings):
    long = " ".join(["Rouge fights on Mars."] * 64)  # 256 words
    found = only(findings(f"A short opener.\n\n{long}\n\nA short closer."), "long-paragraph")
    assert [(f.line, "256 words" in f.text) for f in found] == [(3, True)]


def test_paragraphs_under_the_limit_and_the_limit_itself_are_fine(findings):
    at_limit = " ".join(["word"] * 250)
    assert only(findings(at_limit + "\n\n" + at_limit), "long-paragraph") == []
    assert len(only(findings(" ".join(["word"] * 60), paragraph_words=50), "long-paragraph")) == 1


# Hard-wrapped lines --------------------------------------------------------------------------

def test_a_paragraph_wrapped_by_hand_is_found_once(findings):
    text = "Intro paragraph on one line.\n\nThis paragraph was\nwrapped by hand at\nforty columns.\n"
    found = only(findings(text), "hard-wrap")
    assert [(f.line, "lines 3-5" in f.text) for f in found] == [(3, True)]
    assert "WordPress" in found[0].text


@pytest.mark.parametrize("text", [
    "- a list item\n  continued on the next line\n- another",
    "1. first\n   still first\n2. second",
    "> a quote\n> that goes on",
    "```\ncode line one\ncode line two\n```",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",
    "A poem, with hard breaks  \nline two  \nline three",
    "A line ending in a backslash\\\nis a hard break too",
    "One paragraph.\n\nAnother paragraph.",
    ":::spoiler\nThe butler did it.\n:::",
])
def test_no_hard_wrap_outside_plain_paragraphs(findings, text):
    assert only(findings(text), "hard-wrap") == []


# Links without a URL ------------------------------------------------------------------------

def test_links_with_no_url_are_found(findings):
    text = ("See [the trailer]() first.\n"
            "An image ![key visual]( ) too.\n"
            "A [reference][nowhere] and a [shortcut] link.\n")
    found = only(findings(text), "empty-link")
    assert [(f.line, f.text.split(":")[0].split(",")[0]) for f in found] == [
        (1, "a link with no URL"), (2, "an image with no URL"),
        (3, "a link to [nowhere]"), (3, "a link to [shortcut]")]


def test_defined_references_and_bracketed_text_that_is_not_a_link_are_fine(findings):
    text = ("A [reference][site] and a [shortcut] and [Site] again.\n"
            "Task list:\n\n- [ ] to do\n- [x] done\n\n"
            "He said it was [sic] fine, a footnote[^1], \\[escaped\\], `[code]()`.\n\n"
            "[site]: https://example.com\n[shortcut]: <https://example.com/a b>\n")
    assert only(findings(text), "empty-link") == []


def test_a_reference_defined_in_another_answer_counts(review, template):
    review.set_answer("watched", "Read [the interview] first.")
    review.set_answer("happened", "Story.\n\n[the interview]: https://example.com/interview")
    assert only(check(review, template), "empty-link") == []


# Captions, information, spoilers -----------------------------------------------------------

def test_a_missing_caption_is_found_and_a_caption_silences_it(review, template):
    review.set_answer("watched", "Seen.")
    review.add_image("watched", "a.png")
    review.add_image("watched", "b.png", "Rouge Redstar in episode 4")
    found = only(check(review, template), "no-caption")
    assert [(f.question, f.text) for f in found] == [("watched", "an image has no caption: a.png")]


def test_empty_information_fields_are_found_by_label(review, template):
    assert only(check(review, template), "empty-info") == []
    review.set_info(template.info_field("Episodes"), "")
    review.set_info(template.info_field("Genres"), "")
    found = only(check(review, template), "empty-info")
    assert [f.message for f in found] == ["Series Information: Episodes is empty.",
                                          "Series Information: Genres is empty."]


def test_an_unclosed_spoiler_is_found_where_it_opens(findings):
    found = only(findings("Fine.\n\n:::spoiler\nThe ending.\n"), "open-spoiler")
    assert [f.line for f in found] == [3]
    assert only(findings("Fine.\n\n:::spoiler\nThe ending.\n:::\n"), "open-spoiler") == []


# The whole ---------------------------------------------------------------------------------

def test_every_code_is_documented():
    assert {"unanswered", "under-target", "marker", "repeated-word", "long-paragraph", "hard-wrap",
            "empty-link", "spelling", "no-caption", "empty-info"} <= set(CODES)


def test_findings_come_in_line_order_within_an_answer(findings):
    found = findings("[x]() first.\n\nLine one TODO.\nthe the\n")
    assert [(f.line, f.code) for f in found] == [(1, "empty-link"), (3, "hard-wrap"), (3, "marker"),
                                                 (4, "repeated-word")]


def test_the_tagline_is_checked_too(review, template):
    review.tagline = "A show about about androids. TODO"
    found = [f for f in check(review, template) if f.where.startswith("tagline")]
    assert {f.code for f in found} == {"repeated-word", "marker"}
    assert all(f.question is None and f.line == 1 for f in found)


def test_a_clean_answer_has_no_findings(findings):
    text = ("*Metallic Rouge* is the original anime Bones made for its anniversary. I picked it up on "
            "the strength of the studio alone, and the first episode sold me.\n\n"
            "- **Looks:** superb\n- **Sound:** a brass-heavy score\n\n"
            "> It's beautiful, it's tense.\n\n"
            "Read [the interview](https://example.com) for more.")
    assert findings(text) == []
