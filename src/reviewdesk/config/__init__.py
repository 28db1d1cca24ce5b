"""Settings and paths: where the library, settings, themes, templates and
trash live (``locations``), the writer's settings file, theme files and
the problems found in them (``problems``), and the secrets of the blog
accounts (``secrets``).

May import: the standard library, platformdirs, tomli-w, keyring (in
``secrets`` only) and ``reviewdesk.errors`` (and ``reviewdesk.review.atomic``
to write settings and secrets).
Never textual, the cli or the app.
"""
