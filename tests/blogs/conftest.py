"""Publishing to blogs: a real WordPress, local Ghost and Micropub servers, the seed review.

The WordPress is Debian's (see wordpress_site.py), one per test process,
started on a free port in a temporary folder and stopped at the end. Where
its packages are missing the tests that need it are skipped with the reason,
on a developer's machine; under CI (``CI`` set) they fail, since .ci/run
installs them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from blogs.wordpress_site import WordPress, environment, what_is_missing

HERE = Path(__file__).parent

SAMPLE_IMAGES = HERE.parent / "samples" / "images"


@pytest.fixture(autouse=True)
def no_system_keyring(monkeypatch):
    """No test reaches the developer's keyring: secrets go to the 0600 file
    unless a test installs a keyring of its own."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def wordpress(tmp_path_factory):
    """A running WordPress with an application password for ``admin``."""
    why = what_is_missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"{why} (CI must install them: see .ci/run)")
        pytest.skip(why)
    site = WordPress(tmp_path_factory.mktemp("wordpress"))
    try:
        site.start()
    except BaseException:
        site.stop()
        raise
    yield site
    site.stop()


@pytest.fixture
def wp_account(wordpress, monkeypatch):
    """The WordPress as the environment's ``wordpress`` account, without the
    posts earlier tests left (the seed review's slug is free again)."""
    for post in wordpress.posts():
        wordpress.call("DELETE", f"/wp/v2/posts/{post['id']}&force=true")
    for name, value in environment(wordpress).items():
        monkeypatch.setenv(name, value)
    return wordpress


@pytest.fixture
def seed(sample, library_dir):
    """The Metallic Rouge review with its two screenshots (and a cover) on disk,
    at the library-relative paths the draft names."""
    shutil.copytree(SAMPLE_IMAGES, library_dir / "images")
    return sample


@pytest.fixture
def ghost(monkeypatch):
    """The Ghost stand-in, as the environment's ``ghost`` account."""
    from blogs.blog_servers import GhostServer

    server = GhostServer()
    monkeypatch.setenv("REVIEWDESK_GHOST_URL", server.url)
    monkeypatch.setenv("REVIEWDESK_GHOST_ADMIN_KEY", server.KEY)
    yield server
    server.stop()


@pytest.fixture
def micropub(monkeypatch):
    """The Micropub stand-in, as the environment's ``micropub`` account."""
    from blogs.blog_servers import MicropubServer

    server = MicropubServer()
    monkeypatch.setenv("REVIEWDESK_MICROPUB_URL", server.url)
    monkeypatch.setenv("REVIEWDESK_MICROPUB_TOKEN", server.TOKEN)
    yield server
    server.stop()
