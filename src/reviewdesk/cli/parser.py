"""The argument parser: every command, its arguments and its help."""

from __future__ import annotations

import argparse

from reviewdesk import __version__
from reviewdesk.cli import (accounts, catalogue, drafts, importing, listing, lookup, posts, publishing, start,
                            versions)
from reviewdesk.config import locations
from reviewdesk.publish.target_names import TARGETS, UnknownTarget, resolve
from reviewdesk.review.template import DEFAULT_TEMPLATE


# reviewdesk.publish.blogs.accounts.SERVICES, without importing it (a test keeps them equal).
BLOG_SERVICES = ("wordpress", "ghost", "micropub")


def _target(value: str) -> str:
    try:
        return resolve(value)
    except UnknownTarget as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                        help=f"the folder of drafts (default: ${locations.LIBRARY_ENV} or the user data folder)")
    parser = argparse.ArgumentParser(
        prog="reviewdesk", parents=[common],
        description="Write structured reviews question by question; export them as Markdown.",
        epilog="Run without a command to open the app.")
    parser.add_argument("--version", action="version", version=f"reviewdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name, func, help_text):
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("new", drafts.cmd_new, "Start a review; prints its slug.")
    p.add_argument("title")
    p.add_argument("--season", help='e.g. "Winter 2024"')
    p.add_argument("--template", default=DEFAULT_TEMPLATE, help=f"question set (default {DEFAULT_TEMPLATE})")
    p.add_argument("--tagline", help="the one-paragraph synopsis readers see first")

    p = add("list", listing.cmd_list, "List the drafts: slug, title, season, status, answered/total, words.")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--season", metavar="S", help="only the reviews of this season (any case)")
    p.add_argument("--status", choices=("draft", "ready", "published"), help="only the reviews with this status")

    p = add("show", listing.cmd_show, "Show a draft's state, question by question.")
    p.add_argument("slug")

    p = add("answer", drafts.cmd_answer, "Set an answer from a file or standard input.")
    p.add_argument("slug")
    p.add_argument("question", help="question id or number (1 = the first)")
    p.add_argument("--file", "-f", help="read the answer from this file")
    p.add_argument("--clear", action="store_true", help="empty the answer")

    for name, func, help_text in (
        ("done", drafts.cmd_done, "Mark an answer done (or not, with --undo)."),
        ("skip", drafts.cmd_skip, "Skip a question on purpose: left out of the export, no warning (--undo)."),
        ("spoiler", drafts.cmd_spoiler, "Mark a whole answer as a spoiler, folded away on export (--undo). "
                                        "For a passage, put it between a ':::spoiler' line and a ':::' line."),
    ):
        p = add(name, func, help_text)
        p.add_argument("slug")
        p.add_argument("question")
        p.add_argument("--undo", action="store_true")

    p = add("target", drafts.cmd_target, "Set this review's word target for a question ('default' for the template's).")
    p.add_argument("slug")
    p.add_argument("question")
    p.add_argument("words", help="a whole number of words, or 'default'")

    p = add("info", drafts.cmd_info, "Set a Series Information field.")
    p.add_argument("slug")
    p.add_argument("field", help='field id or label, any case ("Animation Studios")')
    p.add_argument("value", help="lists are comma-separated; an empty value clears the field")

    p = add("lookup", lookup.cmd_lookup, "Fill the Series Information from the web (MyAnimeList via Jikan, "
                                         "AniList, TMDB, Open Library, IGDB): lists candidates, --pick N fills.")
    p.add_argument("slug")
    p.add_argument("query", nargs="?", help="what to search for (default: the review's title without a "
                                            "\"(Season One)\"-style suffix, or the entry the draft was filled from)")
    p.add_argument("--source", choices=lookup.SOURCES,
                   help="where to look (default by template: anime Jikan, film TMDB, book Open Library, game IGDB)")
    p.add_argument("--pick", type=int, metavar="N", help="fill the fields from candidate N (1 = the first)")
    p.add_argument("--force", action="store_true", help="replace the fields you already filled too")
    p.add_argument("--cover", action="store_true", help="save the cover image into the library as the review's cover")
    p.add_argument("--json", action="store_true", help="print the candidates or the result as JSON")

    p = add("image", drafts.cmd_image, "Add an image with a caption after a question's answer.")
    p.add_argument("slug")
    p.add_argument("question")
    p.add_argument("src", help="file path or URL")
    p.add_argument("--caption", "-c", default="", help="shown under the image")

    p = add("set", drafts.cmd_set, "Set the title, tagline, season, status, published URL, score or verdict line.")
    p.add_argument("slug")
    p.add_argument("field", choices=drafts.EDIT_FIELDS)
    p.add_argument("value")

    p = add("open", start.cmd_open, "Open the app on a review, at its first unanswered question.")
    p.add_argument("slug")

    for name, func, text in (("export", posts.cmd_export, "Export the post (standard output by default), or the "
                                                     "whole library with --all."),
                             ("copy", posts.cmd_copy, "Copy the post to the clipboard.")):
        p = add(name, func, text)
        p.add_argument("slug", nargs="?" if name == "export" else None)
        p.add_argument("--target", "-t", type=_target, default="markdown", metavar="T",
                       help=f"where it is going: {', '.join(TARGETS)} (default markdown)")
        p.add_argument("--heading-level", type=int, choices=range(1, 7), default=2, metavar="N",
                       help="level of the question headings (default 2: ##)")
        p.add_argument("--no-title", action="store_true", help="leave out the # title line")
        p.add_argument("--spoiler-warning", action="store_true",
                       help="put a spoiler warning under the title when the post has spoilers")
        if name == "export":
            p.add_argument("-o", "--output", metavar="FILE",
                           help="write to FILE (or into a folder) instead; with --all, the folder (default .)")
            p.add_argument("--all", action="store_true", help="export every review, one file each")
            p.add_argument("--season", metavar="S", help="with --all: only the reviews of this season")
            p.add_argument("--force", action="store_true",
                           help="write even over a draft or inside the library (what it replaces is kept: "
                                "a draft in its history, another file in the trash)")
        else:
            p.add_argument("--osc52", action="store_true",
                           help="send it to the terminal's clipboard (OSC 52), e.g. over SSH")

    p = add("publish", publishing.cmd_publish, "Send a review to your blog: a draft post there, images uploaded; "
                                               "publishing again updates the same post.")
    p.add_argument("slug")
    p.add_argument("--to", required=True, choices=BLOG_SERVICES, help="the kind of blog")
    p.add_argument("--account", metavar="NAME", help="which account (see `reviewdesk accounts list`); default: "
                                                     "the environment's, or the one account of that kind")
    p.add_argument("--status", choices=("draft", "publish"), default="draft",
                   help="draft (the default) or publish: goes live now. A live post is never made a draft again")
    p.add_argument("--dry-run", action="store_true", help="show what would be sent (post fields, images to "
                                                          "upload) and send nothing")
    p.add_argument("--new", action="store_true", help="create a new post even if the review was published before "
                                                      "(e.g. its post was deleted on the blog)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = add("accounts", accounts.cmd_list, "The blogs you publish to: list (the default), add or remove.")
    p.add_argument("--json", action="store_true", help="machine-readable output (list)")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    a = actions.add_parser("list", parents=[common], help="list the accounts (no secrets)")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    a.set_defaults(func=accounts.cmd_list)
    a = actions.add_parser("add", parents=[common], help="add an account; the secret is asked for, or read with "
                                                         "--password-stdin, and kept in the system keyring",
                           description="Add a blog account. WordPress: an application password (Users → Profile "
                                       "→ Application Passwords); Ghost: an Admin API key ID:SECRET (Settings → "
                                       "Integrations); Micropub: a token with the create, update and media "
                                       "scopes.")
    a.add_argument("service", choices=BLOG_SERVICES)
    a.add_argument("--site", required=True, metavar="URL", help="the blog's address, e.g. https://blog.example")
    a.add_argument("--user", metavar="USER", help="WordPress: the user the application password belongs to")
    a.add_argument("--name", metavar="NAME", help="the account's name (default: the service's); drafts record "
                                                  "posts under it")
    a.add_argument("--password-stdin", action="store_true",
                   help="read the password, key or token from the first line of standard input")
    a.set_defaults(func=accounts.cmd_add)
    a = actions.add_parser("remove", parents=[common], help="remove an account and its secret")
    a.add_argument("name")
    a.set_defaults(func=accounts.cmd_remove)

    p = add("import", importing.cmd_import, "Turn a review written in Markdown into a draft; prints its slug.")
    p.add_argument("file", metavar="FILE.md", help="the Markdown file (- for standard input)")
    p.add_argument("--template", metavar="ID",
                   help="question set to match the headings to (default: the one that matches best)")

    p = add("check", posts.cmd_check, "List what to fix before publishing; exits 1 if anything.")
    p.add_argument("slug")
    p.add_argument("--no-spelling", action="store_true", help="leave out the spelling check")
    p.add_argument("--paragraph-words", type=int, default=250, metavar="N",
                   help="flag paragraphs longer than N words (default 250)")

    p = add("delete", drafts.cmd_delete, "Move a draft to the library's trash.")
    p.add_argument("slug")

    p = add("history", versions.cmd_history, "List a draft's earlier versions: number, time saved, words, size, and what changed after each.")
    p.add_argument("slug")

    p = add("restore", versions.cmd_restore, "Bring back an earlier version of a draft (undo: restore version 1).")
    p.add_argument("slug")
    p.add_argument("version", help="its number in `reviewdesk history SLUG` (1 = the newest)")

    p = add("templates", catalogue.cmd_templates, "List the question sets, or check a template file.")
    p.add_argument("--check", metavar="FILE", help="validate a template file; names the field at fault")

    p = add("season", listing.cmd_season, "List the seasons, or show one: every review, its progress, what is left.")
    p.add_argument("name", nargs="?", help='e.g. "Winter 2024" (any case)')
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = add("words", catalogue.cmd_words, "Your word list for the spelling check: list, add or remove words.")
    p.add_argument("action", choices=("list", "add", "remove"), nargs="?", default="list")
    p.add_argument("word", nargs="*")

    p = add("themes", catalogue.cmd_themes, "List the colour themes (* marks the chosen one), or check a theme file.")
    p.add_argument("--check", metavar="FILE", help="validate a theme file and measure its contrast")
    return parser
