"""The export targets' ids and names, apart from the targets themselves.

``TARGETS`` maps each target's id to a label, in the order a menu shows them;
``ALIASES`` are other names a setting or a writer may use. Kept out of
:mod:`reviewdesk.publish.targets` so that the command line's parser can name
and check the targets without importing any of them.
"""

from __future__ import annotations

from reviewdesk.errors import ReviewDeskError

TARGETS: dict[str, str] = {
    "markdown": "Markdown (plain GFM)",
    "wordpress": "WordPress (paste into the block editor)",
    "ghost": "Ghost (paste into the editor)",
    "hugo": "Hugo (TOML front matter)",
    "jekyll": "Jekyll (YAML front matter)",
    "astro": "Astro (blog template)",
    "html": "HTML fragment",
}
ALIASES = {"plain": "markdown", "md": "markdown", "yaml": "jekyll", "wp": "wordpress"}


class UnknownTarget(ReviewDeskError):
    pass


def resolve(target: str) -> str:
    """The target id for a name or alias; :class:`UnknownTarget` otherwise."""
    name = target.strip().lower()
    name = ALIASES.get(name, name)
    if name not in TARGETS:
        raise UnknownTarget(f"unknown export target {target!r}; known: {', '.join(TARGETS)}")
    return name
