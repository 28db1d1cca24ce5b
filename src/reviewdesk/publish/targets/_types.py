"""What a target gets and gives back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reviewdesk.publish.export import ExportOptions
from reviewdesk.review.model import Review
from reviewdesk.review.template import Template


@dataclass(frozen=True)
class Request:
    review: Review
    template: Template
    mates: Sequence[tuple[str, str]] = ()
    options: ExportOptions = field(default_factory=ExportOptions)


@dataclass(frozen=True)
class Rendered:
    """The exported post: its text and the file name it is saved under.

    ``notes`` are target-specific things the writer should know (e.g. that
    Ghost has no tables); they are advice, not errors.
    """

    text: str
    filename: str
    target: str
    notes: tuple[str, ...] = ()
