"""Settings and paths: where the library, settings, themes, templates and
trash live (``locations``), the writer's settings file, theme files, and
the problems found in them (``problems``).

May import: the standard library, platformdirs, tomli-w and
``reviewdesk.errors`` (and ``reviewdesk.review.atomic`` to write settings).
Never textual, the cli or the app.
"""
