"""Blog accounts and their secrets: ``reviewdesk accounts add|list|remove``.

Secrets go to the system keyring, or, where there is none (as on this
machine and in CI), to a 0600 file, and the command says which. A secret is
never in accounts.toml, a draft, or anything printed.
"""

from __future__ import annotations

import os
import stat

import keyring
import pytest
from keyring.backend import KeyringBackend

from blogs.blog_servers import GHOST_ADMIN_KEY
from reviewdesk.errors import PublishError
from reviewdesk.publish.blogs import accounts

PASSWORD = "abcd EFGH ijkl MNOP qrst UVWX"


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in a dict: the system keyring's route."""

    priority = 1
    name = "memory keyring for the tests"

    def __init__(self):
        super().__init__()
        self.held = {}

    def get_password(self, service, username):
        return self.held.get((service, username))

    def set_password(self, service, username, password):
        self.held[(service, username)] = password

    def delete_password(self, service, username):
        del self.held[(service, username)]


@pytest.fixture
def memory_keyring():
    ring = MemoryKeyring()
    keyring.set_keyring(ring)  # no_system_keyring puts the previous one back
    return ring


def add_wordpress(cli, *more, password=PASSWORD):
    return cli("accounts", "add", "wordpress", "--site", "https://blog.example/", "--user", "rouge",
               "--password-stdin", *more, stdin=password + "\n")


def test_without_a_keyring_the_secret_goes_to_a_private_file_and_the_command_says_so(cli, config_dir):
    ran = add_wordpress(cli)

    assert ran.code == 0, ran.err
    secrets_file = config_dir / "secrets.toml"
    assert f"its application password is in {secrets_file}" in ran.err and "no system keyring" in ran.err
    assert stat.S_IMODE(os.stat(secrets_file).st_mode) == 0o600
    assert PASSWORD in secrets_file.read_text()
    assert PASSWORD not in (config_dir / "accounts.toml").read_text()
    assert PASSWORD not in ran.err + ran.out
    account = accounts.resolve("wordpress")
    assert (account.name, account.site, account.user, account.secret) == (
        "wordpress", "https://blog.example", "rouge", PASSWORD)


def test_with_a_keyring_the_secret_goes_there_and_nowhere_else(cli, config_dir, memory_keyring):
    ran = add_wordpress(cli)

    assert ran.code == 0, ran.err
    assert "the system keyring (memory keyring for the tests)" in ran.err
    assert memory_keyring.held == {("reviewdesk", "wordpress"): PASSWORD}
    assert not (config_dir / "secrets.toml").exists()
    assert accounts.resolve("wordpress").secret == PASSWORD

    removed = cli("accounts", "remove", "wordpress")

    assert removed.code == 0 and "removed from the system keyring" in removed.err
    assert memory_keyring.held == {}


def test_list_shows_accounts_without_secrets_and_remove_forgets_both(cli, config_dir):
    add_wordpress(cli)
    cli("accounts", "add", "ghost", "--site", "https://ghost.example", "--password-stdin", stdin=GHOST_ADMIN_KEY)

    listed = cli("accounts", "list", "--json")

    assert listed.code == 0
    assert [(a["name"], a["service"], a["site"], a["user"]) for a in listed.json()] == [
        ("ghost", "ghost", "https://ghost.example", ""), ("wordpress", "wordpress", "https://blog.example", "rouge")]
    plain = cli("accounts")
    assert "wordpress\twordpress\thttps://blog.example\trouge" in plain.out
    assert PASSWORD not in plain.out and GHOST_ADMIN_KEY.split(":")[1] not in plain.out + listed.out

    removed = cli("accounts", "remove", "wordpress")

    assert removed.code == 0 and str(config_dir / "secrets.toml") in removed.err
    assert PASSWORD not in (config_dir / "secrets.toml").read_text()
    assert [a["name"] for a in cli("accounts", "list", "--json").json()] == ["ghost"]


def test_the_environment_describes_an_account_and_list_says_where_it_comes_from(cli, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_MICROPUB_URL", "https://me.example")
    monkeypatch.setenv("REVIEWDESK_MICROPUB_TOKEN", "token-from-the-environment")

    listed = cli("accounts", "list")

    assert "micropub\tmicropub\thttps://me.example\t  (from the environment)" in listed.out
    assert accounts.resolve("micropub").secret == "token-from-the-environment"


def test_without_a_terminal_the_secret_must_come_on_standard_input(cli):
    ran = cli("accounts", "add", "wordpress", "--site", "https://blog.example", "--user", "rouge", stdin="")

    assert ran.code == 1 and "--password-stdin" in ran.err


def test_a_malformed_ghost_key_is_refused_without_echoing_it(cli):
    ran = cli("accounts", "add", "ghost", "--site", "https://ghost.example", "--password-stdin",
              stdin="just-the-secret-half-pasted\n")

    assert ran.code == 1 and "ID:SECRET" in ran.err and "just-the-secret-half-pasted" not in ran.err


@pytest.mark.parametrize("site", ["blog.example", "ftp://blog.example", ""])
def test_a_site_must_be_a_full_web_address(cli, site):
    ran = cli("accounts", "add", "micropub", "--site", site, "--password-stdin", stdin="t0ken-t0ken\n")

    assert ran.code == 1 and "e.g. https://blog.example" in ran.err


def test_no_account_names_both_ways_to_add_one():
    with pytest.raises(PublishError) as caught:
        accounts.resolve("wordpress")
    assert "reviewdesk accounts add wordpress --site URL --user USER" in str(caught.value)
    assert "REVIEWDESK_WORDPRESS_URL, REVIEWDESK_WORDPRESS_USER, REVIEWDESK_WORDPRESS_PASSWORD" in str(caught.value)


def test_two_accounts_of_a_kind_need_account_and_it_must_be_of_that_kind(cli):
    add_wordpress(cli)
    add_wordpress(cli, "--name", "second")
    cli("accounts", "add", "ghost", "--site", "https://ghost.example", "--password-stdin", stdin=GHOST_ADMIN_KEY)

    with pytest.raises(PublishError, match="choose one with --account NAME"):
        accounts.resolve("wordpress")
    assert accounts.resolve("wordpress", "second").name == "second"
    with pytest.raises(PublishError, match="'ghost' is a Ghost account, not WordPress"):
        accounts.resolve("wordpress", "ghost")


def test_a_stored_account_records_the_post_under_its_name(seed, library, ghost, cli, monkeypatch):
    monkeypatch.delenv("REVIEWDESK_GHOST_URL")
    monkeypatch.delenv("REVIEWDESK_GHOST_ADMIN_KEY")
    cli("accounts", "add", "ghost", "--name", "reviews", "--site", ghost.url, "--password-stdin",
        stdin=GHOST_ADMIN_KEY)

    ran = cli("publish", seed.slug, "--to", "ghost", "--account", "reviews")

    assert ran.code == 0, ran.err
    saved = library.path_for(seed.slug).read_text()
    assert "[published.reviews]" in saved
    assert GHOST_ADMIN_KEY.split(":")[1] not in saved


def test_a_keyring_that_refuses_leaves_the_secret_in_the_file_and_says_why(cli, config_dir, memory_keyring,
                                                                          monkeypatch):
    from keyring.errors import PasswordSetError

    def refuse(service, username, password):
        raise PasswordSetError("locked")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)

    ran = add_wordpress(cli)

    assert ran.code == 0, ran.err
    assert "memory keyring for the tests) refused it: PasswordSetError" in ran.err
    assert accounts.resolve("wordpress").secret == PASSWORD
    assert stat.S_IMODE(os.stat(config_dir / "secrets.toml").st_mode) == 0o600
