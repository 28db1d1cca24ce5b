"""The review and its file: the model, question templates, the TOML draft
file (read with tomli, written with tomli-w) and its atomic writes, the
library folder and its index, history, locks, the crash journal, and the
editing session (``session``: a draft open for writing, with autosave,
recovery and three-way merges of changes made elsewhere, ``merge``) that the
app and the command line drive.

May import: the standard library, tomli, tomli-w, ``reviewdesk.errors`` and
``reviewdesk.config``. Never textual, the cli or the app.
"""
