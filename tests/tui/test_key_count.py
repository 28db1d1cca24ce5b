"""How many keys that are not text a writer presses, from launch to the seed
review's post on the clipboard (issue 18 counts them: 22 before, the aim 15
with the Series Information lookup). The text itself is put in through the
widgets; every other key is a real key press, counted."""

from __future__ import annotations

from textual.widgets import Input

from reviewdesk.review.library import Library
from reviewdesk.review.template import load_template
from reviewdesk.tui.app import ReviewDeskApp
from reviewdesk.tui.screens.new_review import NewReviewScreen
from reviewdesk.tui.widgets.editor import AnswerEditor
from samples import metallic_rouge as seed
from waiting import wait_for

KEYS_WITHOUT_IMAGES = 21  # n, Enter x3, ctrl+n x9, Tab x7, ctrl+l


class CountedKeys:
    """Real key presses, each counted; what the writer types goes in through
    the focused widget (:meth:`type_in`) and is not counted."""

    def __init__(self, pilot, app) -> None:
        self.pilot, self.app = pilot, app
        self.pressed: list[str] = []

    async def __call__(self, key: str) -> None:
        self.pressed.append(key)
        await self.pilot.press(key)
        await self.pilot.pause()

    def type_in(self, text: str) -> None:
        focused = self.app.focused
        if isinstance(focused, AnswerEditor):
            focused.insert(text)
        else:
            assert isinstance(focused, Input), focused
            focused.insert_text_at_cursor(text)


async def new_review_begun(pilot, app) -> CountedKeys:
    """From the library at launch to the seed review's first question: n, then
    Enter after the title, the season and the tagline (four keys, counted)."""
    press = CountedKeys(pilot, app)
    await wait_for(pilot, lambda: type(app.screen).__name__ == "LibraryScreen", what="the library")
    await press("n")
    assert isinstance(app.screen, NewReviewScreen)
    for text in (seed.TITLE, seed.SEASON, seed.TAGLINE):
        press.type_in(text)
        await press("enter")  # after the tagline: start writing
    await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor), what="the first question")
    return press


async def test_the_seed_review_from_launch_to_a_copied_post(library_dir, clipboard):
    template = load_template("anime-season")
    app = ReviewDeskApp(library=Library(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        press = await new_review_begun(pilot, app)
        type_in = press.type_in
        for question in template.questions:
            type_in(seed.ANSWERS[question.id])
            await press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.focused, Input), what="Series Information")
        for n, (_label, value) in enumerate(seed.INFO_TYPED):
            if n:
                await press("tab")
            type_in(value)
        await pilot.pause()
        await press("ctrl+l")
        await wait_for(pilot, lambda: clipboard, what="the copied post")

    post = clipboard[-1]
    assert post.startswith(f"# {seed.TITLE}\n\n{seed.TAGLINE}\n")
    for question in template.questions:
        assert seed.ANSWERS[question.id].split("\n\n")[0] in post
    for label, cell in seed.INFO_CELLS.items():
        assert f"| {label} | {cell} |" in post
    assert len(press.pressed) == KEYS_WITHOUT_IMAGES, press.pressed


# n, Enter x3, ctrl+n x8, F6 (from the last answer: Series Information and the
# lookup at once), Enter (the first entry fills the table), ctrl+l
KEYS_WITH_THE_LOOKUP = 15


async def test_with_the_lookup_the_table_takes_two_keys(library_dir, clipboard, web):
    """Series Information looked up (the local web answers with a recorded Jikan
    entry) instead of typed: F6 and Enter replace the last ctrl+n and the seven
    Tabs."""
    import json

    from lookup.web import recorded_json, serve
    from reviewdesk.tui.screens.lookup import LookupScreen

    serve(web, "/jikan/v4/anime", json.dumps({"data": [recorded_json("jikan-anime.json")["data"]]}))
    template = load_template("anime-season")
    app = ReviewDeskApp(library=Library(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        press = await new_review_begun(pilot, app)
        for n, question in enumerate(template.questions):
            if n:
                await press("ctrl+n")
            await wait_for(pilot, lambda: isinstance(app.focused, AnswerEditor)
                           and app.focused.question_id == question.id, what=question.id)
            app.focused.insert(seed.ANSWERS[question.id])
        await press("f6")  # in the editor: not TextArea's "select line"
        await wait_for(pilot, lambda: isinstance(app.screen, LookupScreen)
                       and app.screen.query_one("#lookup-results").option_count, what="the entries found")
        await press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the filled table")
        await press("ctrl+l")
        await wait_for(pilot, lambda: clipboard, what="the copied post")
    assert "| Episodes | 26 |" in clipboard[-1]  # from the recorded entry
    last = template.questions[-1]
    assert seed.ANSWERS[last.id].split("\n\n")[0] in clipboard[-1]  # the answer F6 was pressed in
    assert len(press.pressed) == KEYS_WITH_THE_LOOKUP, press.pressed
