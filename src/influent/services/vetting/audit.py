"""Vetting a creator: engagement, follower history and an audience-quality score, with evidence.

Every figure comes with what produced it (posts read, snapshots compared, the benchmark row
and the assumption behind a percentile), so the CLI, the API and the page can explain it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from influent.analytics.changepoints import (
    ChangePoints,
    EventExplanation,
    detect_follower_events,
    explain_events,
)
from influent.domain.benchmarks import NoBenchmark, TierPercentile, percentile_in_tier
from influent.domain.content import SnapshotData
from influent.domain.messages import Message
from influent.domain.metrics import (
    Cadence,
    CommentsToLikes,
    EngagementBasis,
    EngagementRate,
    EngagementTrend,
    Growth,
    PostAverages,
    cadence,
    comments_to_likes,
    engagement_rate,
    engagement_trend,
    growth,
    post_averages,
)
from influent.domain.platforms import Platform
from influent.domain.quality import Locale, QualityFacts, QualityScore
from influent.domain.quality import quality_score as score_facts
from influent.domain.sponsorship import (
    DisclosureCheck,
    SponsoredShare,
    disclosure_check,
    sponsored_share,
)
from influent.services.creators.profiles import NotFound
from influent.services.progress import NO_PROGRESS, Progress
from influent.services.vetting.follower_sample import (
    SampleError,
    audit_follower_sample,
    audit_follower_upload,
)
from influent.services.vetting.presenting import (
    audit_to_dict,
    history_to_dict,
    signal_value,
    to_plain,
)
from influent.store import vetting_queries as queries
from influent.store.vetting_queries import AccountHistory, AccountInfo

__all__ = [
    "HISTORY_DAYS",
    "AccountAudit",
    "CreatorAudit",
    "DailyPoint",
    "EventExplanation",
    "History",
    "NotFound",
    "SampleError",
    "TierPercentile",
    "WeekRow",
    "audit_account",
    "audit_creator",
    "audit_follower_sample",
    "audit_follower_upload",
    "audit_to_dict",
    "audit_workspace",
    "history",
    "history_to_dict",
    "signal_value",
    "to_plain",
]

# A year of history: enough for 90-day growth, trends and a seasonal view of the followers.
HISTORY_DAYS = 365


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


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def _platform(value: str) -> Platform:
    try:
        return Platform(value)
    except ValueError:
        return Platform.OTHER


def _current(
    account: AccountInfo, snapshots: Sequence[SnapshotData]
) -> tuple[int | None, int | None, str]:
    """Followers and following now: the newer of the profile's numbers and the last snapshot."""
    latest = next((s for s in reversed(snapshots) if s.followers is not None), None)
    profile_is_newer = account.followers is not None and (
        latest is None
        or (account.stats_updated_at is not None and account.stats_updated_at > latest.taken_at)
    )
    if profile_is_newer or latest is None:
        return account.followers, account.following, "profile"
    following = latest.following if latest.following is not None else account.following
    # 'profile', or the ISO date of the snapshot: words are the faces' business.
    return latest.followers, following, latest.taken_at.date().isoformat()


def _measured_days(snapshots: Sequence[SnapshotData]) -> list[tuple[date, int]]:
    """The last known followers of each UTC day that has a snapshot, in day order."""
    by_day: dict[date, int] = {}
    for s in snapshots:
        if s.followers is not None:
            by_day[s.taken_at.astimezone(UTC).date()] = s.followers
    return sorted(by_day.items())


def _daily(snapshots: Sequence[SnapshotData]) -> list[DailyPoint]:
    """Last known followers per UTC day, gaps filled by linear interpolation."""
    by_day = dict(_measured_days(snapshots))
    if not by_day:
        return []
    days = sorted(by_day)
    filled: list[tuple[date, int, bool]] = []
    for a, b in itertools.pairwise(days):
        span = (b - a).days
        for i in range(span):
            value = by_day[a] + (by_day[b] - by_day[a]) * i / span
            filled.append((a + timedelta(days=i), round(value), i == 0))
    filled.append((days[-1], by_day[days[-1]], True))
    points: list[DailyPoint] = []
    for day, followers, measured in filled:
        gain = followers - points[-1].followers if points else None
        points.append(DailyPoint(day, followers, gain, measured))
    return points


def audit_account(
    account: AccountInfo,
    data: AccountHistory,
    *,
    now: datetime,
    locale: Locale = "en",
    fake_share: float | None = None,
) -> AccountAudit:
    """The audit of one account from its loaded snapshots and posts (no database access)."""
    platform = _platform(account.platform)
    posts = data.posts
    followers, following, followers_from = _current(account, data.snapshots)
    er = engagement_rate(platform, posts, followers)
    tier: TierPercentile | NoBenchmark | None = None
    if er.value is not None and er.basis is EngagementBasis.FOLLOWERS:
        tier = percentile_in_tier(er.value, platform, followers)
    ctl = comments_to_likes(posts)
    rhythm = cadence(posts, now=now)
    found = detect_follower_events(_measured_days(data.snapshots))
    events = explain_events(found.events, posts)
    facts = QualityFacts(
        platform=platform,
        followers=followers,
        following=following,
        engagement=er,
        follower_events=None if found.reason else found.events,
        comments_to_likes=ctl.value,
        posting_gap_cv=rhythm.gap_cv,
        fake_share=fake_share,
        comment_texts=data.comment_texts,
    )
    return AccountAudit(
        account=account,
        followers=followers,
        followers_from=followers_from,
        posts_read=len(posts),
        snapshots_read=len(data.snapshots),
        engagement=er,
        tier=tier,
        averages=post_averages(posts),
        trend=engagement_trend(platform, posts, followers, now=now),
        comments_to_likes=ctl,
        cadence=rhythm,
        growth=growth(data.snapshots, now=now),
        sponsored=sponsored_share(posts),
        disclosure=disclosure_check(posts),
        change_points=found,
        events=events,
        quality=score_facts(facts),
    )


def _creator_audit(
    accounts: Sequence[AccountInfo],
    data: dict[int, AccountHistory],
    *,
    creator_id: int,
    name: str,
    now: datetime,
    locale: Locale,
    fake_share: float | None,
) -> CreatorAudit:
    # The follower sample describes the main account's audience, so only it gets fake_share.
    audits = tuple(
        audit_account(
            a, data[a.id], now=now, locale=locale, fake_share=fake_share if i == 0 else None
        )
        for i, a in enumerate(accounts)
    )
    return CreatorAudit(
        creator_id=creator_id,
        name=name,
        locale=locale,
        now=now,
        main=audits[0] if audits else None,
        accounts=audits,
        fake_share=fake_share,
        reason=None if audits else Message("vetting.no_account_to_audit"),
    )


def _load(
    session: Session, accounts: Sequence[AccountInfo], now: datetime, days: int = HISTORY_DAYS
) -> dict[int, AccountHistory]:
    return queries.load_histories(
        session, [a.id for a in accounts], since=now - timedelta(days=days), until=now
    )


def audit_creator(
    session: Session,
    *,
    workspace_id: int,
    creator_id: int,
    now: datetime | None = None,
    locale: Locale = "en",
    fake_share: float | None = None,
) -> CreatorAudit:
    """Audit every account of a creator; the largest audience is the main account.

    `fake_share` is the estimate from a follower-sample audit of the main account, if any.
    """
    moment = _now(now)
    accounts = queries.creator_accounts(session, workspace_id, creator_id)
    if not accounts:
        name = queries.creator_name(session, workspace_id, creator_id)
        if name is None:
            raise NotFound("creator.not_found.id", id=str(creator_id))
        return _creator_audit(
            [], {}, creator_id=creator_id, name=name, now=moment, locale=locale, fake_share=None
        )
    return _creator_audit(
        accounts,
        _load(session, accounts, moment),
        creator_id=creator_id,
        name=accounts[0].creator_name,
        now=moment,
        locale=locale,
        fake_share=fake_share,
    )


def audit_workspace(
    session: Session,
    *,
    workspace_id: int,
    now: datetime | None = None,
    locale: Locale = "en",
    progress: Progress = NO_PROGRESS,
) -> Iterator[CreatorAudit]:
    """Audit every creator that has an account, a batch of creators per round trip."""
    moment = _now(now)
    progress.stage("Auditing creators", None)
    for batch in queries.workspace_account_batches(session, workspace_id):
        data = _load(session, batch, moment)
        by_creator: dict[int, list[AccountInfo]] = {}
        for account in batch:
            by_creator.setdefault(account.creator_id, []).append(account)
        for creator_id, accounts in by_creator.items():
            yield _creator_audit(
                accounts,
                data,
                creator_id=creator_id,
                name=accounts[0].creator_name,
                now=moment,
                locale=locale,
                fake_share=None,
            )
        progress.advance(len(by_creator))


def history(
    session: Session,
    *,
    workspace_id: int,
    creator_id: int | None = None,
    account_id: int | None = None,
    now: datetime | None = None,
    days: int = HISTORY_DAYS,
    locale: Locale = "en",
) -> History:
    """The daily follower series of an account (or a creator's main account) and its events."""
    moment = _now(now)
    if account_id is not None:
        account = queries.account_info(session, workspace_id, account_id)
        if account is None:
            raise NotFound("creator.not_found.account_id", id=str(account_id))
    elif creator_id is not None:
        accounts = queries.creator_accounts(session, workspace_id, creator_id)
        if not accounts:
            raise NotFound("creator.not_found.no_account", id=str(creator_id))
        account = accounts[0]
    else:
        raise ValueError("history needs a creator_id or an account_id")
    data = _load(session, [account], moment, days)[account.id]
    points = tuple(_daily(data.snapshots))
    found = detect_follower_events([(p.day, p.followers) for p in points if p.measured])
    return History(
        account=account,
        locale=locale,
        points=points,
        change_points=found,
        events=explain_events(found.events, data.posts),
    )
