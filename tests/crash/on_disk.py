"""What a killed app left on disk: the draft's answer and its crash journal."""

from __future__ import annotations

from reviewdesk.review import draftfile
from reviewdesk.review.journal import Journal
from reviewdesk.review.library import Library


def answer_on_disk(library: Library, slug: str, question: str = "watched") -> str:
    """The answer in the draft file; raises if the file is not a whole, valid draft."""
    return draftfile.read(library.path_for(slug)).peek(question).text


def journalled(library: Library, slug: str, text: str) -> bool:
    """The draft's crash journal holds ``text``."""
    folder = Journal(library, slug).folder
    return folder.is_dir() and any(text in p.read_text(errors="replace") for p in folder.glob("*.jsonl"))
