"""External sources of creators and their numbers; all network access goes through `http`,
and every source error is defined once, in `errors`."""

from influent.sources.errors import (
    InvalidCredentials,
    NotFound,
    QuotaExhausted,
    RateLimited,
    SourceError,
    SourceUnavailable,
    UnexpectedResponse,
)
from influent.sources.http import HttpClient, Quota

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
