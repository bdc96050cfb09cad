"""External sources of creators and their numbers; all network access goes through `http`."""

from influent.sources.http import (
    HttpClient,
    InvalidCredentials,
    NotFound,
    Quota,
    QuotaExhausted,
    RateLimited,
    SourceError,
    SourceUnavailable,
    UnexpectedResponse,
)

__all__ = [
    "HttpClient",
    "InvalidCredentials",
    "NotFound",
    "Quota",
    "QuotaExhausted",
    "RateLimited",
    "SourceError",
    "SourceUnavailable",
    "UnexpectedResponse",
]
