"""Keys kept in the data directory: the session secret and the key that encrypts source keys.

Each key is made on first use with the system's random generator and written to a file only
its owner can read (0600) in a folder only its owner can open (0700), so a fresh install is
safe with no configuration and keeps its keys across restarts.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

__all__ = [
    "ENCRYPTED_PREFIX",
    "DataKeyError",
    "decrypt_text",
    "encrypt_text",
    "fernet",
    "key_file",
    "session_secret",
]

# Values written by `encrypt_text` start with this, so clear values left by an older version
# are recognised (and read as they are) until the migration encrypts them.
ENCRYPTED_PREFIX = "fernet:"


class DataKeyError(RuntimeError):
    """A key file exists but cannot be used (wrong mode, unreadable, not a key)."""


def key_file(data_dir: Path, name: str, make: Callable[[], str]) -> str:
    """The key stored in `data_dir/name`, created with `make()` (mode 0600) if missing."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = data_dir / name
    try:
        # O_EXCL: two processes starting at once cannot both write a different key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            raise DataKeyError(
                f"{path} can be read by other users of this machine; run `chmod 600 {path}`"
            ) from None
        value = path.read_text(encoding="utf-8").strip()
        if not value:
            raise DataKeyError(f"{path} is empty; delete it and Influent makes a new key") from None
        return value
    value = make()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return value


def session_secret(data_dir: Path) -> str:
    """The generated secret that signs session cookies."""
    return key_file(data_dir, "secret_key", lambda: secrets.token_urlsafe(48))


def fernet(data_dir: Path, configured: str | None = None) -> Fernet:
    """The Fernet key from the settings if given, else from the data directory."""
    key = configured or key_file(
        data_dir, "encryption_key", lambda: Fernet.generate_key().decode("ascii")
    )
    try:
        return Fernet(key.encode("ascii"))
    except ValueError:
        raise DataKeyError(
            "the encryption key is not a Fernet key (32 url-safe base64-encoded bytes)"
        ) from None


def encrypt_text(box: Fernet, value: str) -> str:
    return ENCRYPTED_PREFIX + box.encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_text(box: Fernet, value: str) -> str:
    """The clear value; a value without the prefix was stored in clear and is returned as is."""
    if not value.startswith(ENCRYPTED_PREFIX):
        return value
    try:
        return box.decrypt(value[len(ENCRYPTED_PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise DataKeyError(
            "a source key was encrypted with another key than this install's; restore the "
            "data directory's encryption_key or INFLUENT_ENCRYPTION_KEY"
        ) from None
