"""Import: a review written elsewhere in Markdown becomes a draft (front
matter, headings matched to questions, images, the information table, the
template that fits best).

May import: ``reviewdesk.review``, ``reviewdesk.publish``, ``reviewdesk.config``
and ``reviewdesk.errors``. Never textual, the cli or the app.
"""
