"""History rows can be told apart: each version says what changed after it."""

from __future__ import annotations

from reviewdesk.cli import main
from reviewdesk.review import history
from reviewdesk.review.changes import Change, compare, version_changes
from reviewdesk.review.model import Review
from reviewdesk.review.template import load_template

TEMPLATE = load_template("anime-season")


def review(**answers) -> Review:
    r = Review(template="anime-season", title="Metallic Rouge (Season One)", season="Winter 2024")
    for qid, text in answers.items():
        r.set_answer(qid, text)
    return r


def test_an_answer_grown_by_a_sentence_says_where_how_many_words_and_the_line():
    older = review(watched="An android noir.", happened="Rouge hunts the Nine.")
    newer = review(watched="An android noir.", happened="Rouge hunts the Nine.\n\nNaomi investigates each one.")
    change = compare(older, newer, TEMPLATE)
    assert change.touched == ("What happened?",)
    assert (change.added, change.removed) == (4, 0)
    assert change.first_line == "Naomi investigates each one." and not change.first_line_removed
    assert change.summary() == "+4 words in What happened?"


def test_a_reworded_answer_counts_words_in_and_out():
    older = review(thought="The writing is where it stumbles badly.")
    newer = review(thought="The writing is where it falls over.")
    change = compare(older, newer, TEMPLATE)
    assert (change.added, change.removed) == (2, 2)
    assert change.words() == "+2 −2 words"
    assert change.first_line == "The writing is where it falls over."


def test_a_deleted_paragraph_names_the_line_that_went():
    older = review(watched="First paragraph.\n\nA second one, cut later.")
    newer = review(watched="First paragraph.")
    change = compare(older, newer, TEMPLATE)
    assert change.removed == 5 and change.added == 0
    assert change.first_line == "A second one, cut later." and change.first_line_removed
    assert change.line().startswith("removed: “A second one")


def test_several_parts_are_listed_in_post_order():
    older = review(watched="a", favourite_moment="b")
    newer = review(watched="a", favourite_moment="b c")
    newer.tagline = "A new tagline."
    newer.add_image("watched", "images/key.png", "Key visual")
    newer.set_info(TEMPLATE.info_field("Episodes"), "13")
    newer.status = "ready"
    change = compare(older, newer, TEMPLATE)
    assert change.touched == ("tagline", "What did you watch?", "What was your favourite moment?",
                              "Series Information", "details")
    assert change.first_line == "A new tagline."
    # words: the tagline 3, the answer 1, the table "Episodes: 13" 2
    assert change.summary() == "+6 words in tagline, What did you watch?, What was your favourite moment?, 2 more"


def test_the_same_text_says_so():
    change = compare(review(watched="a"), review(watched="a"), TEMPLATE)
    assert change.same and change.summary() == "the same text as the next version"


def test_a_long_first_line_is_cut_at_a_word():
    line = Change(("x",), 1, 0, "Rouge starts to question who gave her the mission and why her memories "
                                "have gaps in them").line(40)
    assert line == "“Rouge starts to question who gave her…”"


def test_each_version_is_compared_with_the_one_after_it(library):
    draft = library.create("Metallic Rouge", season="Winter 2024")
    for text in ("one", "one two", "one two three", "one three"):
        draft.set_answer("watched", text)
        library.save(draft)
    rows = version_changes(library.root, draft.slug)
    assert [v.number for v, _, _ in rows] == [1, 2, 3, 4]
    words = [(c.added, c.removed) for _, _, c in rows]
    # 1 ("one two three") -> file ("one three"); 2 -> 1; 3 -> 2; 4 (empty) -> 3 ("one")
    assert words == [(0, 1), (1, 0), (1, 0), (1, 0)]
    assert [r.peek("watched").text for _, r, _ in rows] == ["one two three", "one two", "one", ""]


def test_a_version_that_does_not_parse_has_no_change_and_neither_has_the_one_before(library):
    draft = library.create("Metallic Rouge", season="Winter 2024")
    for text in ("one", "two", "three"):
        draft.set_answer("watched", text)
        library.save(draft)
    found = history.versions(library.root, draft.slug)
    found[1].path.write_text("this is not TOML [")
    rows = version_changes(library.root, draft.slug)
    assert [c is None for _, _, c in rows] == [False, True, True]
    assert rows[1][1] is None


def test_the_history_command_says_what_changed(capsys, library):
    draft = library.create("Metallic Rouge", season="Winter 2024")
    for text in ("An android noir.", "An android noir from Bones."):
        draft.set_answer("watched", text)
        library.save(draft)
    assert main(["history", draft.slug]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[-1] == "CHANGED"
    assert out[1].endswith("+2 words in What did you watch?: “An android noir from Bones.”")
    assert out[2].endswith("+3 words in What did you watch?: “An android noir.”")
