"""The review and its file: the model, question templates, the TOML draft
file and its atomic writes, the library folder and its index, history,
locks and the crash journal.

May import: the standard library, tomli-w, platformdirs, ``reviewdesk.errors``
and ``reviewdesk.config``. Never textual, the cli or the app.
"""
