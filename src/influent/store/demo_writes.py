"""Bulk writes for the demo workspace: a year of daily snapshots and posts, and a clean wipe."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from influent.store.models import (
    Account,
    Creator,
    CreatorTag,
    Membership,
    Note,
    Post,
    Snapshot,
    Tag,
    User,
    Workspace,
)
from influent.store.source_models import Comment, Discovery

__all__ = [
    "BATCH",
    "delete_users",
    "delete_workspace",
    "insert_comments",
    "insert_notes",
    "insert_posts",
    "insert_snapshots",
    "insert_tags",
    "is_member",
    "last_posts",
    "workspace_counts",
]

BATCH = 5_000


def _insert_stream(
    session: Session,
    model: type[Any],
    rows: Iterable[dict[str, Any]],
    progress: Callable[[int], None] | None,
) -> int:
    # Core executemany, one batch at a time, so a year of rows never sits in memory at once.
    connection = session.connection()
    stmt = insert(model.__table__)
    written = 0
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, BATCH)):
        connection.execute(stmt, batch)
        written += len(batch)
        if progress:
            progress(len(batch))
    return written


def insert_snapshots(
    session: Session,
    rows: Iterable[dict[str, Any]],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert snapshot rows (account_id, taken_at, counters, source); returns how many."""
    return _insert_stream(session, Snapshot, rows, progress)


def insert_posts(
    session: Session,
    rows: Iterable[dict[str, Any]],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert post rows; returns how many."""
    return _insert_stream(session, Post, rows, progress)


def insert_notes(session: Session, rows: Iterable[dict[str, Any]]) -> int:
    return _insert_stream(session, Note, rows, None)


def insert_tags(session: Session, workspace_id: int, pairs: Iterable[tuple[int, str]]) -> int:
    """Create the tags named in (creator id, tag) pairs in a fresh workspace and link them.

    Returns how many tags were created.
    """
    wanted = sorted(set(pairs))
    names = sorted({name for _, name in wanted})
    if not names:
        return 0
    session.execute(insert(Tag), [{"workspace_id": workspace_id, "name": n} for n in names])
    rows = session.execute(
        select(Tag.name, Tag.id).where(Tag.workspace_id == workspace_id, Tag.name.in_(names))
    )
    ids = {name: tag_id for name, tag_id in rows}
    session.execute(
        insert(CreatorTag), [{"creator_id": c, "tag_id": ids[name]} for c, name in wanted]
    )
    return len(names)


def is_member(session: Session, workspace_id: int, email: str) -> bool:
    """Whether the user with `email` belongs to the workspace."""
    found = session.scalar(
        select(Membership.id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.workspace_id == workspace_id, User.email == email)
    )
    return found is not None


def delete_workspace(session: Session, workspace_id: int) -> None:
    """Remove a workspace and everything in it, children first.

    Explicit deletes rather than relying on ON DELETE CASCADE, so the wipe does not
    depend on SQLite's foreign-key pragma being on.
    """
    accounts = select(Account.id).where(Account.workspace_id == workspace_id)
    creators = select(Creator.id).where(Creator.workspace_id == workspace_id)
    session.execute(delete(Discovery).where(Discovery.workspace_id == workspace_id))
    session.execute(delete(Snapshot).where(Snapshot.account_id.in_(accounts)))
    session.execute(delete(Post).where(Post.account_id.in_(accounts)))
    session.execute(delete(CreatorTag).where(CreatorTag.creator_id.in_(creators)))
    session.execute(delete(Note).where(Note.creator_id.in_(creators)))
    session.execute(delete(Tag).where(Tag.workspace_id == workspace_id))
    session.execute(delete(Account).where(Account.workspace_id == workspace_id))
    session.execute(delete(Creator).where(Creator.workspace_id == workspace_id))
    session.execute(delete(Membership).where(Membership.workspace_id == workspace_id))
    session.execute(delete(Workspace).where(Workspace.id == workspace_id))
    session.expire_all()


def delete_users(session: Session, emails: Iterable[str]) -> None:
    """Remove users by email, with their memberships."""
    wanted = [e.lower() for e in emails]
    ids = select(User.id).where(User.email.in_(wanted))
    session.execute(delete(Membership).where(Membership.user_id.in_(ids)))
    session.execute(delete(User).where(User.email.in_(wanted)))
    session.expire_all()


def workspace_counts(session: Session, workspace_id: int) -> dict[str, int]:
    """How many creators, accounts, snapshots, posts, tags and notes a workspace holds."""
    accounts = select(Account.id).where(Account.workspace_id == workspace_id)
    creators = select(Creator.id).where(Creator.workspace_id == workspace_id)

    def count(stmt: Any) -> int:
        return int(session.scalar(stmt) or 0)

    return {
        "creators": count(select(func.count()).select_from(creators.subquery())),
        "accounts": count(select(func.count()).select_from(accounts.subquery())),
        "snapshots": count(
            select(func.count()).select_from(Snapshot).where(Snapshot.account_id.in_(accounts))
        ),
        "posts": count(select(func.count()).select_from(Post).where(Post.account_id.in_(accounts))),
        "tags": count(
            select(func.count()).select_from(Tag).where(Tag.workspace_id == workspace_id)
        ),
        "notes": count(select(func.count()).select_from(Note).where(Note.creator_id.in_(creators))),
    }


def last_posts(session: Session, account_ids: Iterable[int], count: int) -> dict[int, list[int]]:
    """The ids of each account's `count` newest posts, newest first."""
    wanted = set(account_ids)
    found: dict[int, list[int]] = {}
    rows = session.execute(
        select(Post.account_id, Post.id)
        .where(Post.account_id.in_(sorted(wanted)))
        .order_by(Post.account_id, Post.published_at.desc(), Post.id.desc())
    )
    for account_id, post_id in rows:
        mine = found.setdefault(account_id, [])
        if len(mine) < count:
            mine.append(post_id)
    return found


def insert_comments(session: Session, rows: Iterable[dict[str, Any]]) -> int:
    """Insert comment rows; returns how many."""
    return _insert_stream(session, Comment, rows, None)
