"""The sidebar: every question with its state and words, then the extras."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reviewdesk.review.model import Answer
from reviewdesk.tui.safe_text import one_line
from reviewdesk.review.template import Question

INFO_ID = "info"
MARKS = {"empty": "○", "started": "◐", "done": "●", "skipped": "⊘"}
INDENT = "\u00a0" * 3  # non-breaking: the words line stays indented under the heading


def question_prompt(number: int, question: Question, answer: Answer, colours: dict[str, str] | None = None) -> Text:
    """Two lines: state mark, number and heading; then words (of target), images.

    ``colours`` maps a state to a colour of the app theme (started: warning,
    done: success), so the marks follow the writer's theme."""
    colours = colours or {}
    state = "skipped" if answer.skipped else answer.state
    mark = MARKS[state]
    text = Text()
    text.append(f"{mark} ", style=f"bold {colours.get(state, '')}".strip() if state in colours else "dim")
    text.append(f"{number}. {one_line(question.heading)}", style="dim" if state in ("empty", "skipped") else "")
    if state == "skipped":
        text.append(f"\n{INDENT}skipped: left out of the post", style="dim italic")
        return text
    aim = answer.target or question.target
    words = f"{answer.words:,}" + (f"/{aim}" if aim else "")
    text.append(f"\n{INDENT}{words} words", style="dim")
    if aim and answer.words >= aim:
        text.append(" ✓", style=colours.get("done", ""))
    if answer.spoiler:
        text.append(" · spoiler", style="dim")
    if answer.images:
        text.append(f" · {len(answer.images)} image{'s' * (len(answer.images) != 1)}", style="dim")
    return text


class QuestionList(OptionList):
    """Jump to any question; shows empty ○, started ◐ and done ● at a glance."""

    DEFAULT_CSS = """
    QuestionList { width: 100%; height: 1fr; border: none; padding: 0; }
    QuestionList > .option-list--option { padding: 0 1; }
    """

    def __init__(self, questions: list[Question], answer_for: Callable[[str], Answer], **kwargs) -> None:
        options = [Option(question_prompt(n, q, answer_for(q.id)), id=q.id) for n, q in enumerate(questions, 1)]
        options.append(Option(Text(f"▤ Series Information\n{INDENT}and the review's details", style=""), id=INFO_ID))
        super().__init__(*options, **kwargs)
        self._questions = list(questions)
        self._answer_for = answer_for

    # A switch moves the highlight: only the entries it leaves and reaches are
    # drawn again (watch_highlighted), not the whole list.
    highlighted: reactive[int | None] = reactive(None, repaint=False)

    _lines_width: int | None = None
    _painting = False  # True while render_lines draws: the entries' lines are known

    def _update_lines(self) -> None:
        # OptionList measures each entry's lines at the width it has, and
        # keeps the count until an entry changes or the list is resized. A
        # scrollbar that appears as the entries grow narrows that width
        # without a resize, and a two-line heading wrapping onto a third
        # line then lost its words line: measure again when the width moves.
        # OptionList asks for this on every line it draws; once a paint has
        # brought the lines up to date, nothing changes them until it ends.
        if self._painting:
            return
        if self.scrollable_content_region:
            width = self.scrollable_content_region.width
            if width != self._lines_width:
                if self._lines_width is not None:
                    self._option_render_cache.clear()
                    self._line_cache.clear()
                self._lines_width = width
        super()._update_lines()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_lines()
        self._painting = True
        try:
            return super().render_lines(crop)
        finally:
            self._painting = False

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(new)
        for index in {old, new}:
            self._refresh_entry(index)

    def _entry_lines(self, index: int | None) -> tuple[int, int] | None:
        """(first line, line count) of entry ``index``, if it is laid out."""
        if index is None or not self.is_mounted:
            return None
        self._update_lines()
        try:
            return self._index_to_line[index], self._heights[index]
        except KeyError:
            return None

    def _refresh_entry(self, index: int | None) -> None:
        lines = self._entry_lines(index)
        if lines is None:
            self.refresh()
        else:
            self.refresh_lines(*lines)

    def colours(self) -> dict[str, str]:
        theme = self.app.current_theme
        return {"started": theme.warning or "yellow", "done": theme.success or "green"}

    def on_mount(self) -> None:
        self.refresh_all()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_all())

    def refresh_all(self) -> None:
        for index, q in enumerate(self._questions):
            self.refresh_question(index, self._answer_for(q.id))

    def refresh_question(self, index: int, answer: Answer) -> None:
        """Show the answer's latest state; a prompt that has not changed is
        left alone, as replacing one makes the list draw every option again
        (a question switch refreshes the one being left)."""
        q = self._questions[index]
        prompt = question_prompt(index + 1, q, answer, self.colours())
        option = self.get_option_at_index(index)
        if option.prompt == prompt:
            return
        lines = self._entry_lines(index)
        region = self.scrollable_content_region
        if lines is None or not region:
            self.replace_option_prompt_at_index(index, prompt)
            return
        # The same number of lines (a new word count, the usual case): only
        # this entry is drawn again. Replacing the prompt the OptionList way
        # measures and draws every entry.
        option._set_prompt(prompt)
        padding = self.get_component_styles("option-list--option").padding
        width = region.width - self._get_left_gutter_width() - padding.width
        height = self._get_visual(option).get_height(self.styles, width) + option._divider
        if height != lines[1]:
            self._clear_caches()
            return
        for key in [key for key in self._option_render_cache.keys() if key[0] is option]:
            self._option_render_cache.discard(key)
        self.refresh_lines(*lines)
