"""The keys an install needs, from the settings or else made once in the data directory."""

from __future__ import annotations

from cryptography.fernet import Fernet

from influent.settings import Settings
from influent.store import data_keys

__all__ = ["DataKeyError", "session_secret", "source_box"]

DataKeyError = data_keys.DataKeyError


def session_secret(settings: Settings) -> str:
    """The configured secret key, or the one generated on first run (file mode 0600)."""
    return settings.secret_key or data_keys.session_secret(settings.data_dir)


def source_box(settings: Settings) -> Fernet:
    """What encrypts and decrypts source keys at rest."""
    return data_keys.fernet(settings.data_dir, settings.encryption_key)
