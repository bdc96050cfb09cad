"""Reading what a workspace-wide quality refresh needs, as columns rather than objects.

Follower snapshots are most of the rows (one per account and day), so they come back as
three integer arrays (account, UTC day number, followers) without building a datetime or
an object per row; only the latest snapshot of each account comes back as a value.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt
from sqlalchemy import BigInteger, ColumnElement, cast, func, select
from sqlalchemy.orm import Session, aliased

from influent.domain.content import SnapshotData
from influent.store.models import Account, Snapshot
from influent.store.vetting_queries import AccountInfo, _info_query, _infos

__all__ = ["FollowerDays", "follower_days", "latest_snapshots", "workspace_accounts"]

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True, slots=True)
class FollowerDays:
    """Snapshot rows with a follower count, ordered by account then time.

    `day` is the UTC day number (days since 1970-01-01) of each snapshot.
    """

    account_id: npt.NDArray[np.int64]
    day: npt.NDArray[np.int64]
    followers: npt.NDArray[np.int64]


def workspace_accounts(session: Session, workspace_id: int) -> list[AccountInfo]:
    """Every account of a workspace, grouped by creator, largest audience first."""
    stmt = (
        _info_query()
        .where(Account.workspace_id == workspace_id)
        .order_by(Account.creator_id, Account.followers.desc().nulls_last(), Account.id)
    )
    return _infos(session.execute(stmt).all())


def _day_number(session: Session) -> ColumnElement[int]:
    if session.get_bind().dialect.name == "sqlite":
        # Stored as 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC; strftime('%s') reads it as UTC.
        seconds = cast(func.strftime("%s", Snapshot.taken_at), BigInteger)
        # Integer division of integers: a floor, as the day is after 1970.
        return (seconds // SECONDS_PER_DAY).label("day")
    epoch = func.extract("epoch", Snapshot.taken_at)
    return cast(func.floor(epoch / SECONDS_PER_DAY), BigInteger).label("day")


def follower_days(
    session: Session, account_ids: Sequence[int], *, since: datetime, until: datetime
) -> FollowerDays:
    """Follower counts of the snapshots taken in [since, until], as columns."""
    stmt = (
        select(Snapshot.account_id, _day_number(session), Snapshot.followers)
        .where(
            Snapshot.account_id.in_(list(account_ids)),
            Snapshot.taken_at >= since,
            Snapshot.taken_at <= until,
            Snapshot.followers.is_not(None),
        )
        .order_by(Snapshot.account_id, Snapshot.taken_at)
    )
    flat = itertools.chain.from_iterable(session.execute(stmt))
    table = np.fromiter(flat, dtype=np.int64).reshape(-1, 3)
    return FollowerDays(table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy())


def latest_snapshots(
    session: Session, account_ids: Sequence[int], *, since: datetime, until: datetime
) -> dict[int, SnapshotData]:
    """The latest snapshot with a follower count taken in [since, until], per account."""
    # The latest time per account comes from the (account_id, taken_at) index: a seek per
    # account, where numbering every snapshot would sort them all.
    inner = aliased(Snapshot)
    newest = (
        select(func.max(inner.taken_at))
        .where(
            inner.account_id == Account.id,
            inner.taken_at >= since,
            inner.taken_at <= until,
            inner.followers.is_not(None),
        )
        .scalar_subquery()
    )
    stmt = (
        select(
            Snapshot.account_id,
            Snapshot.taken_at,
            Snapshot.followers,
            Snapshot.following,
            Snapshot.source,
        )
        .select_from(Account)
        .join(Snapshot, (Snapshot.account_id == Account.id) & (Snapshot.taken_at == newest))
        .where(Account.id.in_(list(account_ids)))
    )
    return {
        account_id: SnapshotData(taken_at, source, followers, following)
        for account_id, taken_at, followers, following, source in session.execute(stmt)
    }
