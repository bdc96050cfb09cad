"""Tables of brand fit: briefs, stored text embeddings, and survey answers and leads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from influent.store.models import ID, Base, utcnow

__all__ = ["Brief", "ContentVector", "SurveyLead", "SurveyMention", "SurveyResponse"]


class Brief(Base):
    """What a brand looks for in creators; the shortlist ranks creators against one."""

    __tablename__ = "briefs"
    __table_args__ = (UniqueConstraint("workspace_id", "slug"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(100))
    product: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    adjacent: Mapped[list[str]] = mapped_column(JSON, default=list)
    brand_values: Mapped[list[str]] = mapped_column(JSON, default=list)
    exclude_topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    exclude_words: Mapped[list[str]] = mapped_column(JSON, default=list)
    competitors: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    platforms: Mapped[list[str]] = mapped_column(JSON, default=list)
    tiers: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Per deliverable, in minor units of `currency`.
    budget_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ContentVector(Base):
    """One embedded text of a creator (its bio or one post), kept until the text changes.

    `digest` is a hash of the embedded text: a text whose digest has not changed is never
    embedded again. `vector` is the embedding as little-endian float16 bytes.
    """

    __tablename__ = "content_vectors"
    __table_args__ = (
        UniqueConstraint("creator_id", "source_key"),
        Index("ix_content_vectors_ws_creator", "workspace_id", "creator_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(ForeignKey("creators.id", ondelete="CASCADE"))
    # "bio" or "post:<post id>".
    source_key: Mapped[str] = mapped_column(String(60))
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), nullable=True, index=True
    )
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    digest: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(60))
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SurveyResponse(Base):
    """One customer's answer to the workspace's survey, from the public page or a CSV."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        Index("ix_survey_responses_ws_received", "workspace_id", "received_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    answer: Mapped[str] = mapped_column(Text)
    # "web", "typeform", "google_forms" or "csv".
    channel: Mapped[str] = mapped_column(String(20))
    # The export's response id, so importing the same file twice counts nothing twice.
    external_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class SurveyLead(Base):
    """A name customers mention that is not (yet) a known creator: an identified lead."""

    __tablename__ = "survey_leads"
    __table_args__ = (UniqueConstraint("workspace_id", "name_key"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300))
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)


class SurveyMention(Base):
    """One name in one answer, matched to a known creator or to a lead."""

    __tablename__ = "survey_mentions"
    __table_args__ = (
        Index("ix_survey_mentions_ws_creator", "workspace_id", "creator_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(String(500))
    creator_id: Mapped[int | None] = mapped_column(
        ForeignKey("creators.id", ondelete="SET NULL"), nullable=True
    )
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_leads.id", ondelete="CASCADE"), nullable=True, index=True
    )
    score: Mapped[float | None] = mapped_column(nullable=True)
