"""Tables of the outreach wing: opportunities and their stage history, contact points,
agents, touches, follow-up rules and message templates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from influent.store.models import ID, Base, Creator, utcnow

__all__ = [
    "Agent",
    "AgentCreator",
    "ContactPoint",
    "FollowUpSetting",
    "MessageTemplate",
    "Opportunity",
    "StageChange",
    "Touch",
]


class Opportunity(Base):
    """One creator in one campaign, at one stage of the pipeline."""

    __tablename__ = "opportunities"
    __table_args__ = (
        UniqueConstraint("campaign_id", "creator_id"),
        Index("ix_opportunities_ws_stage", "workspace_id", "stage"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creators.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(20), default="identified")
    lost_reason: Mapped[str | None] = mapped_column(String(20))
    # The stage it was lost from: reopening puts it back there.
    lost_from: Mapped[str | None] = mapped_column(String(20))
    stage_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    creator: Mapped[Creator] = relationship()


class StageChange(Base):
    __tablename__ = "stage_changes"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    from_stage: Mapped[str | None] = mapped_column(String(20))
    to_stage: Mapped[str] = mapped_column(String(20))
    lost_reason: Mapped[str | None] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Agent(Base):
    """Someone who represents creators (a manager, a booking agency)."""

    __tablename__ = "agents"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    agency: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AgentCreator(Base):
    __tablename__ = "agent_creators"

    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creators.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ContactPoint(Base):
    """One way to reach a creator; hints found by the sources wait unconfirmed."""

    __tablename__ = "contact_points"
    __table_args__ = (
        UniqueConstraint("creator_id", "kind", "value"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(ForeignKey("creators.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # email | instagram_dm | tiktok_dm | …
    value: Mapped[str] = mapped_column(String(1000))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20), default="manual")  # manual | hint
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Touch(Base):
    """One outreach event: a message sent or received, a call, a meeting."""

    __tablename__ = "touches"
    __table_args__ = (
        Index("ix_touches_ws_at", "workspace_id", "at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creators.id", ondelete="CASCADE"), index=True
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(3))  # out | in
    at: Mapped[datetime] = mapped_column(default=utcnow)
    content: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(20), default="sent")
    # The first message to this opportunity: what the daily cap on new contacts counts.
    first_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    follow_up: Mapped[bool] = mapped_column(Boolean, default=False)
    recipient: Mapped[str | None] = mapped_column(String(320))
    message_id: Mapped[str | None] = mapped_column(String(300))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class FollowUpSetting(Base):
    """A campaign's follow-up rule; campaigns without one use the default (4 days, 2 max)."""

    __tablename__ = "follow_up_settings"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), unique=True
    )
    after_days: Mapped[int] = mapped_column(Integer, default=4)
    max_follow_ups: Mapped[int] = mapped_column(Integer, default=2)


class MessageTemplate(Base):
    """A workspace's own first-message template for one language (Jinja2, sandboxed)."""

    __tablename__ = "message_templates"
    __table_args__ = (
        UniqueConstraint("workspace_id", "language"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
