"""Secrets (application passwords, admin keys, tokens), kept by account name.

They go to the system keyring (``keyring``). Where there is no keyring
backend (a server over SSH, a container), to ``secrets.toml`` in the config
folder, readable and writable by its owner only (mode 0600); ``store`` says
which, so the writer knows where the secret is. A secret is never written
into a draft, a log line or an error message.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reviewdesk.config import locations
from reviewdesk.errors import ReviewDeskError

KEYRING_SERVICE = "reviewdesk"


class SecretsError(ReviewDeskError):
    """A secret could not be stored, read or removed."""


@dataclass(frozen=True)
class Place:
    """Where a secret is kept: the keyring (its backend's name) or the file."""

    keyring: str | None = None
    file: Path | None = None
    why: str = "there is no system keyring here"  # why the file, not the keyring

    def __str__(self) -> str:
        if self.keyring:
            return f"the system keyring ({self.keyring})"
        return f"{self.file} (readable only by you: {self.why})"


def _keyring():
    """The keyring backend, or None when none is usable here."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration: the file will do
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    if type(backend).__name__ == "ChainerBackend" and not getattr(backend, "backends", None):
        return None
    return backend


def _backend_name(backend) -> str:
    return getattr(backend, "name", None) or type(backend).__name__


def store(name: str, secret: str) -> Place:
    """Keep ``secret`` for the account ``name``; returns where it went."""
    backend = _keyring()
    why = "there is no system keyring here"
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, name, secret)
        except Exception as exc:  # locked, refused or broken: the file still keeps it safe
            why = f"the system keyring ({_backend_name(backend)}) refused it: {type(exc).__name__}"
        else:
            _file_remove(name)  # an older copy in the file would outlive the keyring's
            return Place(keyring=_backend_name(backend))
    _file_write({**_file_read(), name: secret})
    return Place(file=locations.secrets_file(), why=why)


def load(name: str) -> str | None:
    """The secret for ``name``, from the keyring or the file; None if neither has one."""
    backend = _keyring()
    if backend is not None:
        try:
            found = backend.get_password(KEYRING_SERVICE, name)
        except Exception:
            found = None
        if found:
            return found
    return _file_read().get(name)


def remove(name: str) -> list[Place]:
    """Forget the secret for ``name`` wherever it is; returns where it was."""
    removed = []
    backend = _keyring()
    if backend is not None:
        try:
            if backend.get_password(KEYRING_SERVICE, name) is not None:
                backend.delete_password(KEYRING_SERVICE, name)
                removed.append(Place(keyring=_backend_name(backend)))
        except Exception:
            pass
    if _file_remove(name):
        removed.append(Place(file=locations.secrets_file()))
    return removed


def _file_read() -> dict[str, str]:
    path = locations.secrets_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        # The message names the file and the fault, never its content.
        reason = exc.strerror if isinstance(exc, OSError) else "it is not valid TOML"
        raise SecretsError(f"cannot read {path}: {reason}; fix or remove it, then add the account again") from None
    table = data.get("secrets", {})
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if isinstance(v, str)}


def _file_remove(name: str) -> bool:
    try:
        held = _file_read()
    except SecretsError:
        return False
    if name not in held:
        return False
    del held[name]
    _file_write(held)
    return True


def _file_write(held: dict[str, str]) -> None:
    """The whole file, replaced atomically; created 0600 and kept 0600."""
    import tomli_w

    from reviewdesk.review.atomic import atomic_write

    path = locations.secrets_file()
    text = "# Review Desk's secrets, by account name. Keep this file private.\n"
    text += tomli_w.dumps({"secrets": held})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.chmod(path, 0o600)  # atomic_write keeps the replaced file's mode
        atomic_write(path, text.encode("utf-8"))
        os.chmod(path, 0o600)
    except OSError as exc:
        raise SecretsError(f"cannot write {path}: {exc.strerror or exc}") from None
