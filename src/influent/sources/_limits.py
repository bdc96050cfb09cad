"""Staying within a source's limits: request rate, daily quota and the Retry-After header."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from email.utils import parsedate_to_datetime

from influent.sources.errors import QuotaExhausted

__all__ = ["Quota", "TokenBucket", "parse_retry_after", "utcnow"]


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class TokenBucket:
    """At most `rate` requests per second on average, with bursts of up to `burst`."""

    def __init__(
        self,
        rate: float,
        *,
        burst: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.burst = max(1.0, burst)
        self._clock = clock
        self._sleep = sleep
        self._tokens = self.burst
        self._updated = clock()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Take one token, sleeping until one is free; returns the seconds slept."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
            self._updated = now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return 0.0
            wait = (1.0 - self._tokens) / self.rate
            self._sleep(wait)
            # The token that accrued while we slept is the one we take.
            self._tokens = 0.0
            self._updated = now + wait
            return wait


def utcnow() -> datetime:
    return datetime.now(UTC)


class Quota:
    """A daily budget of API units. `spend` refuses a call before it would go over.

    The count lives in memory; a service that wants it to survive restarts passes the units
    already used today as `used`.
    """

    def __init__(
        self,
        daily_limit: int,
        *,
        used: int = 0,
        reset_tz: tzinfo = UTC,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self.daily_limit = daily_limit
        self._used = used
        self._reset_tz = reset_tz
        self._now = now
        self._day = self._today()
        self._lock = threading.Lock()

    def _today(self) -> date:
        return self._now().astimezone(self._reset_tz).date()

    def _roll(self) -> None:
        today = self._today()
        if today != self._day:
            self._day, self._used = today, 0

    @property
    def used(self) -> int:
        with self._lock:
            self._roll()
            return self._used

    @property
    def remaining(self) -> int:
        return max(0, self.daily_limit - self.used)

    def spend(self, cost: int, *, source: str) -> None:
        """Count `cost` units, or raise QuotaExhausted without counting if they do not fit."""
        with self._lock:
            self._roll()
            left = self.daily_limit - self._used
            if cost > left:
                raise QuotaExhausted(
                    source,
                    "source.error.quota_would_run_out",
                    cost=cost,
                    count=cost,
                    left=max(0, left),
                    limit=self.daily_limit,
                )
            self._used += cost

    def exhaust(self) -> None:
        """Mark today's quota as spent (the source told us so)."""
        with self._lock:
            self._roll()
            self._used = max(self._used, self.daily_limit)
