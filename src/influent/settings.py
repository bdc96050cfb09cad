"""Configuration: one pydantic-settings class, read from INFLUENT_* variables and `.env`."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]

UNSAFE_SECRET = "changethis"


class Settings(BaseSettings):
    """Every setting Influent reads. Each one is documented in docs/configuration.md."""

    model_config = SettingsConfigDict(env_prefix="INFLUENT_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = Field(
        "development", description="'production' refuses unsafe defaults such as the secret key."
    )
    database_url: str = Field(
        "sqlite:///./influent.db",
        description="SQLAlchemy URL: SQLite by default, postgresql+psycopg://… for teams.",
    )
    secret_key: str = Field(
        UNSAFE_SECRET, description="Signs session cookies. Set a long random value in production."
    )
    secure_cookies: bool = Field(
        False, description="Send the session cookie over HTTPS only (turn on behind TLS)."
    )
    session_max_age: int = Field(14 * 24 * 3600, description="Seconds a login lasts.")
    default_locale: Literal["en", "fr"] = Field(
        "en",
        description=(
            "Language of the web UI when neither the user nor the browser picks one, and of "
            "the vetting commands without --locale."
        ),
    )
    host: str = Field("127.0.0.1", description="Address `influent serve` listens on.")
    port: int = Field(8000, description="Port `influent serve` listens on.")
    page_size: int = Field(50, description="Rows per page in the creators table.")
    max_upload_mb: int = Field(50, description="Largest spreadsheet the web import accepts, in MB.")
    data_dir: Path = Field(
        Path("influent-data"),
        description=(
            "Folder for Influent's private files (mode 0700): uploads waiting to be imported "
            "and the scratch files of big imports, removed after each import and at start-up."
        ),
    )
    redis_url: str | None = Field(
        None, description="redis://… to run the worker's queue on Redis instead of SQLite."
    )
    youtube_api_key: str | None = Field(
        None, description="YouTube Data API v3 key (can also be set per workspace in the app)."
    )
    instagram_access_token: str | None = Field(
        None, description="Instagram Graph API token for business discovery."
    )
    instagram_user_id: str | None = Field(
        None,
        description="Your own Instagram business account id, which discovery calls go through.",
    )

    @model_validator(mode="before")
    @classmethod
    def _read_secret_files(cls, data: object) -> object:
        # INFLUENT_SECRET_KEY_FILE=/run/secrets/key reads the secret from a file (Docker secrets).
        if isinstance(data, dict):
            for name in ("secret_key", "database_url"):
                path = os.environ.get(f"INFLUENT_{name.upper()}_FILE")
                if path and name not in data:
                    data[name] = Path(path).read_text(encoding="utf-8").strip()
        return data

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.environment == "production" and (
            self.secret_key == UNSAFE_SECRET or len(self.secret_key) < 32
        ):
            raise ValueError(
                "INFLUENT_SECRET_KEY must be set to a random value of 32+ characters in production"
            )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
