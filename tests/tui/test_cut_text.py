"""Texts too long for their place wrap, or end at a word with an ellipsis:
never cut inside a word (issue 18, item 13: "ctrl+f adds", "Neans, an
android race, su" at 120x40)."""

from __future__ import annotations

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.fit import fit, fit_lines
from reviewdesk.tui.screens.library import LibraryScreen
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.fitted import FittedText
from reviewdesk.tui.widgets.status import StatusLine
from reviewdesk.tui.widgets.title_bar import TitleBar
from waiting import wait_for

TAGLINE = ("On a Mars where humans live alongside the Neans, an android race, such as Rouge Redstar, "
           "an android who hunts the Immortal Nine for the government, learns what it costs to be "
           "made for a purpose; the series asks what freedom means to those built to obey, and "
           "answers with fights, jazz and a great deal of exposition in its second half.")


def whole_words(shown: str, source: str) -> None:
    """Every word ``shown`` holds is a whole word of ``source``; if it holds
    less than all of it, it ends with an ellipsis."""
    words = source.split()
    seen = shown.replace("…", " ").split()
    assert seen == words[:len(seen)], shown
    if len(seen) < len(words):
        assert shown.rstrip().endswith("…"), shown


def test_fit_ends_at_a_word_and_keeps_styles():
    assert fit("No images after this answer: ctrl+f adds one.", 40) == "No images after this answer: ctrl+f…"
    assert fit("short", 10) == "short"
    assert fit("Action, Science Fiction", 12) == "Action…"  # no comma before the ellipsis
    lines = fit_lines(TAGLINE, 30, 3).split("\n")
    assert len(lines) == 3 and all(len(line) <= 30 for line in lines)
    whole_words(" ".join(lines), TAGLINE)


async def test_the_library_detail_ends_a_long_tagline_at_a_word(library_dir):
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    review.tagline = TAGLINE
    lib.save(review)
    app = ReviewDeskApp(library=lib)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen, "the library")
        detail = screen.query_one("#detail", FittedText)
        shown = await wait_for(pilot, lambda: "Metallic" in str(detail.render()) and str(detail.render()), "the detail")
        lines = shown.split("\n")
        assert len(lines) == 3 and all(len(line) <= detail.content_size.width for line in lines)
        whole_words(shown.split(" · ")[-1].replace("\n", " "), TAGLINE)


async def test_the_images_line_the_status_and_the_title_end_at_a_word_in_a_narrow_window(draft):
    lib, slug = draft
    review = lib.load(slug)
    review.title = "Metallic Rouge: The Complete First Season of the Android Noir from Studio Bones"
    lib.save(review)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the review")
        images = screen.query_one("#q-images", FittedText)
        await wait_for(pilot, lambda: str(images.render()), "the images line")
        assert str(images.render()) == "No images after this answer: ctrl+f adds one."
        title = str(screen.query_one(TitleBar).render()).strip()
        assert title.endswith("…") and not title.endswith(" …"), title
        whole_words(title.split("—", 1)[1].strip(), review.title)
        status = screen.query_one(StatusLine)
        status.note = "a note long enough to leave room for one more part only"
        await pilot.pause()
        drawn = str(status.render())
        assert len(drawn) <= status.content_size.width
        assert drawn.startswith("a note long enough"), drawn
        assert "review 5 words" not in drawn  # left out whole, as the least needed
        for part in drawn.split("  ·  "):  # whole parts only, none cut
            assert part in [text for text, _rank in status.parts()], part


async def test_the_export_checks_box_title_fits_its_border_at_80x24(draft):
    from textual.widgets import OptionList

    from reviewdesk.tui.screens.export import ExportScreen

    lib, slug = draft
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        await pilot.press("ctrl+g")
        screen = await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen) and app.screen, "the export")
        box = screen.query_one("#warnings", OptionList)
        await wait_for(pilot, lambda: box.outer_size.width and str(box.border_title).startswith("To check"),
                    "the short title")
        assert len(str(box.border_title)) <= box.outer_size.width - 6
        assert str(box.border_subtitle).endswith(("…", "word")), box.border_subtitle


async def test_a_narrow_library_leaves_out_columns_instead_of_scrolling_sideways(library_dir):
    from reviewdesk.tui.widgets.review_table import ReviewTable

    lib = Library(library_dir)
    for title in ("Metallic Rouge (Season One)", "Frieren: Beyond Journey's End", "Delicious in Dungeon"):
        review = lib.create(title, season="Winter 2024")
        review.set_answer("watched", "Words " * 40)
        lib.save(review)
    from reviewdesk.tui.screens.library import LEFT_OUT_FIRST

    for size in ((120, 40), (80, 24), (60, 24)):
        app = ReviewDeskApp(library=lib)
        async with app.run_test(size=size) as pilot:
            screen = await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen, "the library")
            table = await wait_for(pilot, lambda: screen.query(ReviewTable) and screen.query_one(ReviewTable),
                                "the table")
            await wait_for(pilot, lambda: table.size.width, "the table laid out")
            left_out = {column.key for column in table.columns} - {column.key for column in table.shown_columns}
            # The least important go first: Edited, then Words, then Season.
            assert left_out == set(LEFT_OUT_FIRST[:len(left_out)]), (size, left_out)
            assert table.virtual_size.width <= table.size.width, size  # nothing to scroll to
            assert table.column_width("title") >= 24, size
            if size == (120, 40):
                assert not left_out
            if size == (60, 24):
                assert "edited" in left_out
            if "edited" in left_out:
                detail = str(screen.query_one("#detail", FittedText).render())
                assert "edited" in detail, detail  # the time edited is still there to read
