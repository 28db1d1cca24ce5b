"""The writer's aids: checks before publishing, spelling and the writer's
word list, progress against word targets, seasons at a glance.

May import: ``reviewdesk.review``, ``reviewdesk.publish``, ``reviewdesk.config``,
``reviewdesk.errors``, markdown-it-py and pyspellchecker. Never textual, the cli
or the app.
"""
