"""The library folder, slugs, the model's setters, checks and the clipboard."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewdesk.publish import clipboard
from reviewdesk.aids.checks import check
from reviewdesk.errors import ClipboardError, NotFound, ReviewDeskError, SaveError
from reviewdesk.review.library import Library
from reviewdesk.review.model import Review, word_count
from reviewdesk.review.slug import is_slug, slugify
from reviewdesk.review.template import load_template


# Slugs -----------------------------------------------------------------------------

@pytest.mark.parametrize("title, slug", [
    ("Metallic Rouge (Season One)", "metallic-rouge-season-one"),
    ("Pokémon Horizons", "pokemon-horizons"),
    ("Frieren: Beyond Journey's End", "frieren-beyond-journeys-end"),
    ("Kaguya-sama: Love Is War -Ultra Romantic-", "kaguya-sama-love-is-war-ultra-romantic"),
    ("Spy × Family", "spy-family"),
    ("Tom & Jerry", "tom-and-jerry"),
    ("葬送のフリーレン", "review"),
    ("🎉🎉🎉", "review"),
    ("!!!", "review"),
    ("CON", "con-review"),
    ("..", "review"),
    ("Oshi no Ko 【推しの子】 Season 2 🌟", "oshi-no-ko-season-2"),
])
def test_slugs_are_ascii_and_readable(title, slug):
    assert slugify(title) == slug


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_title_gives_a_safe_ascii_slug(title):
    slug = slugify(title)
    assert slug.isascii() and is_slug(slug)
    assert 0 < len(slug) <= 60
    assert slug not in {".", "..", "con", "nul", "aux", "prn"}


def test_long_titles_are_cut_at_a_word(library):
    slug = slugify("The Apothecary Diaries " * 8)
    assert len(slug) <= 60 and not slug.endswith("-")
    assert slug.startswith("the-apothecary-diaries-the-apothecary")


def test_duplicate_and_unslugable_titles_get_unique_slugs(library):
    slugs = [library.create(t).slug for t in
             ["Solo Leveling", "Solo Leveling", "solo leveling!", "薬屋のひとりごと", "ダンジョン飯", "😀"]]
    assert slugs == ["solo-leveling", "solo-leveling-2", "solo-leveling-3", "review", "review-2", "review-3"]
    assert sorted(library.slugs()) == sorted(slugs)


def test_a_trashed_slug_is_not_reused_so_undo_can_restore_it(library):
    library.create("Solo Leveling")
    library.delete("solo-leveling")
    assert library.create("Solo Leveling").slug == "solo-leveling-2"


# Create, delete, restore ----------------------------------------------------------

def test_create_writes_a_draft_file_at_once(library):
    review = library.create("  Metallic Rouge  ", season=" Winter 2024 ", tagline="Mars.\r\nAndroids.")
    path = library.path_for(review.slug)
    assert path.is_file()
    loaded = library.load(review.slug)
    assert (loaded.title, loaded.season, loaded.tagline) == ("Metallic Rouge", "Winter 2024", "Mars.\nAndroids.")
    assert loaded.status == "draft" and loaded.template == "anime-season"


def test_create_makes_the_library_folder(tmp_path):
    lib = Library(tmp_path / "new" / "library")
    lib.create("First")
    assert lib.slugs() == ["first"]


@pytest.mark.parametrize("title", ["", "   ", "\r\n"])
def test_create_refuses_an_empty_title(library, title):
    with pytest.raises(ReviewDeskError, match="needs a title"):
        library.create(title)
    assert library.slugs() == []


def test_create_refuses_an_unknown_template_before_writing(library):
    with pytest.raises(NotFound, match="unknown template 'opera'"):
        library.create("Dune", template="opera")
    assert library.slugs() == []


def test_create_refuses_when_the_library_folder_cannot_exist(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SaveError, match="cannot create the library folder"):
        Library(blocker / "library").create("x")


@pytest.mark.parametrize("slug", ["nope", "../library", ".trash", "a/b"])
def test_unknown_slugs_are_not_found(library, slug):
    library.create("Real")
    with pytest.raises(NotFound, match="no draft"):
        library.load(slug)


def test_delete_moves_to_the_trash_and_restore_brings_it_back(library):
    review = library.create("Solo Leveling")
    original = library.path_for(review.slug).read_bytes()
    trashed = library.delete(review.slug)
    assert library.slugs() == []
    assert trashed.read_bytes() == original
    assert library.trashed() == [trashed]
    assert library.restore(trashed) == "solo-leveling"
    assert library.path_for("solo-leveling").read_bytes() == original


def test_delete_twice_keeps_both_in_the_trash(library):
    library.create("Twice")
    first = library.delete("twice")
    library.path_for("twice").write_text(first.read_text())
    second = library.delete("twice")
    assert first != second and first.is_file() and second.is_file()
    assert len(library.trashed()) == 2


def test_delete_works_on_a_broken_draft(library):
    library.path_for("broken").write_text("format = ")
    assert library.delete("broken").is_file()
    assert library.slugs() == []


def test_delete_unknown_is_not_found(library):
    with pytest.raises(NotFound):
        library.delete("ghost")


def test_slugs_skip_hidden_and_non_draft_files(library):
    library.create("Real")
    (library.root / ".real.toml.abc.tmp").write_text("temp")
    (library.root / "notes.txt").write_text("not a draft")
    (library.root / "folder.toml").mkdir()
    assert library.slugs() == ["real"]
    assert [s.slug for s in library.summaries()] == ["real"]


def test_season_mates_are_case_insensitive_sorted_and_exclude_the_review(library):
    me = library.create("Metallic Rouge", season="Winter 2024")
    solo = library.create("solo Leveling", season="winter 2024 ")
    solo.set_field("url", "https://animeblog.example/solo/")
    library.save(solo)
    library.create("Delicious in Dungeon", season="WINTER 2024")
    library.create("Frieren", season="Fall 2023")
    library.path_for("broken").write_text("format = ")
    assert library.season_mates(me) == [("Delicious in Dungeon", ""),
                                        ("solo Leveling", "https://animeblog.example/solo/")]
    me.set_field("season", "")
    assert library.season_mates(me) == []


# The model's setters ---------------------------------------------------------------

@pytest.fixture
def review():
    return Review(template="anime-season", title="Metallic Rouge")


@pytest.fixture
def template():
    return load_template("anime-season")


def test_list_fields_split_on_commas_and_lines(review, template):
    review.set_info(template.info_field("Genres"), " Action,Science Fiction ,, Mystery\nDrama ")
    assert review.info["genres"] == ["Action", "Science Fiction", "Mystery", "Drama"]
    assert review.info_text(template.info_field("genres")) == "Action, Science Fiction, Mystery, Drama"


@pytest.mark.parametrize("raw, value", [("13", 13), (" 1,000 ", 1000), ("1_000", 1000), ("０１２", 12)])
def test_episodes_accepts_whole_numbers(review, template, raw, value):
    review.set_info(template.info_field("Episodes"), raw)
    assert review.info["episodes"] == value


@pytest.mark.parametrize("raw", ["twelve", "12.5", "-3", "²", "12 episodes", "1" * 40])
def test_episodes_refuses_anything_else_with_one_clear_message(review, template, raw):
    with pytest.raises(ReviewDeskError) as err:
        review.set_info(template.info_field("Episodes"), raw)
    assert str(err.value).startswith("Episodes must be a whole number")
    assert "episodes" not in review.info


def test_an_empty_value_clears_a_field(review, template):
    review.set_info(template.info_field("Medium"), "TV series")
    review.set_info(template.info_field("Medium"), "  ")
    review.set_info(template.info_field("Genres"), ", ,")
    assert review.info == {}


@pytest.mark.parametrize("value", ["Draft", " READY ", "published"])
def test_status_is_validated_and_folded(review, value):
    review.set_field("status", value)
    assert review.status == value.strip().lower()


def test_bad_status_and_unknown_field_are_refused(review):
    with pytest.raises(ReviewDeskError, match="status must be one of draft, ready, published"):
        review.set_field("status", "done")
    with pytest.raises(ReviewDeskError, match="unknown field"):
        review.set_field("rating", "10")
    assert review.status == "draft"


def test_an_image_needs_a_source(review):
    with pytest.raises(ReviewDeskError, match="needs a file path or URL"):
        review.add_image("watched", "  ", "caption")


def test_states_progress_and_words(review, template):
    assert review.peek("watched").state == "empty"
    review.set_answer("watched", "Rouge's chocolate-fuelled fights on Mars — 13 episodes.")
    assert review.peek("watched").state == "started"
    review.set_done("watched")
    assert review.peek("watched").state == "done"
    review.set_answer("happened", "   \n")
    assert review.answered_count(template) == 1
    assert review.first_unanswered(template) == 1
    assert review.peek("watched").words == 7
    assert word_count("It's a well-made show, 10/10!") == 6
    review.tagline = "Two words."
    assert review.words() == 9


def test_answers_for_questions_the_template_lacks_are_kept_and_flagged(review, template):
    review.set_answer("old_question", "Kept from an older template.")
    assert review.extra_answers(template) == ["old_question"]
    assert any(f.code == "extra-answer" for f in check(review, template))


# Checks ----------------------------------------------------------------------------------

def test_the_sample_is_ready_to_publish(sample):
    assert check(sample, load_template("anime-season")) == []


def test_checks_name_what_is_missing(review, template):
    review.set_answer("watched", "Seen.")
    review.add_image("watched", "a.png")
    review.add_image("happened", "b.png", "Orphan")
    codes = [(f.code, f.question) for f in check(review, template)]
    assert ("no-tagline", None) in codes
    assert ("unanswered", "happened") in codes and ("unanswered", "watched") not in codes
    assert ("no-caption", "watched") in codes
    assert ("orphan-image", "happened") in codes
    assert sum(code == "empty-info" for code, _ in codes) == 8
    messages = [f.message for f in check(review, template)]
    assert "Question 2 is unanswered: What happened?" in messages


# Clipboard ---------------------------------------------------------------------------------

def test_no_system_clipboard_is_a_clipboard_error(monkeypatch):
    import pyperclip

    def unavailable(text):
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism\nmore text")

    monkeypatch.setattr(pyperclip, "copy", unavailable)
    with pytest.raises(ClipboardError, match="no system clipboard is reachable") as err:
        clipboard.copy_system("# Post")
    assert "\n" not in str(err.value)


def test_system_clipboard_gets_the_text(monkeypatch):
    import pyperclip

    got = []
    monkeypatch.setattr(pyperclip, "copy", got.append)
    assert clipboard.copy_system("# Post\n") == "system clipboard"
    assert got == ["# Post\n"]


def test_osc52_carries_the_text_and_wraps_for_tmux():
    text = "# Metallic Rouge\n\nメタリックルージュ 😀\n"
    seq = clipboard.osc52_sequence(text, tmux=False)
    assert seq.startswith("\x1b]52;c;") and seq.endswith("\x07")
    assert base64.b64decode(seq[len("\x1b]52;c;"):-1]).decode("utf-8") == text
    wrapped = clipboard.osc52_sequence(text, tmux=True)
    assert wrapped == seq + "\x1bPtmux;" + seq.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def test_osc52_refuses_a_post_too_large_for_terminals():
    with pytest.raises(ClipboardError, match="too large"):
        clipboard.osc52_sequence("x" * 100_000, tmux=False)
