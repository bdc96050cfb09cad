"""Orders, refunds and the daily order rollups that reports read instead of raw orders."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from influent.store.models import ID, Base, utcnow

__all__ = ["Order", "OrderRollup", "PortalLink", "Refund", "WebhookDelivery"]


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("workspace_id", "source", "source_id"),
        Index("ix_orders_ws_placed", "workspace_id", "placed_at"),
        Index("ix_orders_ws_campaign", "workspace_id", "campaign_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    placed_at: Mapped[datetime]
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    subtotal_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    discount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    # A refunded total the source states on the order itself (an export's "Refunded Amount");
    # the order counts the larger of it and the sum of its refund records, never both.
    stated_refund_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="paid")
    landing_site: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    referring_site: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    # A salted SHA-256 of the buyer's email, for deduplication; the email itself is not kept.
    customer: Mapped[str | None] = mapped_column(String(64), nullable=True)
    method: Mapped[str] = mapped_column(String(10), default="none")
    creator_id: Mapped[int | None] = mapped_column(
        ForeignKey("creators.id", ondelete="SET NULL"), nullable=True
    )
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), nullable=True
    )
    deal_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    link_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    reason: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Refund(Base):
    __tablename__ = "refunds"
    __table_args__ = (
        UniqueConstraint("workspace_id", "source", "source_id"),
        Index("ix_refunds_ws_order", "workspace_id", "source", "order_source_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[str] = mapped_column(String(100))
    # Refunds may arrive before their order: they point at the order by its id at the source.
    order_source_id: Mapped[str] = mapped_column(String(100))
    refunded_at: Mapped[datetime]
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(BigInteger)


class OrderRollup(Base):
    """Orders and money per workspace, campaign, creator, day and currency, kept current as
    orders and refunds are written. 0 stands for "no campaign" / "no creator" (unattributed)."""

    __tablename__ = "order_rollups"
    __table_args__ = (
        UniqueConstraint("workspace_id", "campaign_id", "creator_id", "day", "currency"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    campaign_id: Mapped[int] = mapped_column(BigInteger, default=0)
    creator_id: Mapped[int] = mapped_column(BigInteger, default=0)
    day: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    orders: Mapped[int] = mapped_column(Integer, default=0)
    revenue_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    refunded_minor: Mapped[int] = mapped_column(BigInteger, default=0)


class WebhookDelivery(Base):
    """Each webhook delivery seen once: a replay is acknowledged and ignored."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("workspace_id", "source", "delivery_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(20))
    delivery_id: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(60))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class PortalLink(Base):
    """A creator's private page for one campaign: unguessable, revocable, no account needed.

    Only the SHA-256 of the token is stored; the link is shown once, when it is made.
    """

    __tablename__ = "portal_links"
    __table_args__ = (
        UniqueConstraint("token_hash"),
        Index("ix_portal_links_ws_campaign_creator", "workspace_id", "campaign_id", "creator_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(ForeignKey("creators.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
