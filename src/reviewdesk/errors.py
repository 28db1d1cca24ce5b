"""The errors the core raises: each carries a message a writer can act on."""

from __future__ import annotations


class ReviewDeskError(Exception):
    """Base of every error Review Desk reports to the writer.

    ``str(error)`` is one clear line; the command line prints it and exits
    non-zero, the app shows it in a notification.
    """


class DraftError(ReviewDeskError):
    """A draft file that cannot be read (bad TOML, newer format, bad field)."""

    def __init__(self, path, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.line = line
        self.column = column
        self.reason = message
        where = f"{path}"
        if line is not None:
            where += f": line {line}, column {column}"
        super().__init__(f"{where}: {message}")


class TemplateError(ReviewDeskError):
    """A template file that is missing, unreadable or invalid."""


class NotFound(ReviewDeskError):
    """An unknown slug, question, field or template."""


class SaveError(ReviewDeskError):
    """Writing a draft failed; the previous file is intact."""


class ClipboardError(ReviewDeskError):
    """No clipboard could be reached."""


class LookupFailed(ReviewDeskError):
    """Series Information could not be looked up (no network, a refused key,
    an answer that makes no sense); the draft is untouched."""


class MissingKey(LookupFailed):
    """A source needs a key the writer has not given; says where to get one."""


class RateLimited(LookupFailed):
    """The source said to slow down, and still did after one wait."""

    def __init__(self, message: str, retry_after: float):
        self.retry_after = retry_after
        super().__init__(message)


class Cancelled(LookupFailed):
    """The writer cancelled a lookup while it waited."""


class PublishError(ReviewDeskError):
    """Publishing to a blog could not be done, or not all of it; the message
    says what the blog answered and what to do, and never holds a secret."""
