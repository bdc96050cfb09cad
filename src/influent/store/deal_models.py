"""Deals: what a creator delivers for a campaign, at what price, with which promo code."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from influent.store.models import ID, Base, utcnow

__all__ = ["CampaignDiscount", "Deal", "DealEvent", "Deliverable", "PromoCode"]


class PromoCode(Base):
    """A discount code; unique in the workspace (compared upper-case)."""

    __tablename__ = "promo_codes"
    __table_args__ = (UniqueConstraint("workspace_id", "code"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )
    creator_id: Mapped[int | None] = mapped_column(
        ForeignKey("creators.id", ondelete="SET NULL"), index=True
    )
    code: Mapped[str] = mapped_column(String(40))
    # percent: `percent_off` (1-100); fixed: `amount_off_minor` in `currency`.
    kind: Mapped[str] = mapped_column(String(10), default="percent")
    percent_off: Mapped[int | None] = mapped_column(Integer)
    amount_off_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    usage_limit: Mapped[int | None] = mapped_column(Integer)
    times_used: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CampaignDiscount(Base):
    """A campaign's discount level: for everyone (tier NULL) or for one creator tier."""

    __tablename__ = "campaign_discounts"
    __table_args__ = (UniqueConstraint("campaign_id", "tier"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    tier: Mapped[str | None] = mapped_column(String(10))
    percent_off: Mapped[int] = mapped_column(Integer)


class Deal(Base):
    __tablename__ = "deals"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creators.id", ondelete="CASCADE"), index=True
    )
    # proposed -> accepted -> live -> delivered -> paid, or cancelled
    status: Mapped[str] = mapped_column(String(12), default="proposed")
    fee_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    gifted_value_minor: Mapped[int | None] = mapped_column(BigInteger)
    commission_per_order_minor: Mapped[int | None] = mapped_column(BigInteger)
    promo_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("promo_codes.id", ondelete="SET NULL")
    )
    # Stands in for the tracked link until links exist.
    landing_url: Mapped[str | None] = mapped_column(String(2000))
    # The fair-price estimate (EUR, minor units) for all deliverables, when the deal was priced.
    estimate_low_minor: Mapped[int | None] = mapped_column(BigInteger)
    estimate_point_minor: Mapped[int | None] = mapped_column(BigInteger)
    estimate_high_minor: Mapped[int | None] = mapped_column(BigInteger)
    # Why a discount that differs from the others of the same tier was kept.
    discount_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    deliverables: Mapped[list[Deliverable]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="Deliverable.id"
    )
    events: Mapped[list[DealEvent]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="DealEvent.id"
    )
    promo_code: Mapped[PromoCode | None] = relationship()


class Deliverable(Base):
    __tablename__ = "deal_deliverables"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(20))
    format: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    due_on: Mapped[date | None] = mapped_column(Date)
    story_link: Mapped[bool] = mapped_column(Boolean, default=False)
    creative_freedom: Mapped[str | None] = mapped_column(Text)

    deal: Mapped[Deal] = relationship(back_populates="deliverables")


class DealEvent(Base):
    """The deal's history: status changes, and each offer and counter-offer."""

    __tablename__ = "deal_events"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # status | offer
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str | None] = mapped_column(String(12))
    party: Mapped[str | None] = mapped_column(String(10))  # brand | creator
    fee_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    note: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    deal: Mapped[Deal] = relationship(back_populates="events")
