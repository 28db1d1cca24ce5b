"""Textual's stylesheet, parsing each piece of CSS once per set of colours.

Textual keeps a cache of parsed CSS, but ``reparse()`` parses everything in
a fresh stylesheet and drops what it parsed, and ``set_variables()`` empties
the cache even when the variables are the ones it already has. At start-up
the app's CSS was parsed six times over (the theme, the library's CSS, each
new kind of widget): a fifth of the time to the first screen. This one keeps
what ``reparse()`` parsed, and keeps the cache while the variables (the
theme's colours, which parsed rules depend on) stay the same.
"""

from __future__ import annotations

from textual.cache import LRUCache
from textual.css.stylesheet import Stylesheet


class CachingStylesheet(Stylesheet):
    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        # Room for every piece of the app's CSS (Textual keeps 64; the review
        # screen's widgets alone bring about as many).
        self._parse_cache = LRUCache(256)

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables == self._variables:
            return
        super().set_variables(variables)

    def reparse(self) -> None:
        cache = self._parse_cache
        fresh = Stylesheet(variables=self._variables)
        fresh._parse_cache = cache  # the same variables: what is cached still holds
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(css, read_from=read_from, is_default_css=is_defaults,
                             tie_breaker=tie_breaker, scope=scope)
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False
