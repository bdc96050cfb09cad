"""What vetting finds, as values: an account's and a creator's audit, and a follower history.

Every figure comes with what produced it, so the CLI, the API and the page can explain it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from influent.analytics.changepoints import ChangePoints, EventExplanation
from influent.domain.benchmarks import NoBenchmark, TierPercentile
from influent.domain.messages import Message
from influent.domain.metrics import (
    Cadence,
    CommentsToLikes,
    EngagementRate,
    EngagementTrend,
    Growth,
    PostAverages,
)
from influent.domain.quality import Locale, QualityScore
from influent.domain.sponsorship import DisclosureCheck, SponsoredShare
from influent.services.vetting.periods import HISTORY_DAYS
from influent.store.vetting_queries import AccountInfo

__all__ = [
    "HISTORY_DAYS",
    "AccountAudit",
    "CreatorAudit",
    "DailyPoint",
    "History",
    "StoredAudit",
    "WeekRow",
]


@dataclass(frozen=True, slots=True)
class AccountAudit:
    """Everything vetting says about one account, each figure with its evidence."""

    account: AccountInfo
    followers: int | None
    followers_from: str
    posts_read: int
    snapshots_read: int
    engagement: EngagementRate
    tier: TierPercentile | NoBenchmark | None
    averages: PostAverages
    trend: EngagementTrend
    comments_to_likes: CommentsToLikes
    cadence: Cadence
    growth: tuple[Growth, ...]
    sponsored: SponsoredShare
    disclosure: DisclosureCheck
    change_points: ChangePoints
    events: tuple[EventExplanation, ...]
    quality: QualityScore
    # Figures stated in a file or a form rather than measured ("followers", "following",
    # "engagement"), and the day they were stated.
    stated: tuple[str, ...] = ()
    stated_on: date | None = None


@dataclass(frozen=True, slots=True)
class StoredAudit:
    """A follower audit attached to a creator: when, from which file, and what it found."""

    creator_id: int
    creator_name: str
    audited_at: datetime
    file_name: str
    sample_size: int
    flagged: int
    fake_share: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class CreatorAudit:
    creator_id: int
    name: str
    locale: Locale
    now: datetime
    main: AccountAudit | None
    accounts: tuple[AccountAudit, ...]
    fake_share: float | None
    reason: Message | None = None
    # The follower audit attached to the creator that gave `fake_share`, if any.
    follower_audit: StoredAudit | None = None

    @property
    def score(self) -> int | None:
        return self.main.quality.score if self.main else None


@dataclass(frozen=True, slots=True)
class DailyPoint:
    """Followers at the end of a day; `measured` is False for days filled by interpolation."""

    day: date
    followers: int
    gain: int | None
    measured: bool


@dataclass(frozen=True, slots=True)
class WeekRow:
    week_start: date
    followers: int
    gain: int


@dataclass(frozen=True, slots=True)
class History:
    account: AccountInfo
    locale: Locale
    points: tuple[DailyPoint, ...]
    change_points: ChangePoints
    events: tuple[EventExplanation, ...]

    def weekly(self) -> tuple[WeekRow, ...]:
        """One row per week (starting Monday): followers at its last day, the week's gain."""
        weeks: dict[date, WeekRow] = {}
        for p in self.points:
            start = p.day - timedelta(days=p.day.weekday())
            previous = weeks.get(start)
            gain = (previous.gain if previous else 0) + (p.gain or 0)
            weeks[start] = WeekRow(start, p.followers, gain)
        return tuple(weeks.values())
