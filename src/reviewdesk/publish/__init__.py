"""Publishing: the finished post (``export``, put together once by
``post_parts``) in every target (``targets``: Markdown, WordPress, Ghost,
Hugo, Jekyll, Astro, HTML), front matter, spoilers, the code and HTML blocks
of the writer's Markdown, the clipboard, the export of a whole library, and
publishing to a blog (``blogs``).

May import: ``reviewdesk.review``, ``reviewdesk.config``, ``reviewdesk.errors``,
markdown-it-py, tomli-w, PyYAML, pyperclip, and httpx and PyJWT (in ``blogs``,
only when sending). Never textual, the cli or the app.
"""
