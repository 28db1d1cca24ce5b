"""Publishing: the finished post (``export``, put together once by
``post_parts``) in every target (``targets``: Markdown, WordPress, Ghost,
Hugo, Jekyll, Astro, HTML), front matter, spoilers, the code and HTML blocks
of the writer's Markdown, the clipboard and the export of a whole library.

May import: ``reviewdesk.review``, ``reviewdesk.config``, ``reviewdesk.errors``,
markdown-it-py, tomli-w, PyYAML and pyperclip. Never textual, the cli or the app.
"""
