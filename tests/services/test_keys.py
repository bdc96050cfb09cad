"""No default secret: the keys an install makes for itself, kept private in its data directory."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from influent.services import accounts
from influent.settings import Settings


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_it_makes_a_random_secret_on_first_run_and_keeps_it_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = Settings(data_dir=data)
    secret = accounts.session_secret(settings)
    assert len(secret) >= 48 and secret != "changethis"
    assert _mode(data) == 0o700
    assert _mode(data / "secret_key") == 0o600
    assert accounts.session_secret(Settings(data_dir=data)) == secret  # reused after a restart
    assert accounts.session_secret(Settings(data_dir=tmp_path / "other")) != secret


def test_a_configured_secret_wins_and_writes_nothing(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", secret_key="k" * 40)
    assert accounts.session_secret(settings) == "k" * 40
    assert not (tmp_path / "data").exists()


def test_it_refuses_a_secret_file_others_can_read(tmp_path: Path) -> None:
    accounts.session_secret(Settings(data_dir=tmp_path))
    (tmp_path / "secret_key").chmod(0o644)
    with pytest.raises(accounts.DataKeyError, match="chmod 600"):
        accounts.session_secret(Settings(data_dir=tmp_path))


@pytest.mark.parametrize("environment", ["development", "production"])
@pytest.mark.parametrize("secret", ["changethis", "CHANGETHIS", "short-secret"])
def test_it_refuses_the_placeholder_and_short_secrets_everywhere(
    environment: str, secret: str
) -> None:
    with pytest.raises(ValidationError, match="INFLUENT_SECRET_KEY"):
        Settings(environment=environment, secret_key=secret)  # type: ignore[arg-type]


def test_the_encryption_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    box = accounts.source_box(Settings(data_dir=tmp_path))
    assert _mode(tmp_path / "encryption_key") == 0o600
    again = accounts.source_box(Settings(data_dir=tmp_path))
    assert again.decrypt(box.encrypt(b"AIza-key")) == b"AIza-key"


def test_it_says_when_the_configured_encryption_key_is_not_a_fernet_key(tmp_path: Path) -> None:
    with pytest.raises(accounts.DataKeyError, match="Fernet"):
        accounts.source_box(Settings(data_dir=tmp_path, encryption_key="not-a-key"))
