"""Account activity over time: how regularly it posts, and how its followers change.

Like the other vetting metrics, each result carries the inputs that produced it, and a
value of None always comes with a `reason`, a `Message` the faces render.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from influent.domain.content import PostData, SnapshotData
from influent.domain.messages import Message, message

__all__ = ["Cadence", "FollowerEvent", "Growth", "cadence", "gap_cv", "growth"]


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often and how regularly an account publishes within a window."""

    posts_per_week: float
    gap_cv: float | None
    mean_gap_days: float | None
    posts_used: int
    window_days: int
    window_end: datetime
    reason: Message | None = None


def cadence(posts: Sequence[PostData], *, now: datetime, window_days: int = 90) -> Cadence:
    """Posts per week and the coefficient of variation of the gaps between posts.

    CV = population standard deviation of gaps / mean gap. Posting at random moments
    (a Poisson process) gives exponential gaps, whose CV is 1; a fixed schedule gives 0.
    """
    start = now - timedelta(days=window_days)
    times = sorted(p.published_at for p in posts if start <= p.published_at <= now)
    per_week = len(times) / (window_days / 7)
    if len(times) < 3:
        return Cadence(
            per_week,
            None,
            None,
            len(times),
            window_days,
            now,
            message("cadence.too_few_posts", count=3),
        )
    gaps = [(b - a).total_seconds() / 86_400 for a, b in itertools.pairwise(times)]
    mean_gap = statistics.fmean(gaps)
    if mean_gap == 0:
        return Cadence(
            per_week,
            None,
            0.0,
            len(times),
            window_days,
            now,
            message("cadence.same_moment"),
        )
    return Cadence(per_week, gap_cv(gaps), mean_gap, len(times), window_days, now)


def gap_cv(gaps: Sequence[float]) -> float | None:
    """The coefficient of variation of the gaps (in days) between at least three posts in
    time order; None when they were all published at the same moment."""
    mean_gap = statistics.fmean(gaps)
    if mean_gap == 0:
        return None
    # The population standard deviation from a compensated sum: statistics.pstdev's exact
    # fractions cost a tenth of a millisecond per account, which a whole workspace feels.
    spread = math.sqrt(math.fsum((g - mean_gap) ** 2 for g in gaps) / len(gaps))
    return spread / mean_gap


@dataclass(frozen=True, slots=True)
class Growth:
    """Follower change over the last `days` days, from two snapshots."""

    days: int
    change: int | None
    change_pct: float | None
    start_at: datetime | None
    start_followers: int | None
    end_at: datetime | None
    end_followers: int | None
    reason: Message | None = None


def growth(
    snapshots: Sequence[SnapshotData],
    *,
    now: datetime,
    periods: Sequence[int] = (7, 30, 90),
) -> tuple[Growth, ...]:
    """Change in followers over each period.

    The end is the latest snapshot at or before `now`; the start is the snapshot closest to,
    and not after, now minus the period. Without such a snapshot the period says
    "insufficient history".
    """
    known = sorted(
        (s for s in snapshots if s.followers is not None and s.taken_at <= now),
        key=lambda s: s.taken_at,
    )
    results: list[Growth] = []
    for days in periods:
        if not known:
            results.append(
                Growth(days, None, None, None, None, None, None, message("growth.no_snapshot"))
            )
            continue
        end = known[-1]
        cutoff = now - timedelta(days=days)
        starts = [s for s in known if s.taken_at <= cutoff]
        if not starts:
            results.append(
                Growth(
                    days,
                    None,
                    None,
                    None,
                    None,
                    end.taken_at,
                    end.followers,
                    message("growth.short_history", count=days),
                )
            )
            continue
        start = starts[-1]
        assert start.followers is not None and end.followers is not None
        change = end.followers - start.followers
        pct = change / start.followers if start.followers else None
        results.append(
            Growth(
                days,
                change,
                pct,
                start.taken_at,
                start.followers,
                end.taken_at,
                end.followers,
                None if pct is not None else message("growth.from_zero"),
            )
        )
    return tuple(results)


@dataclass(frozen=True, slots=True)
class FollowerEvent:
    """A run of days whose follower changes were abnormal, as one event."""

    start: date
    end: date
    change: int
    change_pct: float
    followers_before: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_spike(self) -> bool:
        return self.change > 0
