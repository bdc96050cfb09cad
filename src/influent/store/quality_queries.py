"""Reading and writing each creator's stored audience-quality score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, insert, or_, select
from sqlalchemy.orm import Session

from influent.store.models import Account, Creator
from influent.store.quality_models import CreatorQuality

__all__ = [
    "QualityRow",
    "creator_ids",
    "creators_by_workspace",
    "quality_of",
    "save_quality",
    "stale_creator_ids",
]

# Rows per statement: well under SQLite's bound-parameter limit.
BATCH = 500


@dataclass(frozen=True, slots=True)
class QualityRow:
    creator_id: int
    score: int | None
    provisional: bool
    confidence: float
    signals_used: int
    score_low: int | None
    score_high: int | None
    rank: float | None
    worst_flag: str | None
    flags: tuple[str, ...]
    computed_at: datetime


def save_quality(session: Session, workspace_id: int, rows: Sequence[QualityRow]) -> None:
    """Replace the stored score of each creator in `rows`."""
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        session.execute(
            delete(CreatorQuality).where(
                CreatorQuality.creator_id.in_([r.creator_id for r in chunk])
            )
        )
        session.execute(
            insert(CreatorQuality),
            [
                {
                    "creator_id": r.creator_id,
                    "workspace_id": workspace_id,
                    "score": r.score,
                    "provisional": r.provisional,
                    "confidence": r.confidence,
                    "signals_used": r.signals_used,
                    "score_low": r.score_low,
                    "score_high": r.score_high,
                    "rank": r.rank,
                    "worst_flag": r.worst_flag,
                    "flags": "".join(f",{f}" for f in r.flags) + ("," if r.flags else ""),
                    "computed_at": r.computed_at,
                }
                for r in chunk
            ],
        )


def _row(q: CreatorQuality) -> QualityRow:
    return QualityRow(
        creator_id=q.creator_id,
        score=q.score,
        provisional=q.provisional,
        confidence=q.confidence,
        signals_used=q.signals_used,
        score_low=q.score_low,
        score_high=q.score_high,
        rank=q.rank,
        worst_flag=q.worst_flag,
        flags=tuple(f for f in q.flags.split(",") if f),
        computed_at=q.computed_at,
    )


def quality_of(session: Session, creator_ids: Sequence[int]) -> dict[int, QualityRow]:
    """The stored score of each creator that has one."""
    found: dict[int, QualityRow] = {}
    ids = list(dict.fromkeys(creator_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        for q in session.scalars(
            select(CreatorQuality).where(CreatorQuality.creator_id.in_(chunk))
        ):
            found[q.creator_id] = _row(q)
    return found


def stale_creator_ids(session: Session, workspace_id: int, *, limit: int) -> list[int]:
    """Creators whose score is missing or older than their creator row or account numbers."""
    changed_account = exists().where(
        Account.creator_id == Creator.id, Account.stats_updated_at > CreatorQuality.computed_at
    )
    stmt = (
        select(Creator.id)
        .outerjoin(CreatorQuality, CreatorQuality.creator_id == Creator.id)
        .where(
            Creator.workspace_id == workspace_id,
            or_(
                CreatorQuality.creator_id.is_(None),
                CreatorQuality.computed_at < Creator.updated_at,
                changed_account,
            ),
        )
        .order_by(Creator.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def creator_ids(session: Session, workspace_id: int) -> list[int]:
    return list(
        session.scalars(
            select(Creator.id).where(Creator.workspace_id == workspace_id).order_by(Creator.id)
        )
    )


def creators_by_workspace(session: Session, creator_ids: Sequence[int]) -> dict[int, list[int]]:
    """These creators, grouped by their workspace."""
    found: dict[int, list[int]] = {}
    ids = sorted(set(creator_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        for creator_id, workspace_id in session.execute(
            select(Creator.id, Creator.workspace_id).where(Creator.id.in_(chunk))
        ):
            found.setdefault(workspace_id, []).append(creator_id)
    return found
