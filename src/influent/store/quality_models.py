"""Each creator's audience-quality score, kept beside the creator so the table sorts on it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from influent.store.models import ID, Base

__all__ = ["CreatorQuality"]


class CreatorQuality(Base):
    """The score of a creator's main account, as last computed.

    `rank` is what a list ranked by quality sorts on (the score, or the bottom of its range
    when provisional); `flags` holds the names of the signals that lost points, each
    between commas (",growth_anomalies,engagement_pod,"), so one LIKE finds a flag.
    """

    __tablename__ = "creator_quality"
    __table_args__ = (
        Index("ix_creator_quality_ws_rank", "workspace_id", "rank"),
        Index("ix_creator_quality_ws_score", "workspace_id", "score"),
    )

    creator_id: Mapped[int] = mapped_column(
        ID, ForeignKey("creators.id", ondelete="CASCADE"), primary_key=True
    )
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    score: Mapped[int | None] = mapped_column(Integer)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    signals_used: Mapped[int] = mapped_column(Integer, default=0)
    score_low: Mapped[int | None] = mapped_column(Integer)
    score_high: Mapped[int | None] = mapped_column(Integer)
    rank: Mapped[float | None] = mapped_column(Float)
    worst_flag: Mapped[str | None] = mapped_column(String(40))
    flags: Mapped[str] = mapped_column(String(300), default="")
    computed_at: Mapped[datetime] = mapped_column()
