"""Follower history: an account's daily follower series, filled between snapshots, and the
spikes and drops found in it with the posts around them."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from influent.analytics.changepoints import detect_follower_events, explain_events
from influent.domain.content import SnapshotData
from influent.domain.quality import Locale
from influent.services.creators.profiles import NotFound
from influent.services.vetting.results import HISTORY_DAYS, DailyPoint, History
from influent.store import vetting_queries as queries
from influent.store.vetting_queries import AccountHistory, AccountInfo

__all__ = ["daily_points", "history", "load_histories", "measured_days", "utc_now"]


def utc_now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def measured_days(snapshots: Sequence[SnapshotData]) -> list[tuple[date, int]]:
    """The last known followers of each UTC day that has a snapshot, in day order."""
    by_day: dict[date, int] = {}
    for s in snapshots:
        if s.followers is not None:
            by_day[s.taken_at.astimezone(UTC).date()] = s.followers
    return sorted(by_day.items())


def daily_points(snapshots: Sequence[SnapshotData]) -> list[DailyPoint]:
    """Last known followers per UTC day, gaps filled by linear interpolation."""
    by_day = dict(measured_days(snapshots))
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


def load_histories(
    session: Session, accounts: Sequence[AccountInfo], now: datetime, days: int = HISTORY_DAYS
) -> dict[int, AccountHistory]:
    return queries.load_histories(
        session, [a.id for a in accounts], since=now - timedelta(days=days), until=now
    )


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
    moment = utc_now(now)
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
    data = load_histories(session, [account], moment, days)[account.id]
    points = tuple(daily_points(data.snapshots))
    found = detect_follower_events([(p.day, p.followers) for p in points if p.measured])
    return History(
        account=account,
        locale=locale,
        points=points,
        change_points=found,
        events=explain_events(found.events, data.posts),
    )
