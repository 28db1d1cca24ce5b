"""The sidebar: every question with its state and words, then the extras."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reviewdesk.model import Answer
from reviewdesk.template import Question

INFO_ID = "info"
STATE_MARKS = {"empty": ("○", "dim"), "started": ("◐", "bold $warning"), "done": ("●", "bold $success")}


def question_prompt(number: int, question: Question, answer: Answer, width: int = 26) -> Text:
    mark, _ = STATE_MARKS[answer.state]
    style = {"empty": "dim", "started": "", "done": "green"}[answer.state]
    heading = question.heading
    if len(heading) > width:
        heading = heading[: width - 1] + "…"
    words = f"{answer.words}" + (f"/{question.target}" if question.target else "")
    text = Text()
    text.append(f"{mark} ", style="bold green" if answer.state == "done" else ("yellow" if answer.state == "started" else "dim"))
    text.append(f"{number}. {heading}\n", style=style)
    text.append(f"     {words} words", style="dim")
    if answer.images:
        text.append(f" · {len(answer.images)} img", style="dim")
    return text


class QuestionList(OptionList):
    """Jump to any question; shows empty ○, started ◐ and done ● at a glance."""

    DEFAULT_CSS = """
    QuestionList { width: 100%; height: 1fr; border: none; padding: 0; }
    QuestionList > .option-list--option { padding: 0 1; }
    """

    def __init__(self, questions: list[tuple[Question, Answer]], **kwargs) -> None:
        options = [Option(question_prompt(n, q, a), id=q.id) for n, (q, a) in enumerate(questions, 1)]
        options.append(Option(Text("▤ Series Information\n     the facts table"), id=INFO_ID))
        super().__init__(*options, **kwargs)
        self._questions = [q for q, _ in questions]

    def refresh_question(self, index: int, answer: Answer) -> None:
        q = self._questions[index]
        self.replace_option_prompt_at_index(index, question_prompt(index + 1, q, answer))
