"""Examples in empty fields: they read as examples, never as values.

Every example starts with "e.g." and is drawn dimmed and in italics (the
app's CSS styles every placeholder that way), so an empty field never looks
filled in. Where the review is known, the example comes from it.
"""

from __future__ import annotations

import re

_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")
_YOUR = re.compile(r"\byour\s+(.+?)[?.!]*$", re.IGNORECASE)


def example(text: str) -> str:
    """``text`` as an example: "e.g. Winter 2024"."""
    return f"e.g. {text}"


def work_name(title: str) -> str:
    """The work a review is about, from its title: "Metallic Rouge (Season One)"
    is about "Metallic Rouge"."""
    name = _PARENTHESIS.sub("", title).strip()
    return name or title.strip()


def caption_example(title: str, heading: str, first: bool = False) -> str:
    """An example caption for an image after the answer to ``heading`` in the
    review called ``title``: "e.g. Metallic Rouge, favourite moment" after
    "What was your favourite moment?"; the key visual after the first
    question (what was watched or read), a scene after the others."""
    name = work_name(title) or "The show"
    found = _YOUR.search(heading.strip())
    if found:
        return example(f"{name}, {found.group(1).strip()}")
    return example(f"{name} key visual" if first else f"{name}, a scene")
