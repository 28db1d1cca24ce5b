"""Publishing: the finished post in every target (Markdown, WordPress, Ghost,
Hugo, Jekyll, Astro, HTML), front matter, spoilers, the clipboard and the
export of a whole library.

May import: ``reviewdesk.review``, ``reviewdesk.config``, ``reviewdesk.errors``
and markdown-it-py. Never textual, the cli or the app.
"""
