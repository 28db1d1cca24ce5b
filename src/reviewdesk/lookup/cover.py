"""A cover image from the web into the library: ``images/<slug>-cover.jpg``.

The download is refused past 10 MB, when the server does not call it an
image (JPEG, PNG, WebP or GIF), or when its first bytes are not that image:
an error page sent as ``image/jpeg`` never becomes a cover. The file is
written atomically; the path returned is relative to the library folder, as
the review's ``cover`` field keeps it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from reviewdesk.errors import LookupFailed
from reviewdesk.review.imagefiles import image_kind
from reviewdesk.lookup.http import TIMEOUT, USER_AGENT, Cancel, read_limited, tls_context, translated

MAX_BYTES = 10 * 1024 * 1024
TYPES = {"image/jpeg": ".jpg", "image/jpg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif"}
FOLDER = "images"


def download(url: str, cancel: Cancel | None = None) -> tuple[bytes, str]:
    """(the image's bytes, its file extension)."""
    import httpx

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LookupFailed(f"the cover's address is not a web address: {url[:80]!r}")
    host = parts.netloc
    label = f"the cover's server ({host})"

    class _Reader:  # what read_limited needs: the host, and a cancel to check between chunks
        def __init__(self) -> None:
            self.host = host
            self.cancel = cancel or Cancel()

    with translated(label, host):
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True, verify=tls_context(),
                          headers={"User-Agent": USER_AGENT}) as http:
            with http.stream("GET", url) as response:
                if response.status_code != 200:
                    raise LookupFailed(f"the cover could not be downloaded (HTTP {response.status_code} from "
                                       f"{host}); the review was not changed")
                kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                extension = TYPES.get(kind)
                if extension is None:
                    raise LookupFailed(f"the cover from {host} is not a JPEG, PNG, WebP or GIF image "
                                       f"({kind or 'no type given'}); the review was not changed")
                data = read_limited(response, MAX_BYTES, _Reader())
    if image_kind(data[:16]) != extension:
        raise LookupFailed(f"the cover from {host} is not the {extension[1:].upper()} image it claims to be; "
                           "the review was not changed")
    return data, extension


def save(library_root: Path, slug: str, data: bytes, extension: str) -> str:
    """Write the cover into the library; returns its library-relative path."""
    from reviewdesk.review.atomic import atomic_write

    relative = f"{FOLDER}/{slug}-cover{extension}"
    path = Path(library_root) / relative
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except OSError as exc:
        raise LookupFailed(f"cannot save the cover as {path}: {exc.strerror or exc}; the review was not changed") from None
    return relative
