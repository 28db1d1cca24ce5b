"""Text for the screen: a writer's control characters shown, never sent raw.

The core's one policy (:mod:`reviewdesk.review.text`), as the command line
uses it: a pasted escape sequence never reaches the terminal through the
preview, the library list or a title.
"""

from __future__ import annotations

from reviewdesk.review.text import has_controls, one_line, visible

__all__ = ["has_controls", "one_line", "visible"]
