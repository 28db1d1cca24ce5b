"""Import of reviews written elsewhere: headings matched loosely, nothing dropped."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from reviewdesk.importer import markdown as importer
from reviewdesk.review.template import load_template

TEMPLATE = load_template("anime-season")


def parse(text, **kw):
    return importer.parse(textwrap.dedent(text).lstrip("\n"), TEMPLATE, **kw)


def test_headings_match_with_case_punctuation_and_numbering_ignored():
    result = parse("""
        # Frieren
        The tagline.
        ## 1. WHAT DID YOU WATCH
        Frieren.
        ## Q2) What happened…
        Things.
        ### A deeper heading stays in the answer
        More.
        ## what-did-you-think
        Good.
        ## IV: Who was your favourite character?
        Fern.
    """)
    r = result.review
    assert r.title == "Frieren" and r.tagline == "The tagline."
    assert result.matched == ["watched", "happened", "thought", "favourite_character"]
    assert r.answers["happened"].text == "Things.\n### A deeper heading stays in the answer\nMore."
    assert r.answers["favourite_character"].text == "Fern."
    assert result.extras == []


def test_unmatched_and_repeated_sections_are_kept_as_extra_answers_and_reported():
    result = parse("""
        # Title
        ## What did you watch?
        One.
        ## Director's notes
        Kept, not dropped.
        ## What did you watch?
        Twice.
    """)
    r = result.review
    assert result.extras == ["extra-directors-notes", "extra-what-did-you-watch"]
    assert r.answers["extra-directors-notes"].text == "Kept, not dropped."
    assert r.answers["extra-directors-notes"].extra["heading"] == "Director's notes"
    assert r.answers["extra-what-did-you-watch"].text == "Twice."
    assert r.extra_answers(TEMPLATE) == result.extras
    assert any("Director's notes" in n and "matches no question" in n for n in result.notes)
    assert any("repeats a question" in n for n in result.notes)


def test_title_from_front_matter_and_series_information_from_a_list():
    result = parse("""
        ---
        title: "Metallic Rouge: Season One"
        description: A tagline from the front matter.
        date: 2024-04-06T09:30:00Z
        tags: [Action, Mystery]
        categories: [Winter 2024]
        draft: false
        author: Someone
        ---
        ## What did you watch?

        Rouge.

        ## Series Information

        - **English Title:** Metallic Rouge
        - Episodes: 13
        - **Animation Studios:** Bones, Another
        - **Director:** Motonobu Hori
    """)
    r = result.review
    assert r.title == "Metallic Rouge: Season One"
    assert r.tagline == "A tagline from the front matter."
    assert r.season == "Winter 2024" and r.status == "published"
    assert r.created.isoformat() == "2024-04-06T09:30:00+00:00"
    assert r.info == {"english_title": "Metallic Rouge", "episodes": 13,
                      "animation_studios": ["Bones", "Another"], "genres": ["Action", "Mystery"]}
    extra = r.answers[result.extras[0]]
    assert extra.text == "- Director: Motonobu Hori"
    assert r.extra["front_matter"] == {"author": "Someone"}


def test_series_information_from_a_table_with_a_header_row():
    result = parse("""
        # T
        ## Series Information
        | Field | Value |
        |---|---|
        | Japanese Title | メタリックルージュ |
        | Episodes | twelve |
        | Genres | Action<br>Drama |
    """)
    r = result.review
    assert r.info == {"japanese_title": "メタリックルージュ", "genres": ["Action", "Drama"]}
    kept = r.answers[result.extras[0]].text
    assert "- Field: Value" in kept and "- Episodes: twelve" in kept
    assert any("Episodes must be a whole number" in n for n in result.notes)


@pytest.mark.parametrize("image_markdown", [
    '![Rouge Redstar](/img/r.png)\n\n*Rouge Redstar*',
    '![](/img/r.png)\n*Rouge Redstar*',
    '<figure><img src="/img/r.png" alt=""><figcaption>Rouge <em>Redstar</em></figcaption></figure>',
    '{{< figure src="/img/r.png" caption="Rouge *Redstar*" >}}',
    '{{< figure src=`/img/r.png` alt=`Rouge Redstar` >}}',
])
def test_images_that_end_a_section_come_with_their_captions(image_markdown):
    result = parse(f"# T\n\n## What did you watch?\n\nText.\n\n{image_markdown}\n")
    answer = result.review.answers["watched"]
    assert answer.text == "Text."
    assert [(im.src, im.caption) for im in answer.images] == [("/img/r.png", "Rouge Redstar")]


def test_an_image_inside_the_prose_stays_where_it_is():
    result = parse("# T\n\n## What did you watch?\n\n![a](/a.png)\n\nText after.\n")
    assert result.review.answers["watched"].text == "![a](/a.png)\n\nText after."
    assert result.review.answers["watched"].images == []


def test_no_title_uses_the_file_name_and_says_so():
    result = importer.parse("## What did you watch?\n\nText.\n", TEMPLATE, name="my-old_post.md")
    assert result.review.title == "My old post"
    assert any("No title found" in n for n in result.notes)


def test_toml_front_matter_and_a_title_heading_repeating_it():
    result = parse("""
        +++
        title = "Hugo post"
        summary = "From Hugo."
        season = "Spring 2024"
        +++
        # Hugo post
        ## What have you learned?
        Much.
    """)
    r = result.review
    assert (r.title, r.tagline, r.season) == ("Hugo post", "From Hugo.", "Spring 2024")
    assert r.answers["learned"].text == "Much."
    assert result.extras == []


def test_the_template_is_guessed_from_the_headings_when_not_given():
    text = "# T\n\n## What did you think?\n\nGood.\n"
    assert importer.guess_template(text).id == "anime-season"
    assert importer.parse(text).template.id == "anime-season"


def test_broken_front_matter_is_a_clear_error():
    with pytest.raises(importer.ImportError_, match="post.md: the \\+\\+\\+ front matter is not valid TOML"):
        importer.parse("+++\ntitle = \n+++\n", TEMPLATE, name="post.md")


def test_import_file_saves_a_new_draft_that_reads_back(library, tmp_path):
    path = tmp_path / "old.md"
    path.write_text("# Old Review\n\nTag.\n\n## What did you watch?\n\nIt.\n\n## Extra bit\n\nKept.\n",
                    encoding="utf-8")
    result = importer.import_file(library, path)
    again = library.load(result.review.slug)
    assert again.title == "Old Review" and again.answers["watched"].text == "It."
    assert again.answers["extra-extra-bit"].text == "Kept."
    assert again.answers["extra-extra-bit"].extra == {"heading": "Extra bit"}


def test_importing_and_the_targets_never_load_textual():
    code = ("import sys, reviewdesk.importer.markdown, reviewdesk.publish.targets, reviewdesk.publish.frontmatter, reviewdesk.publish.batch;"
            "from reviewdesk.publish.targets import render, TARGETS;"
            "[__import__(f'reviewdesk.publish.targets.{t}') for t in TARGETS];"
            "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)")
    subprocess.run([sys.executable, "-c", code], check=True)
