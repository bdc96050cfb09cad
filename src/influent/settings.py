"""Configuration: one pydantic-settings class, read from INFLUENT_* variables and `.env`."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["Settings", "get_settings"]

# Placeholders published in docs and templates: anyone could sign a cookie with them.
UNSAFE_SECRETS = frozenset({"changethis", "change-me", "changeme", "secret", ""})


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
    secret_key: str | None = Field(
        None,
        description=(
            "Signs session cookies. Unset: a random one is made on first run and kept in the "
            "data directory."
        ),
    )
    encryption_key: str | None = Field(
        None,
        description=(
            "Fernet key that encrypts source keys at rest; unset: made on first use and kept "
            "in the data directory."
        ),
    )
    outbound_allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description=(
            "Internal hosts (`name` or `name:port`) that discovery may fetch although they "
            "resolve to a private or loopback address."
        ),
    )
    default_workspace: str | None = Field(
        None, description="Slug of the workspace CLI commands act on without --workspace."
    )
    login_max_failures: int = Field(
        5, description="Failed logins allowed per account or address before a delay starts."
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
    links_base_url: str | None = Field(
        None,
        description=(
            "Public address that short links start with, e.g. https://go.example.com "
            "(default: http://INFLUENT_HOST:INFLUENT_PORT)."
        ),
    )
    page_size: int = Field(50, description="Rows per page in the creators table.")
    max_upload_mb: int = Field(50, description="Largest spreadsheet the web import accepts, in MB.")
    data_dir: Path = Field(
        Path("influent-data"),
        description=(
            "Folder for Influent's private files (mode 0700): the generated secret key and "
            "encryption key, uploads waiting to be imported, the scratch files of big "
            "imports (removed after each import and at start-up) and the drawn charts."
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
    shopify_webhook_secret: str | None = Field(
        None,
        description=(
            "The shared secret Shopify signs order and refund webhooks with "
            "(X-Shopify-Hmac-Sha256); without it, Shopify webhooks are refused."
        ),
    )
    webhook_secret: str | None = Field(
        None,
        description=(
            "The secret of the generic order webhook (X-Influent-Signature: sha256=<hex HMAC of "
            "the raw body>); without it, generic webhooks are refused."
        ),
    )

    smtp_host: str | None = Field(
        None, description="SMTP server outreach emails are sent through (your own mailbox's)."
    )
    smtp_port: int = Field(587, description="SMTP port: 587 with STARTTLS, 465 with SSL.")
    smtp_security: Literal["starttls", "ssl", "none"] = Field(
        "starttls", description="How the SMTP connection is encrypted: starttls, ssl or none."
    )
    smtp_username: str | None = Field(None, description="SMTP login, usually your address.")
    smtp_password: str | None = Field(
        None, description="SMTP password or app password (also INFLUENT_SMTP_PASSWORD_FILE)."
    )
    smtp_sender: str | None = Field(
        None,
        description=(
            "From address of outreach emails; by default the address of the user who sends, "
            "so replies land in their own mailbox."
        ),
    )
    smtp_timeout: float = Field(15.0, description="Seconds to wait for the SMTP server.")
    outreach_daily_cap: int = Field(
        30, description="New creators contacted by email per workspace and day (deliverability)."
    )
    outreach_pacing_seconds: float = Field(
        20.0, description="Pause between two emails of one bulk send, in seconds."
    )

    @model_validator(mode="before")
    @classmethod
    def _read_secret_files(cls, data: object) -> object:
        # INFLUENT_SECRET_KEY_FILE=/run/secrets/key reads the secret from a file (Docker secrets).
        if isinstance(data, dict):
            for name in ("secret_key", "database_url", "encryption_key", "smtp_password"):
                path = os.environ.get(f"INFLUENT_{name.upper()}_FILE")
                if path and name not in data:
                    data[name] = Path(path).read_text(encoding="utf-8").strip()
        return data

    @field_validator("outbound_allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        # INFLUENT_OUTBOUND_ALLOWED_HOSTS=feeds.lan,wiki.lan:8080
        if isinstance(value, str):
            return [part.strip().lower() for part in value.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_unsafe_secret(self) -> Settings:
        # The placeholder is public, so a cookie signed with it can be forged: refused in
        # every environment. Unset is safe: a random secret is generated and kept.
        if self.secret_key is not None and (
            self.secret_key.strip().lower() in UNSAFE_SECRETS or len(self.secret_key) < 32
        ):
            raise ValueError(
                "INFLUENT_SECRET_KEY must be a random value of 32+ characters "
                "(or unset, and Influent makes one in the data directory)"
            )
        return self

    @property
    def short_link_base(self) -> str:
        """Where /r/{key} is served from, as people will type it."""
        return (self.links_base_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
