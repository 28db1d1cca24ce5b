"""The sidebar: every question with its state and words, then the extras."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reviewdesk.review.model import Answer
from reviewdesk.tui.safe_text import one_line
from reviewdesk.tui.theming import forget_theme_changes
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

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        # OptionList measures its entries at the width it has, and again on a
        # resize; a scrollbar appearing as the entries grow narrows it without
        # one, and an entry whose heading then wraps onto one more line would
        # lose its words line. Replacing a prompt measures every entry again.
        if self.option_count:
            self.replace_option_prompt_at_index(0, self.get_option_at_index(0).prompt)

    def colours(self) -> dict[str, str]:
        theme = self.app.current_theme
        return {"started": theme.warning or "yellow", "done": theme.success or "green"}

    def on_mount(self) -> None:
        self.refresh_all()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_all())

    def on_unmount(self) -> None:
        forget_theme_changes(self)

    def refresh_all(self) -> None:
        for index, q in enumerate(self._questions):
            self.refresh_question(index, self._answer_for(q.id))

    def refresh_question(self, index: int, answer: Answer) -> None:
        """Show the answer's latest state; a prompt that has not changed is
        left alone (a question switch refreshes the one being left)."""
        prompt = question_prompt(index + 1, self._questions[index], answer, self.colours())
        if self.get_option_at_index(index).prompt != prompt:
            self.replace_option_prompt_at_index(index, prompt)
