"""Which addresses a review may hold: the published URL, image sources.

Both end up in a post as a link or an ``<img src>``, where an address such
as ``javascript:alert(1)``, ``vbscript:`` or ``data:text/html,...`` runs code
in a reader's browser. So the published URL must be a web address (http or
https, with a host), and an image source a web address or a path (relative,
like ``images/ep4.png``, or a file on this computer, also as a ``file:``
URI); every other scheme is refused. The scheme is read as a browser reads it: HTML entities decoded,
tabs and line breaks inside it dropped, leading spaces and controls skipped
(``java&#9;script:`` is ``javascript:``).

The model refuses a bad address as it is typed (:func:`check_page_url`,
:func:`check_image_source`); the export checks again (:func:`is_web_url`,
:func:`is_image_source`), since a draft can be edited by hand.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from reviewdesk.errors import ReviewDeskError

WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_INSIDE = re.compile(r"[\t\n\r]")
_LEADING = re.compile(r"^[\x00-\x20]+")
_DRIVE = re.compile(r"[A-Za-z]:[\\/]")  # C:\pictures\a.png: a Windows path, not a scheme
_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def scheme(address: str) -> str | None:
    """The scheme a browser would see in ``address`` (lower case), or None
    for a path."""
    if "&" in address:
        from html import unescape  # only then: html.entities costs every command 1.5 ms to import

        address = unescape(address)
    probe = _LEADING.sub("", _INSIDE.sub("", address))
    if _DRIVE.match(probe):
        return None
    m = _SCHEME.match(probe)
    return m.group(1).lower() if m else None


def is_web_url(address: str) -> bool:
    """An http or https address with a host (no spaces in it), and no
    control characters anywhere."""
    text = address.strip()
    if not text or _CONTROL.search(text) or scheme(text) not in WEB_SCHEMES:
        return False
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed [ in the host
        return False
    return (parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
            and not _SPACE_OR_CONTROL.search(parts.netloc))


def is_image_source(src: str) -> bool:
    """A web address, or a path: anything with no other scheme. A ``file:``
    address is a path written as a URI (a file manager's drag and drop; the
    publisher uploads the file it names), so it counts as one."""
    text = src.strip()
    if not text:
        return False
    found = scheme(text)
    return found is None or found == "file" or is_web_url(text)


def check_page_url(url: str) -> str:
    """The published URL, stripped; empty clears it. Raises for anything but
    an http(s) address."""
    text = url.strip()
    if text and not is_web_url(text):
        raise ReviewDeskError(f"the URL must be a web address starting with https:// or http:// "
                              f"(e.g. https://yourblog.example/metallic-rouge), not {_shown(text)}")
    return text


def check_image_source(src: str) -> str:
    """An image source, stripped. Raises for an empty one, and for any
    address but http(s) or a path."""
    text = src.strip()
    if not text:
        raise ReviewDeskError("an image needs a file path or URL")
    if not is_image_source(text):
        raise ReviewDeskError(f"an image source is a file path (e.g. images/episode-4.png) or a web address "
                              f"starting with https:// or http://, not {_shown(text)}: other addresses "
                              f"can run code in a reader's browser")
    return text


def _shown(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:79] + "…")
