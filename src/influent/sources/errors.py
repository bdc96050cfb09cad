"""What a source can fail with: one exception class per kind of failure, each with a `Message`.

Each message names the source the way people know it (the catalog's `source.label.<source>`,
passed as its `label` parameter), so the web and CLI layers render it in the user's language.
`str()` of an error is its message code, for logs.
"""

from __future__ import annotations

from typing import Any

from influent.domain.messages import Message

__all__ = [
    "BlockedAddress",
    "InvalidCredentials",
    "NotFound",
    "QuotaExhausted",
    "RateLimited",
    "SourceError",
    "SourceUnavailable",
    "UnexpectedResponse",
    "message_of",
    "source_label",
]


def source_label(source: str) -> Message:
    """How a source is named in messages shown to people ("YouTube", "the feed host")."""
    return Message(f"source.label.{source}")


def message_of(error: Exception) -> Message:
    """What to tell a user about `error`: its own message, else the kind of failure."""
    found = getattr(error, "message", None)
    if isinstance(found, Message):
        return found
    return Message("source.error.other", {"kind": type(error).__name__})


class SourceError(Exception):
    """A source could not give us what we asked for; `message` says it, naming the source."""

    def __init__(
        self, source: str, code: str, /, *, status: int | None = None, **params: Any
    ) -> None:
        super().__init__(code)
        self.source = source
        self.status = status
        self.message = Message(code, {"label": source_label(source), **params})


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
        code: str,
        /,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        **params: Any,
    ) -> None:
        super().__init__(source, code, status=status, **params)
        self.retry_after = retry_after


class SourceUnavailable(SourceError):
    """The source kept failing (5xx, timeouts, connection errors) after our retries."""


class UnexpectedResponse(SourceError):
    """The answer was not JSON, or not the shape we know: the API probably changed."""
