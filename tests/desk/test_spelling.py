"""Spelling: typos are found with a suggestion; names never are."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from reviewdesk.aids import spelling
from reviewdesk.aids import words
from reviewdesk.aids.checks import check


def misspelt(found) -> list[tuple[int, str]]:
    return [(f.line, f.word) for f in found if f.code == "spelling"]


def test_typos_are_found_with_line_word_and_suggestion(findings):
    found = findings("The animation was gorgeous.\nThe plot was teh weak part, I recieve.\n")
    assert misspelt(found) == [(2, "teh"), (2, "recieve")]
    spelt = [f for f in found if f.code == "spelling"]
    assert "did you mean “the”" in spelt[0].text
    assert "did you mean “receive”" in spelt[1].text
    assert spelt[0].message.startswith("Question 1, line 2: ")


def test_a_capitalised_word_inside_a_sentence_is_a_name(findings):
    assert misspelt(findings("I rooted for Naomi Orthmann and her partner Redstarr all season.")) == []


def test_a_name_that_opens_a_sentence_is_known_from_elsewhere_in_the_review(findings):
    assert misspelt(findings("Zorblatt arrives late. Later the crew meets Zorblatt again.")) == []


def test_a_capitalised_word_the_review_never_writes_in_lower_case_is_a_name(findings):
    """Issue 18: "Giallon", the first word of its sentence, was flagged; "faired", a real
    typo in the seed review, must stay flagged."""
    text = ("Giallon hunts Rouge through the casino. The show faired well in its first half.\n\n"
            "Zorblatt arrives late.")
    assert misspelt(findings(text)) == [(1, "faired")]


def test_a_capitalised_typo_is_caught_when_the_review_writes_it_in_lower_case(findings):
    assert misspelt(findings("Teh end came fast. I liked teh ending.")) == [(1, "Teh"), (1, "teh")]


def test_names_from_the_title_information_and_captions_are_never_flagged(review, template):
    review.title = "Kusuriya no Hitorigoto"
    review.set_info(template.info_field("Animation Studios"), "Toho, OLM")
    review.add_image("watched", "a.png", "Maomao and Jinshi in episode 3")
    review.set_answer("watched", "Kusuriya is lovely. Maomao tastes poison. Jinshi schemes. Olm animates.")
    assert misspelt(check(review, template)) == []


def test_the_personal_word_list_silences_a_word_in_any_case(findings):
    text = "Frierenish moments abound. frierenish indeed."
    assert misspelt(findings(text)) == [(1, "Frierenish"), (1, "frierenish")]
    assert words.add_word("frierenish") is True
    assert words.add_word("FRIERENISH") is False  # already there, in any case
    assert misspelt(findings(text)) == []
    assert words.words_file().read_text(encoding="utf-8") == "frierenish\n"
    assert words.remove_word("Frierenish") is True
    assert len(misspelt(findings(text))) == 2


def test_a_hand_edited_word_list_keeps_its_comments(config_dir):
    (config_dir / "words.txt").write_text("# names from my blog\nHimmel", encoding="utf-8")
    assert words.add_word("Stark")
    assert (config_dir / "words.txt").read_text(encoding="utf-8") == "# names from my blog\nHimmel\nStark\n"
    assert words.personal_words() == ["Himmel", "Stark"]


def test_a_word_list_entry_must_be_one_word():
    from reviewdesk.errors import ReviewDeskError

    with pytest.raises(ReviewDeskError, match="one word"):
        words.add_word("two words")


@pytest.mark.parametrize("text", [
    "My favourite colour is grey; the theatre centre was packed and I realised it.",
    "The show's pacing, Bones' art and its decades-old lore: all fine. It's a rewatch for sure.",
    "Anime, manga, isekai, shounen, gameplay, runtime, noir, backstory and worldbuilding.",
    "Visit https://animeblog.example/teh-url or mail me@exampel.com; `teh code` stays.",
    "An OVA, a TV special and an NPC called QWRTY.",
    "```\nteh teh recieve\n```",
    "<span class=\"spolier\">x</span> and &nbsp; and {{< youtube abcdefg >}}",
    "メタリックルージュ is the Japanese title.",
])
def test_words_that_are_not_typos_are_not_flagged(findings, text):
    assert misspelt(findings(text)) == []


def test_a_word_at_the_start_of_a_list_item_or_after_a_full_stop_is_checked(findings):
    # Capitalised there, each is checked as any word once the review writes it in lower case.
    text = "- Teh first item\n- fine\n\nFine. Wrnog start, teh wrnog end."
    assert misspelt(findings(text)) == [(1, "Teh"), (4, "Wrnog"), (4, "teh"), (4, "wrnog")]


def test_spelling_can_be_turned_off(findings):
    assert misspelt(findings("teh", spelling=False)) == []


def test_british_variants_do_not_let_typos_through():
    assert spelling.is_known("colour") and spelling.is_known("analysed") and spelling.is_known("marvellous")
    assert not spelling.is_known("colourr") and not spelling.is_known("realiise")


def test_suggestions_keep_the_writers_capital(findings):
    found = [f for f in findings("Teh end. And teh rest.") if f.code == "spelling"]
    assert "did you mean “The”" in found[0].text


def test_the_dictionary_is_loaded_only_by_the_spelling_check(library_dir):
    """Importing the core or starting the command line never reads the word list."""
    script = (
        "import json, sys\n"
        "import reviewdesk.aids.checks, reviewdesk.cli, reviewdesk.publish.export\n"
        "from reviewdesk.aids import spelling\n"
        "before = ['spellchecker' in sys.modules, spelling._words is not None]\n"
        "spelling.warm_up()\n"
        "print(json.dumps({'before': before, 'after': 'spellchecker' in sys.modules}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, env=os.environ.copy(),
                            timeout=60, check=True)
    assert json.loads(result.stdout) == {"before": [False, False], "after": True}


def test_the_desk_modules_never_import_textual(library_dir):
    script = (
        "import json, sys\n"
        "from reviewdesk.aids import checks, progress, seasons, spelling, words\nfrom reviewdesk.publish import spoilers\n"
        "from reviewdesk.review.model import Review\n"
        "from reviewdesk.review.template import load_template\n"
        "r = Review('film', 'Dune'); r.set_answer('watched', 'The sand, teh spice.')\n"
        "found = checks.check(r, load_template('film'))\n"
        "print(json.dumps({'spelling': [f.word for f in found if f.code == 'spelling'],\n"
        "                  'textual': sorted(m for m in sys.modules if m.split('.')[0] == 'textual')}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, env=os.environ.copy(),
                            timeout=60, check=True)
    assert json.loads(result.stdout) == {"spelling": ["teh"], "textual": []}
