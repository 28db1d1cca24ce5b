"""How a post is made: heading level, title, other shows, spoiler warning.

Its own small module so the app can hold the writer's choices from the start
without importing the exporter (and its HTML and spoiler helpers) until a
post is made.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportOptions:
    heading_level: int = 2
    include_title: bool = True
    include_other_shows: bool = True
    spoiler_warning: bool = False  # a warning line under the title when the post has spoilers

    def __post_init__(self):
        if not 1 <= self.heading_level <= 6:
            raise ValueError("heading level must be 1 to 6")
