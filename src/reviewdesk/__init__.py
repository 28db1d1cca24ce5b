"""Review Desk: write structured reviews in the terminal, export Markdown."""

__version__ = "0.1.0"
