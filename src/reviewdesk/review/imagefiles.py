"""What kind of image a file holds, from its first bytes, not its name.

A cover downloaded from the web and an image file about to be uploaded to a
blog are both checked here: an error page sent as ``image/jpeg``, or a file
that is not a picture at all (an imported draft can name any path on disk),
is refused before it goes anywhere.
"""

from __future__ import annotations

# The kinds a blog and a browser take, each with its usual extension and type.
KINDS = {".jpg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
         ".avif": "image/avif"}
NAMES = "JPEG, PNG, GIF, WebP or AVIF"


def image_kind(head: bytes) -> str | None:
    """The extension of the image whose first bytes are ``head`` (16 are
    enough), or None when they are not one of :data:`KINDS`."""
    if head.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return ".gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    if head[4:12] in (b"ftypavif", b"ftypavis"):
        return ".avif"
    return None
