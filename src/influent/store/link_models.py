"""Tracked links and their clicks, with counters and daily rollups kept current by each write.

Clicks are written by the redirect's group-commit writer (`store/link_clicks.py`) with plain
SQL, so the column types here are the ones that writer binds.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from influent.store.models import ID, Base, utcnow

__all__ = ["Link", "LinkClick", "LinkDay", "LinkVisitor", "VisitorSalt"]


class Link(Base):
    __tablename__ = "links"
    __table_args__ = (
        # One host serves /r/{key} for every workspace of an instance, so a key is unique on
        # that host (Dub's unique (domain, key)), whatever its case.
        UniqueConstraint("key_lower"),
        Index("ix_links_workspace_campaign", "workspace_id", "campaign_id"),
        Index("ix_links_creator_id", "creator_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    creator_id: Mapped[int | None] = mapped_column(
        ForeignKey("creators.id", ondelete="SET NULL"), nullable=True
    )
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    platform: Mapped[str | None] = mapped_column(String(20), nullable=True)
    handle: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(64))
    key_lower: Mapped[str] = mapped_column(String(64))
    destination: Mapped[str] = mapped_column(String(2000))
    utm_source: Mapped[str | None] = mapped_column(String(200), nullable=True)
    utm_medium: Mapped[str | None] = mapped_column(String(200), nullable=True)
    utm_campaign: Mapped[str | None] = mapped_column(String(200), nullable=True)
    utm_content: Mapped[str | None] = mapped_column(String(200), nullable=True)
    utm_term: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # The destination with its UTM parameters: what the redirect sends, computed once.
    target_url: Mapped[str] = mapped_column(String(3000))
    clicks_human: Mapped[int] = mapped_column(BigInteger, default=0)
    clicks_bot: Mapped[int] = mapped_column(BigInteger, default=0)
    visitors: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LinkClick(Base):
    """One request to /r/{key}. No IP address: only the day's visitor hash."""

    __tablename__ = "link_clicks"
    __table_args__ = (
        Index("ix_link_clicks_link_at", "link_id", "at"),
        # Attribution looks up an order's visitor among every click (migration 0012).
        Index("ix_link_clicks_visitor_at", "visitor", "at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("links.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column()
    visitor: Mapped[str] = mapped_column(String(32))
    is_bot: Mapped[bool] = mapped_column(Boolean)
    agent: Mapped[str] = mapped_column(String(20))


class LinkDay(Base):
    """Clicks of one link on one UTC day: what every chart and report reads."""

    __tablename__ = "link_days"

    link_id: Mapped[int] = mapped_column(
        ForeignKey("links.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    human: Mapped[int] = mapped_column(BigInteger, default=0)
    bot: Mapped[int] = mapped_column(BigInteger, default=0)
    visitors: Mapped[int] = mapped_column(BigInteger, default=0)


class LinkVisitor(Base):
    """Visitors already counted on a link today; rows older than yesterday are deleted."""

    __tablename__ = "link_visitors"

    link_id: Mapped[int] = mapped_column(
        ForeignKey("links.id", ondelete="CASCADE"), primary_key=True
    )
    visitor: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)


class VisitorSalt(Base):
    """The random salt of one day's visitor hashes; deleted after two days (never recoverable)."""

    __tablename__ = "visitor_salts"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    salt: Mapped[str] = mapped_column(String(64))
