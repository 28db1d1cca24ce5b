"""Import: a review written elsewhere in Markdown becomes a draft.

``markdown`` reads a post (``parse``) and saves it (``import_file``), with
the help of one module per part: ``front_matter``, ``headings`` (matched to
the questions), ``images`` (with their captions), ``series`` (the
information table), ``template_guess`` (the template that fits best) and
``blocks`` (markdown-it's tokens as blocks and plain text).

May import: ``reviewdesk.review``, ``reviewdesk.publish``, ``reviewdesk.config``,
``reviewdesk.errors`` and markdown-it-py. Never textual, the cli or the app.
"""
