"""Control characters and escape sequences in a writer's text (or in a draft
file someone sent them) must never reach the terminal raw: an OSC sequence
can retitle the window or write the clipboard, a CSI one can clear the
screen. Nor may text be read as Rich markup: "[/]" in a title is text.

The command line and the app show a control character the same way
(reviewdesk.review.text.visible): C0 as its control picture (ESC is ␛), DEL
as ␡, C1 and the bidi overrides as �. The app is checked by rendering the
screen exactly as it would be written to the terminal (the compositor's
full update) and by each widget's rendered lines.
"""

from __future__ import annotations

import re

import pytest

from reviewdesk.cli import terminal_safe
from reviewdesk.review.library import Library
from waiting import wait_for

# The payloads: retitle the window (OSC 0), colour (CSI), clear the screen
# as a C1 control, BEL, DEL, and a clipboard write (OSC 52).
OSC_TITLE = "\x1b]0;PWNED\x07"
CSI = "\x1b[31m"
C1_CSI = "\x9b2J"
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
HOSTILE = f"Rouge{OSC_TITLE}{CSI}red{C1_CSI}\x07\x7f{OSC_CLIPBOARD}"
RTL = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: the rest of the line reads backwards
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def raw_controls(text: str) -> list[str]:
    return sorted({repr(m.group()) for m in RAW.finditer(text)})


@pytest.fixture
def hostile_library(library: Library) -> Library:
    # The model refuses or removes these as they are typed: this is a draft
    # edited by hand, or sent by someone else, so they are set directly.
    review = library.create("Title")
    review.title, review.season = f"Title {HOSTILE}", f"Winter {CSI}2024"
    review.answers["watched"] = type(review.peek("watched"))(
        text=f"Answer {HOSTILE}\n\nSecond paragraph {OSC_TITLE} here.")
    review.url = f"https://example.com/{CSI}"
    review.info["animation_studios"] = f"Bones{C1_CSI}"
    review.answers[f"extra{CSI}"] = type(review.peek("watched"))(text="kept")
    library.save(review)
    # A file whose very name carries an escape sequence (it came in a zip).
    (library.root / f"evil{CSI}.toml").write_bytes(library.path_for(review.slug).read_bytes())
    return library


# terminal_safe ----------------------------------------------------------------------------

@pytest.mark.parametrize("char", [chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7f, 0xa0),
                                                  *range(0x202a, 0x202f), *range(0x2066, 0x206a)]],
                         ids=lambda c: f"{ord(c):02x}")
def test_terminal_safe_shows_every_control_character(char):
    shown = terminal_safe(f"a{char}b")
    code = ord(char)
    assert shown == f"a{chr(0x2400 + code) if code < 0x20 else '␡' if code == 0x7f else '�'}b"


def test_terminal_safe_keeps_text_tabs_and_newlines():
    text = "Plain, accented é, kana メタリック, emoji 😀, tab\there\nnew line, [bold] not markup"
    assert terminal_safe(text) == text


# The command line -----------------------------------------------------------------------------


def test_list_shows_escapes_in_titles_seasons_and_file_names_not_runs_them(cli, hostile_library):
    code, out, err = cli("list")
    assert code == 0
    assert raw_controls(out + err) == []
    assert "␛]0;PWNED" in out and "evil␛[31m" in out


def test_show_shows_escapes_everywhere_not_runs_them(cli, hostile_library):
    slug = next(s for s in hostile_library.slugs() if not s.startswith("evil"))
    code, out, err = cli("show", slug)
    assert code == 0
    assert raw_controls(out + err) == []
    assert "Winter ␛[31m2024" in out and "Bones�2J" in out and "extra␛[31m" in out


def test_errors_about_a_file_named_with_escapes_show_them(cli, library):
    (library.root / f"bad{CSI}.toml").write_bytes(b"format = [")
    code, out, err = cli("show", f"bad{CSI}")
    assert code == 1
    assert raw_controls(out + err) == [] and "bad␛[31m" in err


def test_history_and_restore_messages_show_escapes(cli, hostile_library):
    slug = f"evil{CSI}"
    review = hostile_library.load(slug)
    review.set_answer("watched", "again")
    hostile_library.save(review)
    for argv in (("history", slug), ("restore", slug, "1")):
        code, out, err = cli(*argv)
        assert code == 0 and raw_controls(out + err) == []


# The app ---------------------------------------------------------------------------------

def screen_output(app) -> str:
    """The whole screen's text as the app composes it (its screenshot, with
    the SVG's own markup taken out): a control character in any widget's text
    would be in it raw."""
    import html

    svg = app.export_screenshot()
    text = " ".join(re.findall(r">([^<]*)</text>", svg))
    return html.unescape(text).replace("\xa0", " ")


def plain(output: str) -> str:
    """The screen's text without the escape sequences the SVG's text keeps."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)


def leaking_widgets(app) -> dict[str, list[str]]:
    """Visible widgets whose rendered text holds a raw control character."""
    found = {}
    for widget in app.screen.query("*"):
        if not widget.display or widget.size.area == 0:
            continue
        try:
            strips = [widget.render_line(y) for y in range(widget.size.height)]
        except Exception:
            continue
        text = "".join(segment.text for strip in strips for segment in strip)
        bad = raw_controls(text)
        if bad:
            found[f"{type(widget).__name__}#{widget.id}"] = bad
    return found


def assert_no_payload(output: str) -> None:
    for payload in (OSC_TITLE, CSI + "red", C1_CSI, OSC_CLIPBOARD, "\x7f"):
        assert payload not in output, f"{payload!r} reaches the terminal raw"


async def test_the_library_list_shows_no_raw_escapes(hostile_library):
    from reviewdesk.tui.app import ReviewDeskApp

    app = ReviewDeskApp(library=hostile_library)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "LibraryScreen"
                       and "Title Rouge" in plain(screen_output(app)), "the hostile title in the list")
        assert leaking_widgets(app) == {}
        output = screen_output(app)
        assert_no_payload(output)
        assert "Title Rouge" in plain(output)


async def test_the_review_screen_shows_no_raw_escapes(hostile_library):
    from reviewdesk.tui.app import ReviewDeskApp

    slug = next(s for s in hostile_library.slugs() if not s.startswith("evil"))
    app = ReviewDeskApp(library=hostile_library, open_slug=slug)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", "the review screen")
        app.screen.go(0)  # the answer holding the escapes, in the editor and the preview
        await wait_for(pilot, lambda: getattr(app.focused, "question_id", None) == "watched"
                       and plain(screen_output(app)).count("Second paragraph") >= 2
                       and not app.screen.query_one("PostPreview").rendering(),
                       "the answer in the editor and the preview")
        assert type(app.screen).__name__ == "ReviewScreen"
        assert leaking_widgets(app) == {}
        assert_no_payload(screen_output(app))


async def test_a_title_with_markup_is_shown_as_text_in_the_library(library):
    from reviewdesk.tui.app import ReviewDeskApp

    library.create("Fate [/] Zero [b]not bold")
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(140, 40)) as pilot:
        shown = await wait_for(pilot, lambda: plain(screen_output(app)).count("Fate [/] Zero") >= 2
                               and plain(screen_output(app)), "the title in the row and the detail line")
        assert shown.count("Fate [/] Zero [b]not bold") == 2  # the row and the detail line


async def test_a_season_with_markup_is_shown_as_text_in_the_library(library):
    from reviewdesk.tui.app import ReviewDeskApp

    library.create("Fate Zero", season="[red]Spring")
    app = ReviewDeskApp(library=library)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: "[red]Spring" in plain(screen_output(app)), "the season as text in the list")


async def test_a_title_with_markup_is_shown_as_text_on_the_review_screen(library, monkeypatch):
    from reviewdesk.tui.app import ReviewDeskApp
    from reviewdesk.tui.screens.library import LibraryScreen

    monkeypatch.setattr(LibraryScreen, "render_rows", lambda self, select=None: None)  # the list's own crash
    review = library.create("Fate [/] Zero [b]not bold")
    app = ReviewDeskApp(library=library, open_slug=review.slug)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen"
                       and "Fate [/] Zero" in plain(screen_output(app)), "the review screen with its title")
        shown = plain(screen_output(app))
        assert shown.count("Fate [/] Zero [b]not bold") >= 2  # the header and the sidebar


# Issue 15.11: names from disk, and text as it enters ----------------------------------------

def test_show_prints_a_slug_from_disk_visibly(cli, hostile_library):
    code, out, err = cli("show", f"evil{CSI}")
    assert code == 0 and raw_controls(out + err) == []
    assert "slug: evil␛[31m" in out


def test_export_all_failure_and_note_lines_show_names_visibly(cli, library, tmp_path):
    library.create("Fine")
    (library.root / f"bad{OSC_TITLE}.toml").write_bytes(b"format = [")
    (library.root / f"{RTL}gnp.toml").write_bytes(b"format = [")
    code, out, err = cli("export", "--all", "-o", str(tmp_path / "out"))
    assert code == 1 and raw_controls(out + err) == []
    assert "bad␛]0;PWNED␇" in err and "�gnp" in err


def test_list_and_show_make_a_right_to_left_override_visible(cli, library):
    review = library.create("Plain")
    review.title = f"Title {RTL}txt.exe"  # a hand-edited draft
    library.save(review)
    (library.root / f"x{RTL}lmth.toml").write_bytes(library.path_for(review.slug).read_bytes())
    for argv in (("list",), ("show", review.slug), ("show", f"x{RTL}lmth"), ("season",)):
        code, out, err = cli(*argv)
        assert code == 0 and raw_controls(out + err) == [], argv
    code, out, _ = cli("list")
    assert "Title �txt.exe" in out and "x�lmth" in out


@pytest.mark.parametrize("field, value", [("title", f"Rouge{CSI}"), ("season", f"Winter{RTL}"),
                                          ("url", f"https://example.com/{OSC_TITLE}"), ("verdict", "Good\x07")])
def test_a_one_line_field_refuses_a_control_character(cli, library, field, value):
    slug = library.create("Plain").slug
    code, out, err = cli("set", slug, field, value)
    assert code == 1 and "holds a control character" in err and raw_controls(err) == []
    assert getattr(library.load(slug), field) in ("", "Plain")


def test_prose_loses_its_control_characters_as_it_enters(cli, library):
    slug = library.create("Plain").slug
    code, _, err = cli("answer", slug, "1", stdin=f"Answer {HOSTILE}\r\nend{RTL}".encode())
    assert code == 0
    assert library.load(slug).peek("watched").text == "Answer Rouge]0;PWNED[31mred2J]52;c;cHduZWQ=\nend"
