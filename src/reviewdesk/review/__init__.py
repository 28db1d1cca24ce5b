"""The review and its file: the model, question templates, the TOML draft
file (read with tomli, written with tomli-w) and its atomic writes, the
library folder and its index, history, locks and the crash journal.

May import: the standard library, tomli, tomli-w, ``reviewdesk.errors`` and
``reviewdesk.config``. Never textual, the cli or the app.
"""
