"""What a source can fail with: one exception class per kind of failure, each message one sentence.

Each message names the source the way people know it (`source_label`), so the web and CLI
layers can show it as is.
"""

from __future__ import annotations

__all__ = [
    "BlockedAddress",
    "InvalidCredentials",
    "NotFound",
    "QuotaExhausted",
    "RateLimited",
    "SourceError",
    "SourceUnavailable",
    "UnexpectedResponse",
    "source_label",
]

_LABELS = {
    "youtube": "YouTube",
    "instagram": "Instagram",
    "itunes": "iTunes Search",
    "rss": "The feed host",
}


def source_label(source: str) -> str:
    """How a source is named in messages shown to people."""
    return _LABELS.get(source, source)


class SourceError(Exception):
    """A source could not give us what we asked for; `str()` is one sentence naming it."""

    def __init__(self, source: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.status = status


class BlockedAddress(SourceError):
    """The address is internal (loopback, private, link-local…) and not allowed by the settings."""


class InvalidCredentials(SourceError):
    """The API key or access token was refused."""


class QuotaExhausted(SourceError):
    """The daily quota is spent, or the next call would overspend it."""


class NotFound(SourceError):
    """The account or item does not exist, or is private."""


class RateLimited(SourceError):
    """The source asked us to slow down for longer than we are willing to wait."""

    def __init__(
        self,
        source: str,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(source, message, status=status)
        self.retry_after = retry_after


class SourceUnavailable(SourceError):
    """The source kept failing (5xx, timeouts, connection errors) after our retries."""


class UnexpectedResponse(SourceError):
    """The answer was not JSON, or not the shape we know: the API probably changed."""
