"""Reading and writing what the sources bring: credentials, quota, feeds, snapshots, posts
and comment samples."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from influent.domain.content import AccountData, PostData, SnapshotData
from influent.store.models import Account, Creator, Post, Snapshot
from influent.store.source_models import (
    AccountFeed,
    Comment,
    Discovery,
    QuotaUsage,
    SourceCredential,
)

__all__ = [
    "AccountFeed",
    "Discovery",
    "QuotaUsage",
    "SourceCredential",
    "add_discoveries",
    "add_quota_units",
    "apply_account_data",
    "credentials",
    "day_start",
    "feed_urls",
    "post_id",
    "quota_units",
    "recent_discoveries",
    "replace_comments",
    "save_credentials",
    "set_feed_url",
    "snapshot_days",
    "upsert_posts",
    "upsert_snapshot",
]


def credentials(session: Session, workspace_id: int) -> dict[str, dict[str, Any]]:
    """Every source's secrets for the workspace, by source name."""
    rows = session.execute(
        select(SourceCredential.source, SourceCredential.secrets).where(
            SourceCredential.workspace_id == workspace_id
        )
    )
    return {source: dict(secrets or {}) for source, secrets in rows}


def save_credentials(
    session: Session, workspace_id: int, source: str, secrets: dict[str, str]
) -> None:
    """Replace one source's secrets; an empty dict removes them."""
    row = session.scalar(
        select(SourceCredential).where(
            SourceCredential.workspace_id == workspace_id, SourceCredential.source == source
        )
    )
    if not secrets:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SourceCredential(workspace_id=workspace_id, source=source, secrets=secrets))
    else:
        row.secrets = dict(secrets)
        row.updated_at = datetime.now(UTC)
    session.flush()


def quota_units(session: Session, source: str, day: date) -> int:
    """Units already spent on `source` during its quota `day`."""
    return (
        session.scalar(
            select(QuotaUsage.units).where(QuotaUsage.source == source, QuotaUsage.day == day)
        )
        or 0
    )


def add_quota_units(session: Session, source: str, day: date, units: int) -> None:
    """Count `units` more for the day, in one statement so two processes add up correctly."""
    if units <= 0:
        return
    changed = session.execute(
        update(QuotaUsage)
        .where(QuotaUsage.source == source, QuotaUsage.day == day)
        .values(units=QuotaUsage.units + units)
    )
    if getattr(changed, "rowcount", 0) == 0:
        session.add(QuotaUsage(source=source, day=day, units=units))
    session.flush()


def feed_urls(session: Session, account_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(account_ids))
    found: dict[int, str] = {}
    for start in range(0, len(ids), 5_000):
        rows = session.execute(
            select(AccountFeed.account_id, AccountFeed.feed_url).where(
                AccountFeed.account_id.in_(ids[start : start + 5_000])
            )
        )
        found.update({account_id: url for account_id, url in rows})
    return found


def set_feed_url(session: Session, account_id: int, feed_url: str) -> None:
    row = session.scalar(select(AccountFeed).where(AccountFeed.account_id == account_id))
    if row is None:
        session.add(AccountFeed(account_id=account_id, feed_url=feed_url))
    elif row.feed_url != feed_url:
        row.feed_url = feed_url
        row.updated_at = datetime.now(UTC)


def add_discoveries(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(Discovery), list(rows))


def recent_discoveries(
    session: Session, workspace_id: int, *, rows: int = 500
) -> list[tuple[str, str, datetime, int, str, float]]:
    """The latest discovery rows, newest first: query, source, found at, creator id and name,
    score."""
    stmt = (
        select(
            Discovery.query,
            Discovery.source,
            Discovery.found_at,
            Discovery.creator_id,
            Creator.name,
            Discovery.score,
        )
        .join(Creator, Creator.id == Discovery.creator_id)
        .where(Discovery.workspace_id == workspace_id)
        .order_by(Discovery.found_at.desc(), Discovery.id)
        .limit(rows)
    )
    return [(q, s, f, c, n, sc) for q, s, f, c, n, sc in session.execute(stmt)]


def day_start(moment: datetime) -> datetime:
    """Midnight UTC of the day `moment` falls on: snapshots are kept one per day."""
    return datetime.combine(moment.astimezone(UTC).date(), time(0), tzinfo=UTC)


def snapshot_days(session: Session, account_ids: Iterable[int], day: datetime) -> set[int]:
    """The accounts among `account_ids` that already have a snapshot for `day`."""
    ids = sorted(set(account_ids))
    found: set[int] = set()
    for start in range(0, len(ids), 5_000):
        found.update(
            session.scalars(
                select(Snapshot.account_id).where(
                    Snapshot.account_id.in_(ids[start : start + 5_000]),
                    Snapshot.taken_at == day_start(day),
                )
            )
        )
    return found


_NUMBERS = ("followers", "following", "posts_count", "total_views")


def upsert_snapshot(session: Session, account_id: int, snapshot: SnapshotData) -> bool:
    """One snapshot per account and day: today's numbers replace today's earlier ones.

    Returns True when a new day's row was written.
    """
    taken_at = day_start(snapshot.taken_at)
    values = {n: getattr(snapshot, n) for n in _NUMBERS}
    row = session.scalar(
        select(Snapshot).where(Snapshot.account_id == account_id, Snapshot.taken_at == taken_at)
    )
    if row is None:
        session.add(
            Snapshot(account_id=account_id, taken_at=taken_at, source=snapshot.source, **values)
        )
        return True
    for name, value in values.items():
        if value is not None:
            setattr(row, name, value)
    row.source = snapshot.source
    return False


_POST_FIELDS = ("kind", "title", "caption", "url", "published_at", "likes", "comments", "views")


def upsert_posts(
    session: Session,
    account_id: int,
    posts: Sequence[PostData],
    *,
    source: str,
    fetched_at: datetime,
) -> int:
    """Insert new posts and refresh the counters of known ones (matched by external id)."""
    if not posts:
        return 0
    unique = {p.external_id[:200]: p for p in posts}
    rows = session.execute(
        select(Post.external_id, Post.id).where(
            Post.account_id == account_id, Post.external_id.in_(list(unique))
        )
    )
    known: dict[str, int] = {external_id: post_id for external_id, post_id in rows}
    fresh, changed = [], []
    for external_id, post in unique.items():
        values: dict[str, Any] = {f: getattr(post, f) for f in _POST_FIELDS}
        values.update(kind=str(post.kind), shares=post.shares, source=source, fetched_at=fetched_at)
        if external_id in known:
            changed.append({**values, "id": known[external_id]})
        else:
            fresh.append({**values, "account_id": account_id, "external_id": external_id})
    if fresh:
        session.execute(insert(Post), fresh)
    for values in changed:
        post_id = values.pop("id")
        # Counters the source did not send stay as they were.
        session.execute(
            update(Post)
            .where(Post.id == post_id)
            .values({k: v for k, v in values.items() if v is not None})
        )
    return len(fresh)


def apply_account_data(session: Session, account: Account, data: AccountData) -> tuple[bool, int]:
    """Write what a source said about an account: numbers, today's snapshot, posts.

    Returns (a new snapshot day was written, posts added).
    """
    if data.url and not account.url:
        account.url = data.url
    if data.external_id and not account.external_id:
        account.external_id = data.external_id
    new_day = False
    snapshot = data.snapshot
    if snapshot is not None and any(getattr(snapshot, n) is not None for n in _NUMBERS):
        for name in _NUMBERS:
            value = getattr(snapshot, name)
            if value is not None:
                setattr(account, name, value)
        account.stats_source = snapshot.source
        account.stats_updated_at = snapshot.taken_at
        session.flush()
        new_day = upsert_snapshot(session, account.id, snapshot)
    elif data.posts:
        # A blog feed carries no audience numbers; its posts still date the account.
        account.stats_source = data.source
        account.stats_updated_at = data.fetched_at
    added = upsert_posts(
        session, account.id, data.posts, source=data.source, fetched_at=data.fetched_at
    )
    session.flush()
    return new_day, added


def post_id(session: Session, account_id: int, reference: str) -> int | None:
    """The id of the account's post whose external id or URL is `reference`."""
    found: int | None = session.scalar(
        select(Post.id)
        .where(Post.account_id == account_id)
        .where(or_(Post.external_id == reference, Post.url == reference))
        .order_by(Post.id)
        .limit(1)
    )
    return found


def replace_comments(
    session: Session,
    post_id: int,
    comments: Sequence[tuple[str, str | None, datetime | None]],
    *,
    source: str,
    fetched_at: datetime,
) -> None:
    """Make `comments` (text, author, date) the post's sample from `source`."""
    session.execute(delete(Comment).where(Comment.post_id == post_id, Comment.source == source))
    if comments:
        session.execute(
            insert(Comment),
            [
                {
                    "post_id": post_id,
                    "text": text,
                    "author": author,
                    "published_at": published,
                    "source": source,
                    "fetched_at": fetched_at,
                }
                for text, author, published in comments
            ],
        )
