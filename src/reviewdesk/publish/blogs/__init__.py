"""Publishing to a blog: WordPress (REST API), Ghost (Admin API), Micropub.

``accounts`` knows the writer's blogs; ``content`` makes the post (the
WordPress target's HTML, excerpt, slug, tags) and finds its images;
``uploads`` remembers which images each account's blog already has;
``wordpress``, ``ghost`` and ``micropub`` talk to one service each over
``http``; ``publisher`` plans a publish (nothing sent) and carries it out:
images first, then the post, then the record in the draft.

May import: ``reviewdesk.publish``, ``reviewdesk.review``, ``reviewdesk.config``,
``reviewdesk.errors``, httpx, PyJWT (ghost) and markdown-it-py. Never textual,
the cli or the app. httpx and PyJWT are imported by the modules that send,
so planning a publish (``--dry-run``) loads neither.
"""
