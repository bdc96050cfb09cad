"""Tables of the sources layer: credentials, discovery provenance, quota use, feed addresses
and comment samples."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from influent.store.models import ID, Base, utcnow

__all__ = ["AccountFeed", "Comment", "Discovery", "QuotaUsage", "SourceCredential"]


class SourceCredential(Base):
    """A workspace's secrets for one source, e.g. {'api_key': …} for YouTube."""

    __tablename__ = "source_credentials"
    __table_args__ = (
        UniqueConstraint("workspace_id", "source"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(40))
    secrets: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Discovery(Base):
    """Why a creator is in the workspace: one row per query and source that found them.

    The funnel's first stage, "identified", is a creator with at least one of these rows.
    """

    __tablename__ = "discoveries"
    __table_args__ = (
        Index("ix_discoveries_ws_found", "workspace_id", "found_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creators.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    query: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(40))
    rank: Mapped[int] = mapped_column()
    score: Mapped[float] = mapped_column(Float)
    found_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuotaUsage(Base):
    """API units spent per source and quota day, so the count survives restarts."""

    __tablename__ = "quota_usage"
    __table_args__ = (
        UniqueConstraint("source", "day"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    units: Mapped[int] = mapped_column(BigInteger, default=0)


class AccountFeed(Base):
    """The RSS or Atom address behind a blog or podcast account, found once and reused."""

    __tablename__ = "account_feeds"
    __table_args__ = (
        UniqueConstraint("account_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    feed_url: Mapped[str] = mapped_column(String(1000))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Comment(Base):
    """A comment from a post's sample of comments: what the comment-authenticity signal reads.

    Samples are replaced, not merged: a new sample of a post from a source takes the place
    of that source's previous one.
    """

    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_post_source", "post_id", "source"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(300))
    published_at: Mapped[datetime | None] = mapped_column()
    source: Mapped[str] = mapped_column(String(40))
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
