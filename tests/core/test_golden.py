"""The complete sample review exports to the golden Markdown, byte for byte,
and that Markdown has the shape of the post DESIGN.md describes."""

from __future__ import annotations

import os

import pytest
from markdown_it import MarkdownIt
from samples import metallic_rouge as sample_data
from samples.anime_season import QUESTIONS

from reviewdesk.review import draftfile
from reviewdesk.publish.export import ExportOptions, to_markdown
from reviewdesk.review.template import load_template

REGEN = bool(os.environ.get("REVIEWDESK_REGEN_GOLDEN"))



def md_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def export(library, review, **options) -> str:
    template = load_template(review.template)
    return to_markdown(review, template, library.season_mates(review), ExportOptions(**options))


def compare_golden(path, text: str) -> None:
    if REGEN:
        path.write_bytes(text.encode("utf-8"))
    expected = path.read_bytes()
    assert text.encode("utf-8") == expected, f"{path.name} differs; read the diff, then regenerate"


@pytest.fixture
def golden_tokens():
    return md_parser().parse(sample_data.GOLDEN_MARKDOWN.read_text(encoding="utf-8"))


def inline_after(tokens, open_type, tag=None):
    """The inline token's text after every ``open_type`` (optionally with ``tag``)."""
    return [tokens[i + 1].content for i, t in enumerate(tokens)
            if t.type == open_type and (tag is None or t.tag == tag)]


# Byte for byte --------------------------------------------------------------

def test_sample_exports_to_the_golden_markdown(library, sample):
    compare_golden(sample_data.GOLDEN_MARKDOWN, export(library, sample))


def test_sample_saves_as_the_golden_draft_file(library, sample):
    compare_golden(sample_data.GOLDEN_DRAFT, draftfile.dumps(sample))


def test_golden_draft_file_loads_back_to_the_same_review(sample):
    loaded = draftfile.loads(sample_data.GOLDEN_DRAFT.read_text(encoding="utf-8"))
    loaded.slug = sample.slug
    assert loaded == sample


def test_sample_on_disk_loads_back_equal(library, sample):
    loaded = library.load(sample.slug)
    loaded.updated = sample.updated  # save() stamped the real time
    assert loaded == sample


def test_golden_draft_file_is_readable_toml(sample):
    """Format first, prose as multi-line strings a person can read and diff."""
    text = sample_data.GOLDEN_DRAFT.read_text(encoding="utf-8")
    assert text.startswith("format = 1\n")
    assert "[answers.watched]\n" in text
    assert 'text = """\n*Metallic Rouge* is the original anime' in text
    assert "\\n" not in text  # line breaks are real line breaks, not escapes
    assert 'caption = "Metallic Rouge Episode 4 Rouge Redstar"' in text


# The parsed shape ------------------------------------------------------------

def test_one_h1_with_the_title(golden_tokens):
    assert inline_after(golden_tokens, "heading_open", "h1") == [sample_data.TITLE]


def test_tagline_is_the_first_paragraph(golden_tokens):
    first_h2 = next(i for i, t in enumerate(golden_tokens) if t.tag == "h2")
    paragraphs = inline_after(golden_tokens[:first_h2], "paragraph_open")
    assert paragraphs == [sample_data.TAGLINE]


def test_nine_question_headings_in_template_order_then_info_and_others(golden_tokens):
    h2 = inline_after(golden_tokens, "heading_open", "h2")
    assert h2 == [*QUESTIONS, "Series Information", "Other shows from Winter 2024"]
    template = load_template("anime-season")
    assert [q.heading for q in template.questions] == QUESTIONS


def test_no_other_heading_levels(golden_tokens):
    tags = {t.tag for t in golden_tokens if t.type == "heading_open"}
    assert tags == {"h1", "h2"}


def test_images_with_src_and_alt_under_their_sections(golden_tokens):
    found = []
    section = None
    for i, t in enumerate(golden_tokens):
        if t.type == "heading_open":
            section = golden_tokens[i + 1].content
        if t.type == "inline":
            for child in t.children or []:
                if child.type == "image":
                    alt = "".join(c.content for c in child.children)
                    found.append((section, child.attrGet("src"), alt))
    template = load_template("anime-season")
    expected = [(template.question(qid).heading, src, caption)
                for qid, src, caption in sample_data.IMAGES]
    assert found == expected
    assert ("What was your favourite moment?", "images/metallic-rouge-episode-4-rouge-redstar.jpg",
            "Metallic Rouge Episode 4 Rouge Redstar") in found


def test_each_caption_is_visible_text_under_its_image(golden_tokens):
    emphasised = []
    for t in golden_tokens:
        if t.type == "inline" and t.children and [c.type for c in t.children] == ["em_open", "text", "em_close"]:
            emphasised.append(t.children[1].content)
    assert emphasised == [caption for _, _, caption in sample_data.IMAGES]


def test_series_information_table_has_eight_label_value_rows(golden_tokens):
    rows, row, in_body = [], None, False
    for i, t in enumerate(golden_tokens):
        if t.type == "tbody_open":
            in_body = True
        if t.type == "tr_open":
            row = []
        elif t.type in ("td_open", "th_open"):
            row.append(golden_tokens[i + 1].content)
        elif t.type == "tr_close":
            rows.append(row)
    assert sum(t.type == "table_open" for t in golden_tokens) == 1
    assert in_body
    header, body = rows[0], rows[1:]
    assert header == ["", ""]
    assert len(body) == 8
    assert dict(body) == sample_data.INFO_CELLS
    assert [label for label, _ in body] == [f.label for f in load_template("anime-season").info]


def test_other_shows_links_the_published_mate_and_lists_the_unpublished(golden_tokens):
    start = next(i for i, t in enumerate(golden_tokens)
                 if t.type == "inline" and t.content == "Other shows from Winter 2024")
    items = []
    for t in golden_tokens[start:]:
        if t.type == "inline":
            links = [c.attrGet("href") for c in t.children if c.type == "link_open"]
            text = "".join(c.content for c in t.children if c.type == "text")
            items.append((text, links))
    assert items[1:] == [
        ("Delicious in Dungeon (Season One)",
         ["https://animeblog.example/2024/04/delicious-in-dungeon-season-one/"]),
        ("Solo Leveling", []),
    ]
    assert "Frieren" not in sample_data.GOLDEN_MARKDOWN.read_text(encoding="utf-8")


def test_prose_is_exported_exactly_as_written(sample):
    golden = sample_data.GOLDEN_MARKDOWN.read_text(encoding="utf-8")
    for text in sample_data.ANSWERS.values():
        assert f"\n\n{text}\n\n" in golden


def test_golden_is_plain_lf_utf8_ending_in_one_newline():
    raw = sample_data.GOLDEN_MARKDOWN.read_bytes()
    assert b"\r" not in raw
    assert raw.endswith(b"\n") and not raw.endswith(b"\n\n")
    raw.decode("utf-8")
    assert "\n\n\n" not in raw.decode("utf-8")


# Options and leaving things out ----------------------------------------------

def test_heading_level_is_configurable(library, sample):
    tokens = md_parser().parse(export(library, sample, heading_level=3))
    assert inline_after(tokens, "heading_open", "h3")[:9] == QUESTIONS
    assert inline_after(tokens, "heading_open", "h2") == []
    assert inline_after(tokens, "heading_open", "h1") == [sample_data.TITLE]


def test_without_title(library, sample):
    text = export(library, sample, include_title=False)
    assert not text.startswith("# ")
    assert inline_after(md_parser().parse(text), "heading_open", "h1") == []
    assert text.startswith(sample_data.TAGLINE)


def test_unanswered_questions_and_their_images_are_left_out(library, sample):
    sample.set_answer("favourite_moment", "  \n\n ")
    tokens = md_parser().parse(export(library, sample))
    h2 = inline_after(tokens, "heading_open", "h2")
    assert "What was your favourite moment?" not in h2
    assert len(h2) == 10
    assert "metallic-rouge-episode-4-rouge-redstar.jpg" not in export(library, sample)


def test_no_season_means_no_other_shows(library, sample):
    sample.set_field("season", "")
    assert "Other shows" not in export(library, sample)


def test_a_season_alone_in_the_library_has_no_other_shows(library):
    review = library.create("Dungeon Meshi Notes", season="Spring 2031")
    review.set_answer("watched", "Alone this season.")
    assert "Other shows" not in export(library, review)


def test_empty_info_means_no_series_information(library):
    review = library.create("Bare")
    review.set_answer("watched", "Just one answer.")
    text = export(library, review)
    assert "Series Information" not in text
    assert text == "# Bare\n\n## What did you watch?\n\nJust one answer.\n"
