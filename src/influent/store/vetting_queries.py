"""Reading what vetting needs: an account's snapshots and recent posts, one or many at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from influent.domain.content import PostData, SnapshotData
from influent.domain.platforms import PostKind
from influent.store.models import Account, Creator, Post, Snapshot
from influent.store.source_models import Comment

__all__ = [
    "BATCH",
    "AccountHistory",
    "AccountInfo",
    "account_info",
    "accounts_of_creators",
    "creator_accounts",
    "creator_name",
    "load_histories",
    "workspace_account_batches",
]

# Accounts per round trip: large enough to amortise the query, small enough that the
# IN list stays well under SQLite's bound-parameter limit and the rows fit in memory.
BATCH = 500


@dataclass(frozen=True, slots=True)
class AccountInfo:
    """An account and the creator it belongs to, as plain values."""

    id: int
    creator_id: int
    creator_name: str
    platform: str
    handle: str
    url: str | None
    followers: int | None
    following: int | None
    stats_updated_at: datetime | None
    # Where the profile's numbers came from ('import', 'manual', a source) and the
    # engagement rate stored with them (stated in a file, or computed by a source).
    stats_source: str | None = None
    engagement_rate: float | None = None


@dataclass(frozen=True, slots=True)
class AccountHistory:
    """Snapshots in time order and posts newest first, for one account."""

    snapshots: tuple[SnapshotData, ...]
    posts: tuple[PostData, ...]
    # Sampled comments of the last posts, or None when no sample has been collected.
    comment_texts: tuple[str, ...] | None = None


_InfoRow = tuple[
    int,
    int,
    str,
    str,
    str,
    str | None,
    int | None,
    int | None,
    datetime | None,
    str | None,
    float | None,
]


def _info_query() -> Select[*_InfoRow]:
    return select(
        Account.id,
        Account.creator_id,
        Creator.name,
        Account.platform,
        Account.handle,
        Account.url,
        Account.followers,
        Account.following,
        Account.stats_updated_at,
        Account.stats_source,
        Account.engagement_rate,
    ).join(Creator, Creator.id == Account.creator_id)


def _infos(rows: Sequence[_InfoRow]) -> list[AccountInfo]:
    return [AccountInfo(*row) for row in rows]


def creator_accounts(session: Session, workspace_id: int, creator_id: int) -> list[AccountInfo]:
    """A creator's accounts, largest audience first (the first is the main account)."""
    stmt = (
        _info_query()
        .where(Account.workspace_id == workspace_id, Account.creator_id == creator_id)
        .order_by(Account.followers.desc().nulls_last(), Account.id)
    )
    return _infos(session.execute(stmt).all())


def creator_name(session: Session, workspace_id: int, creator_id: int) -> str | None:
    return session.scalar(
        select(Creator.name).where(Creator.workspace_id == workspace_id, Creator.id == creator_id)
    )


def account_info(session: Session, workspace_id: int, account_id: int) -> AccountInfo | None:
    stmt = _info_query().where(Account.workspace_id == workspace_id, Account.id == account_id)
    rows = _infos(session.execute(stmt).all())
    return rows[0] if rows else None


def workspace_account_batches(
    session: Session, workspace_id: int, *, size: int = BATCH
) -> Iterator[list[AccountInfo]]:
    """Every account of a workspace, grouped by creator, `size` creators or so at a time.

    Keyset pagination on the creator id keeps each page as cheap as the first.
    """
    after = 0
    while True:
        creator_ids = list(
            session.scalars(
                select(Creator.id)
                .where(Creator.workspace_id == workspace_id, Creator.id > after)
                .order_by(Creator.id)
                .limit(size)
            )
        )
        if not creator_ids:
            return
        stmt = (
            _info_query()
            .where(Account.creator_id.in_(creator_ids))
            .order_by(Account.creator_id, Account.followers.desc().nulls_last(), Account.id)
        )
        yield _infos(session.execute(stmt).all())
        after = creator_ids[-1]


def accounts_of_creators(
    session: Session, workspace_id: int, creator_ids: Sequence[int]
) -> list[AccountInfo]:
    """The accounts of these creators, grouped by creator, largest audience first."""
    stmt = (
        _info_query()
        .where(Account.workspace_id == workspace_id, Account.creator_id.in_(list(creator_ids)))
        .order_by(Account.creator_id, Account.followers.desc().nulls_last(), Account.id)
    )
    return _infos(session.execute(stmt).all())


_KINDS = {k.value: k for k in PostKind}


def _kind(value: str) -> PostKind:
    return _KINDS.get(value, PostKind.OTHER)


def load_histories(
    session: Session,
    account_ids: Sequence[int],
    *,
    since: datetime,
    until: datetime,
    last_posts: int = 12,
    with_snapshots: bool = True,
) -> dict[int, AccountHistory]:
    """Snapshots taken in [since, until] and posts published in [since, until] or among the
    last `last_posts` before `until`, for each account, with the comments sampled from
    those last posts. Three queries per call (two without the snapshots)."""
    ids = list(dict.fromkeys(account_ids))
    snapshots: dict[int, list[SnapshotData]] = {i: [] for i in ids}
    posts: dict[int, list[PostData]] = {i: [] for i in ids}
    if not ids:
        return {}
    # Core statements on the session's connection: the same rows without the ORM's per-row
    # bookkeeping (these are the widest results of an audit).
    connection = session.connection()
    snapshot_rows = (
        connection.execute(
            # Only the columns vetting reads: this is the widest result, a row per account-day.
            select(
                Snapshot.account_id,
                Snapshot.taken_at,
                Snapshot.followers,
                Snapshot.following,
                Snapshot.source,
            )
            .where(
                Snapshot.account_id.in_(ids),
                Snapshot.taken_at >= since,
                Snapshot.taken_at <= until,
            )
            .order_by(Snapshot.account_id, Snapshot.taken_at)
        )
        if with_snapshots
        else ()
    )
    for account_id, taken_at, followers, following, source in snapshot_rows:
        snapshots[account_id].append(SnapshotData(taken_at, source, followers, following))
    # The last N posts are wanted even when older than the window (a creator who paused),
    # so rank them per account and keep the union of "recent" and "in the window".
    rank = (
        select(
            Post.account_id,
            Post.external_id,
            Post.published_at,
            Post.kind,
            Post.title,
            Post.caption,
            Post.url,
            Post.likes,
            Post.comments,
            Post.views,
            Post.shares,
            Post.id.label("post_id"),
        )
        .add_columns(
            func.row_number()
            .over(
                partition_by=Post.account_id,
                order_by=(Post.published_at.desc(), Post.id.desc()),
            )
            .label("rn")
        )
        .where(Post.account_id.in_(ids), Post.published_at <= until)
        .subquery()
    )
    ranked = rank.c
    post_rows = connection.execute(
        select(
            ranked.account_id,
            ranked.external_id,
            ranked.published_at,
            ranked.kind,
            ranked.title,
            ranked.caption,
            ranked.url,
            ranked.likes,
            ranked.comments,
            ranked.views,
            ranked.shares,
        )
        .where(or_(ranked.rn <= last_posts, ranked.published_at >= since))
        .order_by(ranked.account_id, ranked.published_at.desc(), ranked.post_id.desc())
    )
    for (
        account_id,
        ext,
        published,
        kind,
        title,
        caption,
        url,
        likes,
        comments,
        views,
        shares,
    ) in post_rows:
        posts[account_id].append(
            PostData(
                external_id=ext,
                published_at=published,
                kind=_kind(kind),
                title=title,
                caption=caption,
                url=url,
                likes=likes,
                comments=comments,
                views=views,
                shares=shares,
            )
        )
    sampled: dict[int, list[str]] = {i: [] for i in ids}
    comment_rows = connection.execute(
        select(ranked.account_id, Comment.text)
        .join(Comment, Comment.post_id == ranked.post_id)
        .where(ranked.rn <= last_posts)
        .order_by(ranked.account_id, Comment.id)
    )
    for account_id, text in comment_rows:
        sampled[account_id].append(text)
    return {
        i: AccountHistory(tuple(snapshots[i]), tuple(posts[i]), tuple(sampled[i]) or None)
        for i in ids
    }
