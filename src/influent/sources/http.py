"""The one way out to the network: timeouts, retries, rate limits, conditional requests, quotas.

Every source calls `HttpClient.get` (or `get_json` / `get_model`); nothing else in Influent
opens a connection. Failures come back as one of the `SourceError` classes (in `errors`),
each with a one-sentence message that names the source, so the web and CLI layers can show it
as is.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception_type

from influent.domain.messages import Figure, Message
from influent.sources._guard import BlockedAddressError, OutboundGuard, Resolver
from influent.sources._limits import Quota, TokenBucket, parse_retry_after, utcnow
from influent.sources.errors import (
    BlockedAddress,
    InvalidCredentials,
    NotFound,
    QuotaExhausted,
    RateLimited,
    SourceError,
    SourceUnavailable,
    UnexpectedResponse,
)

__all__ = [
    "DEFAULT_RATE_LIMITS",
    "BlockedAddress",
    "Classifier",
    "Fetched",
    "HttpClient",
    "OutboundGuard",
    "Quota",
    "TokenBucket",
    "parse_retry_after",
]

M = TypeVar("M", bound=BaseModel)

USER_AGENT = "Influent/0.1 (self-hosted influencer marketing)"

# Requests per second per source. YouTube and the Graph API enforce their own daily/hourly
# budgets; these only keep bursts polite. Sites behind feeds are often small personal blogs.
DEFAULT_RATE_LIMITS: dict[str, float] = {
    "youtube": 5.0,
    "instagram": 1.0,
    "itunes": 0.3,  # the iTunes Search API documents roughly 20 calls per minute
    "rss": 2.0,
}
DEFAULT_RATE = 2.0


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response body with what we need to interpret it."""

    source: str
    url: str
    status: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    from_cache: bool = False

    @property
    def text(self) -> str:
        return httpx.Response(self.status, content=self.content, headers=self.headers).text

    def json(self) -> Any:
        """The body as JSON, or UnexpectedResponse when it is not JSON."""
        try:
            return json.loads(self.content)
        except ValueError:
            raise UnexpectedResponse(
                self.source,
                "source.error.not_json",
                host=_host(self.url),
                status=self.status,
            ) from None


# Given an error response (status >= 400), a source may name the precise error;
# None falls back to the generic mapping by status code.
Classifier = Callable[[Fetched], SourceError | None]


class _Retryable(Exception):
    """A 429 or 5xx answer, worth another attempt."""

    def __init__(self, fetched: Fetched, retry_after: float | None) -> None:
        super().__init__(fetched.status)
        self.fetched = fetched
        self.retry_after = retry_after


# Transport failures worth retrying; a malformed URL or a local protocol error is not.
_RETRY_TRANSPORT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(slots=True)
class _CacheEntry:
    etag: str | None
    last_modified: str | None
    fetched: Fetched


class HttpClient:
    """A synchronous HTTP client for every source (see the module docstring).

    Every request, and every redirect it follows, passes the outbound guard (`_guard`):
    internal addresses are refused unless `allowed_hosts` names them. With a test transport
    (`httpx.MockTransport`) the checks that need no DNS still run on each hop.
    """

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float | httpx.Timeout = httpx.Timeout(15.0, connect=5.0),
        max_attempts: int = 4,
        backoff: float = 0.5,
        max_wait: float = 60.0,
        rate_limits: Mapping[str, float] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = utcnow,
        cache_size: int = 512,
        max_bytes: int = 20 * 1024 * 1024,
        allowed_hosts: Iterable[str] = (),
        resolver: Resolver | None = None,
    ) -> None:
        self.guard = OutboundGuard(allowed_hosts, resolver=resolver)
        hooks: list[Callable[[httpx.Request], None]] = [self.guard.request_hook]
        if transport is None:
            transport = self.guard.transport()
            # Also resolve before sending: through an outbound proxy (HTTPS_PROXY), the
            # connection-time check sees the proxy, not the site.
            hooks.append(self._resolve_hook)
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
            event_hooks={"request": hooks},
        )
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_wait = max_wait
        self.rate_limits = dict(DEFAULT_RATE_LIMITS if rate_limits is None else rate_limits)
        self._clock = clock
        self._sleep = sleep
        self._now = now
        self._buckets: dict[str, TokenBucket] = {}
        self._buckets_lock = threading.Lock()
        self._cache: OrderedDict[str, _CacheEntry] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._cache_size = cache_size
        self.max_bytes = max_bytes
        self.slept = 0.0  # seconds spent waiting on rate limits and back-off, for reporting

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _resolve_hook(self, request: httpx.Request) -> None:
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        # An unknown name is left to the connection, which fails and says so.
        with contextlib.suppress(OSError):
            self.guard.addresses(request.url.host, port)

    def _bucket(self, source: str) -> TokenBucket:
        with self._buckets_lock:
            bucket = self._buckets.get(source)
            if bucket is None:
                rate = self.rate_limits.get(source, DEFAULT_RATE)
                bucket = TokenBucket(rate, clock=self._clock, sleep=self._sleep_counted)
                self._buckets[source] = bucket
            return bucket

    def _sleep_counted(self, seconds: float) -> None:
        self.slept += seconds
        self._sleep(seconds)

    def get(
        self,
        url: str,
        *,
        source: str,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        quota: Quota | None = None,
        cost: int = 1,
        classify: Classifier | None = None,
        conditional: bool = True,
    ) -> Fetched:
        """GET `url` for `source`, retrying and rate limiting; raises a SourceError subclass.

        With `quota`, each attempt spends `cost` units first, so a call that would overspend
        raises QuotaExhausted before anything is sent. With `conditional`, a previous ETag or
        Last-Modified is sent back and a 304 answer returns the cached body.
        """
        request = self._client.build_request("GET", url, params=params, headers=headers)
        key = str(request.url)
        with self._cache_lock:
            cached = self._cache.get(key) if conditional else None
            if cached is not None:
                self._cache.move_to_end(key)  # least recently used entries go first
        if cached is not None:
            if cached.etag:
                request.headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                request.headers["If-Modified-Since"] = cached.last_modified

        def attempt() -> Fetched:
            if quota is not None:
                quota.spend(cost, source=source)
            self._bucket(source).acquire()
            fetched = self._send(request, source)
            if fetched.status == 429 or fetched.status >= 500:
                retry_after = parse_retry_after(fetched.headers.get("retry-after"), now=self._now())
                raise _Retryable(fetched, retry_after)
            return fetched

        retrying = Retrying(
            stop=self._stop,
            wait=self._wait,
            retry=retry_if_exception_type((_Retryable, *_RETRY_TRANSPORT)),
            sleep=self._sleep_counted,
            reraise=True,
        )
        try:
            fetched = retrying(attempt)
        except _Retryable as exc:
            raise self._give_up(exc) from None
        except BlockedAddressError as exc:
            refusal = Message(exc.code, {"host": exc.host or key, "address": exc.address or ""})
            raise BlockedAddress(
                source, "source.error.blocked", host=exc.host or key, refusal=refusal
            ) from None
        except httpx.TimeoutException:
            raise SourceUnavailable(
                source, "source.error.timeout", host=_host(key), count=self.max_attempts
            ) from None
        except httpx.TransportError as exc:
            raise SourceUnavailable(
                source, "source.error.unreachable", host=_host(key), why=type(exc).__name__
            ) from None

        if fetched.status == 304 and cached is not None:
            return Fetched(
                source, key, 200, cached.fetched.content, cached.fetched.headers, from_cache=True
            )
        if fetched.status >= 400:
            error = (classify(fetched) if classify else None) or _generic_error(fetched)
            if isinstance(error, QuotaExhausted) and quota is not None:
                quota.exhaust()
            raise error
        etag, modified = fetched.headers.get("etag"), fetched.headers.get("last-modified")
        if conditional and (etag or modified):
            self._remember(key, _CacheEntry(etag, modified, fetched))
        return fetched

    def get_json(self, url: str, *, source: str, **kwargs: Any) -> Any:
        """`get`, then the body parsed as JSON (UnexpectedResponse when it is not)."""
        return self.get(url, source=source, **kwargs).json()

    def get_model(
        self, model: type[M], url: str, *, source: str, what: str | Message, **kwargs: Any
    ) -> M:
        """`get_json`, then validated by a pydantic model; `what` names the call in errors (the
        API's own name of the call, or a `Message`)."""
        data = self.get_json(url, source=source, **kwargs)
        return parse_model(model, data, source=source, what=what)

    def _send(self, request: httpx.Request, source: str) -> Fetched:
        response = self._client.send(request, stream=True)
        try:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise UnexpectedResponse(
                        source,
                        "source.error.too_big",
                        size=self.max_bytes,
                        host=_host(str(request.url)),
                        status=response.status_code,
                    )
                chunks.append(chunk)
        finally:
            response.close()
        return Fetched(
            source, str(response.url), response.status_code, b"".join(chunks), response.headers
        )

    def _remember(self, key: str, entry: _CacheEntry) -> None:
        with self._cache_lock:
            self._cache[key] = entry
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def _stop(self, state: RetryCallState) -> bool:
        if state.attempt_number >= self.max_attempts:
            return True
        exc = state.outcome.exception() if state.outcome else None
        # A server asking for a longer pause than we will block for: give up now and say when.
        return (
            isinstance(exc, _Retryable)
            and exc.retry_after is not None
            and exc.retry_after > self.max_wait
        )

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return min(exc.retry_after, self.max_wait)
        return float(min(self.backoff * 2 ** (state.attempt_number - 1), self.max_wait))

    def _give_up(self, exc: _Retryable) -> SourceError:
        fetched = exc.fetched
        if fetched.status == 429:
            if exc.retry_after:
                return RateLimited(
                    fetched.source,
                    "source.error.rate_limited_wait",
                    status=429,
                    retry_after=exc.retry_after,
                    seconds=Figure(exc.retry_after, 0),
                )
            return RateLimited(fetched.source, "source.error.rate_limited", status=429)
        return SourceUnavailable(
            fetched.source,
            "source.error.kept_failing",
            status=fetched.status,
            http=str(fetched.status),
            count=self.max_attempts,
        )


def parse_model(model: type[M], data: Any, *, source: str, what: str | Message) -> M:
    """Validate `data` with `model`; a mismatch means the API changed shape."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or Message("source.call.top_level")
        raise UnexpectedResponse(
            source,
            "source.error.shape",
            what=what,
            where=where,
            detail=str(first["msg"]).lower(),
        ) from None


def _generic_error(fetched: Fetched) -> SourceError:
    status, source, host = fetched.status, fetched.source, _host(fetched.url)
    if status == 401:
        return InvalidCredentials(source, "source.error.credentials", status=status)
    if status in (404, 410):
        return NotFound(source, "source.error.nothing_there", host=host, status=status)
    return SourceError(source, "source.error.refused", status=status, http=str(status))


def _host(url: str) -> str:
    return urlsplit(url).hostname or url
