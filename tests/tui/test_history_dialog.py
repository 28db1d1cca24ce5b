"""The History dialog: versions of the same length can be told apart, and Enter restores."""

from __future__ import annotations

from textual.widgets import OptionList

from reviewdesk.review.library import Library
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.history import HistoryScreen
from waiting import wait_for

# Each save changes a different answer by the same number of words: every
# version has the same word count, as eight "1,738 words" rows once did.
EDITS = [("watched", "An android noir."), ("happened", "Rouge hunts androids."),
         ("thought", "Gorgeous but confusing."), ("watched", "A Bones original.")]


def draft_with_versions(library_dir) -> tuple[Library, str]:
    lib = Library(library_dir)
    review = lib.create("Metallic Rouge (Season One)", season="Winter 2024")
    for qid, text in EDITS:
        review.set_answer(qid, text)
        lib.save(review)
    return lib, review.slug


async def test_each_version_says_what_changed_after_it_and_enter_restores_the_highlighted(library_dir):
    lib, slug = draft_with_versions(library_dir)
    app = ReviewDeskApp(library=lib, open_slug=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review")
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="the History dialog")
        options = app.screen.query_one(OptionList)
        rows = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert len(rows) == 4
        details = [row.split("\n", 1)[1] for row in rows]  # all but the number, time and word count
        assert len(set(details)) == 4, rows
        # Version 1 is the file before the last save: then "A Bones original." replaced the first answer.
        assert "then +3 −3 words in What did you watch?" in rows[0] and "“A Bones original.”" in rows[0]
        assert "then +3 words in What did you think?" in rows[1]
        assert "then +3 words in What happened?" in rows[2]

        await pilot.press("down", "enter")  # version 2: before "Gorgeous but confusing."
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review again")
        await wait_for(pilot, lambda: lib.load(slug).peek("thought").text == "", what="the restore")
        assert lib.load(slug).peek("happened").text == "Rouge hunts androids."
