"""What a post's front matter gives its draft: the tagline (summary,
description or excerpt), the dates, the season (a season field or a single
category), the genres (tags), draft or published; every other field is kept
in the draft as it was."""

from __future__ import annotations

import re

from reviewdesk.publish.markdown_text import one_line
from reviewdesk.importer.series import info_field
from reviewdesk.review.model import Review, aware_datetime, normalize_text
from reviewdesk.review.template import Template


USED = {"title", "summary", "description", "excerpt", "date", "pubdate", "publishdate", "lastmod",
            "updated", "updateddate", "tags", "season", "categories", "draft", "published"}
OURS = {"layout", "slug", "images", "heroimage"}


def toml_safe(value):
    if value is None:
        return None
    if isinstance(value, dict):
        return {str(k): v for k, v in ((k, toml_safe(v)) for k, v in value.items()) if v is not None}
    if isinstance(value, list):
        return [v for v in (toml_safe(v) for v in value) if v is not None]
    return value


def apply_front_matter(meta: dict, meta_ci: dict, kind: str, review: Review, template: Template,
                        notes: list[str]) -> None:
    if not meta:
        return
    if not review.tagline:
        for key in ("summary", "description", "excerpt"):
            value = meta_ci.get(key)
            if isinstance(value, str) and value.strip():
                review.tagline = normalize_text(value).strip("\n").rstrip()
                break
    for key in ("date", "pubdate", "publishdate"):
        when = aware_datetime(meta_ci.get(key))
        if when:
            review.created = when
            break
    for key in ("lastmod", "updateddate", "updated"):
        when = aware_datetime(meta_ci.get(key))
        if when:
            review.updated = max(when, review.created)
            break
    else:
        review.updated = max(review.updated, review.created)
    if not review.season:
        season = meta_ci.get("season")
        cats = meta_ci.get("categories")
        if isinstance(season, str) and season.strip():
            review.season = one_line(season)
        elif isinstance(cats, list) and len(cats) == 1 and isinstance(cats[0], str):
            review.season = one_line(cats[0])
        elif isinstance(cats, str) and cats.strip() and "," not in cats:
            review.season = one_line(cats)
    tags = meta_ci.get("tags")
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,\s]+", tags) if t]
    if isinstance(tags, list) and tags:
        genres = info_field(template, "genres")
        if genres is not None and genres.id not in review.info:
            review.info[genres.id] = [one_line(str(t)) for t in tags]
    draft = meta_ci.get("draft")
    published = meta_ci.get("published")
    if draft is True or published is False:
        review.status = "draft"
    elif draft is False or published is True:
        review.status = "published"
    unknown = {k: v for k, v in meta.items() if str(k).casefold() not in USED | OURS}
    kept = toml_safe(unknown)
    if kept:
        review.extra["front_matter"] = kept
        notes.append(f"Front matter fields kept in the draft as they were: {', '.join(map(str, kept))}.")
