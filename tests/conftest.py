"""Shared fixtures for every test layer.

The autouse fixture points the library, the config folder and the cache at
fresh temporary folders, so a developer's own drafts, settings, themes,
templates and cached lookups never leak into a run (and a run never writes
into them); the lookup's addresses and keys from the developer's
environment are cleared, so no test reaches the real services.
"""

from __future__ import annotations

import pytest

# The lookup's local web (the ``web`` fixture), for the core's tests and the app's.
pytest_plugins = ("lookup.web",)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """REVIEWDESK_LIBRARY, REVIEWDESK_CONFIG_DIR and REVIEWDESK_CACHE_DIR in tmp_path."""
    library = tmp_path / "library"
    config = tmp_path / "config"
    library.mkdir()
    config.mkdir()
    monkeypatch.setenv("REVIEWDESK_LIBRARY", str(library))
    monkeypatch.setenv("REVIEWDESK_CONFIG_DIR", str(config))
    monkeypatch.setenv("REVIEWDESK_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("JIKAN", "ANILIST", "TMDB", "TMDB_IMAGES", "OPENLIBRARY", "OPENLIBRARY_COVERS", "IGDB",
                 "IGDB_IMAGES", "TWITCH"):
        monkeypatch.delenv(f"REVIEWDESK_{name}_URL", raising=False)
    for name in ("TMDB_TOKEN", "IGDB_CLIENT_ID", "IGDB_CLIENT_SECRET"):
        monkeypatch.delenv(f"REVIEWDESK_{name}", raising=False)
    # Subprocesses inherit these; tmux/OSC 52 detection must not depend on the
    # developer's terminal either.
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.delenv("REVIEWDESK_FORCE_APP", raising=False)
    return library, config


@pytest.fixture
def library_dir(isolated_dirs):
    """The library folder the environment points at."""
    return isolated_dirs[0]


@pytest.fixture
def config_dir(isolated_dirs):
    """The config folder the environment points at."""
    return isolated_dirs[1]


@pytest.fixture
def library(library_dir):
    """A Library on the isolated library folder."""
    from reviewdesk.review.library import Library

    return Library(library_dir)


@pytest.fixture
def write_draft(library):
    """``write_draft(watched="...", happened="...")``: a review saved in
    ``library`` with those answers, "Metallic Rouge (Season One)" of Winter
    2024 unless ``title`` and ``season`` say otherwise; the Review."""

    def write(title: str = "Metallic Rouge (Season One)", season: str = "Winter 2024", **answers: str):
        review = library.create(title, season=season)
        for question, text in answers.items():
            review.set_answer(question, text)
        library.save(review)
        return review

    return write


@pytest.fixture
def sample(library):
    """The complete Metallic Rouge review and its season mates, saved in ``library``."""
    from samples import metallic_rouge

    return metallic_rouge.build(library)


@pytest.fixture
def clipboard(monkeypatch):
    """Capture what the app copies: a list of texts the 'system clipboard' got."""
    from reviewdesk.publish import clipboard as clipboard_module

    copied: list[str] = []

    def fake_copy(text: str) -> str:
        copied.append(text)
        return "system clipboard"

    monkeypatch.setattr(clipboard_module, "copy_system", fake_copy)
    return copied


@pytest.fixture
def cli(capsys, monkeypatch):
    """``cli("new", "Title")`` runs ``reviewdesk new Title`` in this process and
    returns a Result (``code, out, err = cli(...)`` too); ``stdin=`` gives it
    standard input."""
    from command_line import run

    def call(*argv: str, stdin: bytes | str | None = None):
        return run(capsys, monkeypatch, *argv, stdin=stdin)

    return call


@pytest.fixture
def record_calls(monkeypatch):
    """``record_calls(owner, "name", keep)``: from now on, every call to ``owner.name``
    still happens and adds ``keep(*its arguments)`` (the arguments, unless
    told) to the list returned; for counting reads and listings."""

    def record(owner, name: str, keep=lambda *args, **kwargs: args):
        seen: list = []
        original = getattr(owner, name)

        def recording(*args, **kwargs):
            seen.append(keep(*args, **kwargs))
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, recording)
        return seen

    return record
