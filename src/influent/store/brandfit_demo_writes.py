"""Writes of the brand-fit demo: a creator with one account and its posts, in one call."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.domain.rows import search_text
from influent.domain.values import normalise_key
from influent.store.models import Account, Creator, Post, Snapshot
from influent.store.source_models import Comment

__all__ = ["add_creator_with_posts", "snapshot_span"]


def snapshot_span(session: Session, workspace_id: int) -> tuple[datetime, datetime] | None:
    """The first and last snapshot times of the workspace's accounts."""
    first, last = session.execute(
        select(func.min(Snapshot.taken_at), func.max(Snapshot.taken_at))
        .join(Account, Account.id == Snapshot.account_id)
        .where(Account.workspace_id == workspace_id)
    ).one()
    if first is None or last is None:
        return None
    return first, last


def add_creator_with_posts(
    session: Session,
    *,
    workspace_id: int,
    name: str,
    handle: str,
    platform: str,
    followers: int,
    engagement_rate: float,
    language: str,
    country: str,
    category: str,
    bio: str,
    posts: Sequence[str],
    now: datetime,
    span: tuple[datetime, datetime] | None,
    comments: Sequence[str] = (),
) -> int:
    """A creator, its account, its posts and, over `span`, a daily snapshot of slow growth."""
    creator = Creator(
        workspace_id=workspace_id,
        name=name,
        name_key=normalise_key(name),
        language=language,
        country=country,
        category=category,
        custom_fields={"bio": bio},
        platform=platform,
        handle=handle,
        followers=followers,
        engagement_rate=engagement_rate,
        search_text=search_text(name, handle, None, category),
    )
    session.add(creator)
    session.flush()
    account = Account(
        workspace_id=workspace_id,
        creator_id=creator.id,
        platform=platform,
        handle=handle,
        handle_key=handle.lower(),
        url=f"https://www.instagram.com/{handle}/" if platform == "instagram" else None,
        followers=followers,
        total_views=followers * 40 if platform == "youtube" else None,
        engagement_rate=engagement_rate,
        stats_source="demo",
        stats_updated_at=now,
    )
    session.add(account)
    session.flush()
    newest: Post | None = None
    for k, caption in enumerate(posts):
        external = f"bf-{handle}-{k}"
        newest = Post(
            account_id=account.id,
            external_id=external,
            kind="post" if platform == "instagram" else "video",
            caption=caption,
            url=f"https://www.instagram.com/p/{external}/"
            if platform == "instagram"
            else f"https://www.youtube.com/watch?v={external}",
            published_at=now - timedelta(days=3 * (len(posts) - k), hours=2),
            likes=int(followers * engagement_rate * 0.95),
            comments=int(followers * engagement_rate * 0.05),
            source="demo",
        )
        session.add(newest)
    session.flush()
    if newest is not None:
        for text in comments:
            session.add(
                Comment(
                    post_id=newest.id, text=text, published_at=newest.published_at, source="demo"
                )
            )
    if span is not None:
        days = (span[1] - span[0]).days
        for day in range(days + 1):
            session.add(
                Snapshot(
                    account_id=account.id,
                    taken_at=span[0] + timedelta(days=day),
                    followers=followers - (days - day) * max(1, followers // 2_000),
                    total_views=followers * 40 - (days - day) * 500
                    if platform == "youtube"
                    else None,
                    source="demo",
                )
            )
    session.flush()
    return creator.id
