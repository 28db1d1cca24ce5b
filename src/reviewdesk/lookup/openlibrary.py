"""Open Library, for books (no key; asked to be gentle: one request a second).

Search is ``GET /search.json?q=...``, whose documents hold all the review
needs (title, authors, first year, publishers, subjects, cover id); a work
named in a draft is found again with ``q=key:"/works/<id>"``. Subjects fill
Genres (the first few, as Open Library lists them); the publisher is the
first one listed.
"""

from __future__ import annotations

import string
from typing import Any

from reviewdesk.errors import LookupFailed
from reviewdesk.lookup.base import Candidate, Context, Entry, broken, optional, present, required, text, unique, whole
from reviewdesk.lookup.http import Service

SERVICE = Service("openlibrary", "Open Library", "https://openlibrary.org", ((1.0, 1), (60.0, 60)))
COVERS = Service("openlibrary_covers", "Open Library covers", "https://covers.openlibrary.org")
KIND = "book"
LABEL = SERVICE.label
LIMIT = 10
SUBJECTS = 5  # Genres from the first subjects; a work can have hundreds
FIELDS = "key,title,author_name,first_publish_year,publisher,subject,cover_i,edition_count"


def _docs(answer: Any) -> list:
    docs = answer.get("docs") if isinstance(answer, dict) else None
    if not isinstance(docs, list):
        raise broken(LABEL, "its list of results ('docs')")
    return docs


def search(ctx: Context, query: str) -> list[Candidate]:
    answer = ctx.client.get("/search.json", {"q": query, "limit": LIMIT, "fields": FIELDS})
    return [candidate(doc) for doc in _docs(answer)]


def fetch(ctx: Context, entry_id: int | str) -> Candidate:
    work = str(entry_id).strip().removeprefix("/works/")
    if not work.startswith("OL") or not work.endswith("W") or not work[2:-1].isdecimal():
        raise broken(LABEL, f"a work id like OL45883W (the draft's [lookup] id is {entry_id!r})")
    docs = _docs(ctx.client.get("/search.json", {"q": f'key:"/works/{work}"', "limit": 1, "fields": FIELDS}))
    if not docs:
        raise LookupFailed(f"{LABEL} has no work {work} any more; search again with a QUERY")
    return candidate(docs[0])


def candidate(doc: Any) -> Candidate:
    key = required(doc, "key", str, LABEL)
    title = text(required(doc, "title", str, LABEL))
    authors = unique([a for a in optional(doc, "author_name", list, LABEL) or [] if isinstance(a, str)])
    detail = f"by {', '.join(authors[:3])}" if authors else ""
    return Candidate("openlibrary", key.removeprefix("/works/"), title, whole(doc.get("first_publish_year")),
                     "book", detail, doc)


def _subject(subject: str) -> str:
    """"science fiction" as "Science Fiction"; "LGBT" as it is."""
    return string.capwords(subject) if subject == subject.lower() else subject


def entry(ctx: Context, found: Candidate) -> Entry:
    doc = found.raw
    authors = unique([a for a in optional(doc, "author_name", list, LABEL) or [] if isinstance(a, str)])
    publishers = unique([p for p in optional(doc, "publisher", list, LABEL) or [] if isinstance(p, str)])
    subjects = unique([_subject(s) for s in optional(doc, "subject", list, LABEL) or [] if isinstance(s, str)])
    first = whole(doc.get("first_publish_year"))
    values: dict = {
        "title": found.title,
        "author": authors,
        "published": str(first) if first else None,
        "publisher": publishers[0] if publishers else None,
        "genres": subjects[:SUBJECTS],
    }
    cover_id = whole(doc.get("cover_i"))
    cover = f"{ctx.address(COVERS)}/b/id/{cover_id}-L.jpg" if cover_id else ""
    return Entry("openlibrary", found.id, found.title, present(values), cover,
                 f"https://openlibrary.org/works/{found.id}")
