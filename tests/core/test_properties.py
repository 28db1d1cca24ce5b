"""Property tests: whatever a writer types survives the disk and the export.

Text enters the model once, through its setters, where CRLF and lone CR
become LF (and single-line fields are stripped); control characters are
removed from prose and refused in one-line fields; from there it must come
back from the draft file exactly, and render in the exported Markdown as
the text itself, never as Markdown structure.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reviewdesk.review import draftfile
from reviewdesk.errors import ReviewDeskError
from reviewdesk.publish.export import image_block, others_markdown, to_markdown
from reviewdesk.review.library import Library
from reviewdesk.review.model import Image, Review, normalize_text, parse_info_value
from reviewdesk.review.template import load_template
from reviewdesk.review.text import CONTROLS

# Examples per property: enough to hit the tricky fragments, few enough that the
# suite stays fast. Through-the-disk properties pay an fsync per example.
PROPS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DISK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments a writer pastes that mean something to Markdown, HTML, TOML or a
# terminal, mixed with arbitrary unicode (hypothesis' text() leaves out only
# surrogates, which no UTF-8 file can hold).
TRICKY = [
    "|", "\\|", "#", "# ", "## ", " #", "`", "```", "~~~", "*", "**", "_", "[", "]", "](", "![",
    "<b>", "</p>", "<br>", "<script>alert(1)</script>", "&", "&amp;", "&#65;", "&copy;",
    "\\", "\\\\", "\\n", "\\u0041", '"', "'", '"""', "'''", '""""""', "=", "-", "- ", "+", "1. ", "> ",
    "---", "===", ":--", "http://example.com/a_b", "\r\n", "\r", "\n", "\n\n", "\t", " ", "  ",
    "\x00", "\x01", "\x1b[31m", "\x7f", "\x85", "\u00a0", "\u2028", "\u200b", "\ufeff",
    "²", "١٢", "１２", "1,000", "é", "e\u0301", "メタリックルージュ", "葬送のフリーレン", "😀", "👩‍🎤", "🇯🇵",
]
writer_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=4)), max_size=14).map("".join),
)
# What a one-line field accepts: the same, but no control characters (refused there).
writer_line = writer_text.map(lambda t: CONTROLS.sub("", t.replace("\r", "\n")))


def refused_in_a_line(text: str) -> bool:
    """Whether a one-line field refuses ``text`` (it holds a control character)."""
    return CONTROLS.search(text.replace("\r", "\n")) is not None

md = MarkdownIt("commonmark").enable("table")


@pytest.fixture(scope="module")
def prop_library(tmp_path_factory):
    return Library(tmp_path_factory.mktemp("props"))


@pytest.fixture(scope="module")
def template():
    return load_template("anime-season")


def fresh() -> Review:
    review = Review(template="anime-season", title="Property", slug="property")
    review.created = review.updated = datetime(2024, 1, 1, tzinfo=timezone.utc)
    return review


def through_disk(lib: Library, review: Review) -> Review:
    lib.save(review, force=True)
    return lib.load(review.slug)


# Save and load -----------------------------------------------------------------

@DISK
@example(text='"""\\\r\n\r\x00\x1b')
@given(text=writer_text)
def test_answer_survives_save_and_load(prop_library, text):
    review = fresh()
    review.set_answer("watched", text)
    assert review.answers["watched"].text == normalize_text(text)
    loaded = through_disk(prop_library, review)
    assert loaded.answers["watched"].text == normalize_text(text)
    assert "\r" not in loaded.answers["watched"].text


@DISK
@given(text=writer_text)
def test_title_survives_save_and_load(prop_library, text):
    review = fresh()
    if refused_in_a_line(text):
        with pytest.raises(ReviewDeskError, match="control character"):
            review.set_field("title", text)
        return
    if not normalize_text(text).strip():
        with pytest.raises(ReviewDeskError):
            review.set_field("title", text)
        return
    review.set_field("title", text)
    assert through_disk(prop_library, review).title == normalize_text(text).strip()


web_url = st.builds(lambda scheme, host, path: f"{scheme}://{host}/{path}", st.sampled_from(["http", "https"]),
                    st.sampled_from(["animeblog.example", "xn--nckg3oobb.example", "127.0.0.1:8080"]),
                    st.text(st.characters(categories=["L", "N"], include_characters="-_.~%/?#=&+"), max_size=20))


@DISK
@given(tagline=writer_text, season=writer_line, url=st.one_of(web_url, st.just("")))
def test_tagline_season_and_url_survive_save_and_load(prop_library, tagline, season, url):
    review = fresh()
    review.set_field("tagline", tagline)
    review.set_field("season", season)
    review.set_field("url", url)
    loaded = through_disk(prop_library, review)
    assert loaded.tagline == normalize_text(tagline)
    assert loaded.season == normalize_text(season).strip()
    assert loaded.url == url.strip()


@PROPS
@example(url="javascript:alert(2)")
@example(url=" JavaScript:alert(2)")
@example(url="java\tscript:alert(2)")
@example(url="not a url")
@example(url="https://")
@given(url=writer_text)
def test_the_url_is_a_web_address_or_a_clear_error(url):
    review = fresh()
    try:
        review.set_field("url", url)
    except ReviewDeskError as exc:
        assert "control character" in str(exc) or str(exc).startswith("the URL must be a web address")
        return
    assert review.url == "" or review.url.startswith(("http://", "https://"))


@DISK
@given(text=writer_text, label=st.sampled_from(["English Title", "Japanese Title", "Medium", "Released",
                                                 "Demographic"]))
def test_text_info_survives_save_and_load(prop_library, template, text, label):
    review = fresh()
    field = template.info_field(label)
    if refused_in_a_line(text):
        with pytest.raises(ReviewDeskError, match="control character"):
            review.set_info(field, text)
        return
    review.set_info(field, text)
    loaded = through_disk(prop_library, review)
    stored = normalize_text(text).strip()
    if stored:
        assert loaded.info[field.id] == stored
        assert loaded.info_text(field) == stored
    else:
        assert field.id not in loaded.info


@DISK
@given(text=writer_line, label=st.sampled_from(["Animation Studios", "Genres"]))
def test_list_info_is_comma_separated_and_survives(prop_library, template, text, label):
    review = fresh()
    field = template.info_field(label)
    review.set_info(field, text)
    expected = [p.strip() for p in re.split(r"[,\n]", normalize_text(text)) if p.strip()]
    loaded = through_disk(prop_library, review)
    assert loaded.info.get(field.id, []) == expected
    assert loaded.info_text(field) == ", ".join(expected)


@DISK
@given(text=writer_line)
def test_caption_and_source_survive_save_and_load(prop_library, text):
    review = fresh()
    review.set_answer("watched", "Seen.")
    caption = text
    src = "shots/" + (normalize_text(text).strip() or "a.png")  # a path: no scheme
    review.add_image("watched", src, caption)
    image = through_disk(prop_library, review).answers["watched"].images[0]
    assert (image.src, image.caption) == (src, normalize_text(caption).strip())


printable_key = st.text(min_size=1, max_size=12)


def file_text(max_size: int):
    """Any text a draft file can hold, but CR LF: TOML reads a line break in
    a multi-line string as LF whichever it was written with, so "\r\n" is
    "\n" once read (and the app never holds one: its setters normalise line
    endings). A lone CR stays in the strategy: it is written escaped and
    comes back as it was."""
    return st.text(max_size=max_size).map(lambda s: re.sub(r"\r+\n", "\n", s))


info_value = st.one_of(file_text(20), st.integers(min_value=0, max_value=2**63 - 1),
                       st.lists(file_text(10), max_size=4))


@PROPS
@given(
    title=file_text(30), tagline=file_text(60), season=file_text(15),
    status=st.sampled_from(["draft", "ready", "published"]), url=file_text(20),
    info=st.dictionaries(printable_key, info_value, max_size=4),
    answers=st.dictionaries(
        printable_key,
        st.tuples(file_text(80), st.booleans(),
                  st.lists(st.tuples(file_text(15), file_text(15)), max_size=2)),
        max_size=4),
)
def test_any_review_round_trips_through_the_file_format(title, tagline, season, status, url, info, answers):
    """The file format is lossless even for text that never went through a
    setter (a hand-edited file, an import): lone CRs, control characters,
    odd keys included."""
    review = fresh()
    review.title, review.tagline, review.season, review.status, review.url = title, tagline, season, status, url
    review.info = dict(info)
    for qid, (text, done, images) in answers.items():
        answer = review.answer(qid)
        answer.text, answer.done = text, done
        for src, caption in images:
            answer.images.append(Image(src, caption))
    loaded = draftfile.loads(draftfile.dumps(review))
    loaded.slug = review.slug
    assert loaded == review


@PROPS
@example(raw="²").via("int() refuses it though isdigit() accepts it")
@example(raw="1" * 5000)
@given(raw=writer_text)
def test_episodes_is_a_whole_number_or_a_clear_error(template, raw):
    field = template.info_field("Episodes")
    try:
        value = parse_info_value(field, raw)
    except ReviewDeskError as exc:
        assert str(exc).startswith(("Episodes must be a whole number", "Episodes holds a control character"))
        return
    assert value == "" or (isinstance(value, int) and value >= 0)
    # and it survives a TOML round trip (64-bit)
    review = fresh()
    review.info["episodes"] = value
    assert draftfile.loads(draftfile.dumps(review)).info["episodes"] == value


@PROPS
@given(n=st.integers(min_value=0, max_value=10**12))
def test_episodes_accepts_numbers_as_written(template, n):
    field = template.info_field("episodes")
    assert parse_info_value(field, str(n)) == n
    assert parse_info_value(field, f" {n:,} ") == n


# The exported table ----------------------------------------------------------------

def rendered(children) -> str:
    """The text a reader sees for inline tokens; <br> as a line break.

    Anything that is not plain text (emphasis, code, links, raw HTML other
    than the <br> the exporter writes) is returned marked, so a test sees
    that the writer's text turned into Markdown structure.
    """
    out = []
    for child in children:
        if child.type == "text":
            out.append(child.content)
        elif child.type == "html_inline" and child.content == "<br>":
            out.append("\n")
        elif child.type == "softbreak":
            out.append("\n")
        else:
            out.append(f"\0{child.type}:{child.content}\0")
    return "".join(out)


def table_rows(markdown: str) -> tuple[int, list[list[str]]]:
    tokens = md.parse(markdown)
    rows, row = [], None
    in_body = False
    for i, t in enumerate(tokens):
        if t.type == "tbody_open":
            in_body = True
        elif t.type == "tbody_close":
            in_body = False
        elif t.type == "tr_open" and in_body:
            row = []
        elif t.type == "td_open" and row is not None:
            row.append(rendered(tokens[i + 1].children))
        elif t.type == "tr_close" and row is not None:
            rows.append(row)
            row = None
    return sum(t.type == "table_open" for t in tokens), rows


def as_rendered(stored: str) -> str:
    """What a cell can show of a stored value: each line's edge whitespace goes
    (HTML collapses it anyway) and U+0000, which CommonMark replaces for
    safety, shows as U+FFFD."""
    lines = [line.strip() for line in stored.split("\n")]
    return "\n".join(lines).replace("\0", "\ufffd")


@PROPS
@given(values=st.fixed_dictionaries({
    "English Title": writer_line, "Japanese Title": writer_line, "Medium": writer_line,
    "Released": writer_line, "Episodes": st.one_of(st.just(""), st.integers(0, 5000).map(str)),
    "Animation Studios": writer_line, "Genres": writer_line, "Demographic": writer_line,
}))
def test_series_information_stays_a_table_with_the_same_cells(template, values):
    review = fresh()
    for label, raw in values.items():
        review.set_info(template.info_field(label), raw)
    expected = [[f.label, as_rendered(review.info_text(f))] for f in template.info if review.info_text(f).strip()]
    assume(expected)
    markdown = to_markdown(review, template)
    tables, rows = table_rows(markdown)
    assert tables == 1
    assert rows == expected


# Headings, captions, other shows -------------------------------------------------

def one_line(text: str) -> str:
    return re.sub(r"[ \t]*\n[ \t]*", " ", text.strip()).replace("\0", "\ufffd")


@PROPS
@example(title="We are Number #").via("a trailing # run closes an ATX heading")
@example(title="#")
@example(title="Part 1\nPart 2")
@given(title=writer_line)
def test_title_renders_as_one_h1_of_itself(template, title):
    review = fresh()
    assume(normalize_text(title).strip())
    review.set_field("title", title)
    tokens = md.parse(to_markdown(review, template))
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    assert tokens[0].tag == "h1"
    assert rendered(tokens[1].children) == one_line(review.title)


@PROPS
@given(caption=writer_text)
def test_caption_renders_as_alt_text_and_visible_italics(caption):
    caption = normalize_text(caption).strip()
    assume(caption)
    tokens = md.parse(image_block(Image("shot.png", caption)))
    flat = " ".join(caption.split()).replace("\0", "\ufffd")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"] * 2
    image = tokens[1].children
    assert [c.type for c in image] == ["image"]
    assert rendered(image[0].children) == flat and image[0].attrGet("src") == "shot.png"
    visible = tokens[4].children
    assert visible[0].type == "em_open" and visible[-1].type == "em_close"
    assert rendered(visible[1:-1]) == flat


@PROPS
@example(title="# Heading?", linked=False)
@example(title="1. First", linked=False)
@example(title="Two\nlines", linked=True)
@given(title=writer_text, linked=st.booleans())
def test_other_shows_titles_render_as_one_list_item_each(title, linked):
    assume(normalize_text(title).strip())
    review = fresh()
    review.season = "Winter 2024"
    title = normalize_text(title).strip()
    url = "https://animeblog.example/post/" if linked else ""
    tokens = md.parse(others_markdown(review, [(title, url), ("Solo Leveling", "")], 2))
    items = [i for i, t in enumerate(tokens) if t.type == "list_item_open"]
    assert len(items) == 2
    assert sum(t.type == "bullet_list_open" for t in tokens) == 1
    assert [t.type for t in tokens[items[0]:items[0] + 5]] == [
        "list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close"]
    children = tokens[items[0] + 2].children
    if linked:
        assert children[0].type == "link_open" and children[-1].type == "link_close"
        assert children[0].attrGet("href") == url
        children = children[1:-1]
    assert rendered(children) == one_line(title)


path_text = st.text(alphabet="abcXYZ019/._-()[] \\é日#%?&=", min_size=1, max_size=30)


@PROPS
@example(src="C:\\shots\\")
@example(src="my shot (1).png")
@given(src=path_text)
def test_image_source_stays_the_destination(src):
    src = src.strip()
    assume(src)
    tokens = md.parse(image_block(Image(src, "cap")))
    image = tokens[1].children
    assert [c.type for c in image] == ["image"]
    assert image[0].attrGet("src") == md.normalizeLink(src)
