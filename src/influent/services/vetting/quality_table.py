"""Each creator's audience-quality score, stored so the creators table can show, sort and
filter by it; refreshed after imports and enrichment, and nightly by the worker."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from influent.domain.quality import QualityScore
from influent.services.progress import NO_PROGRESS, Progress
from influent.services.vetting.audit import audit_creators
from influent.services.vetting.history import utc_now
from influent.services.vetting.results import CreatorAudit
from influent.services.vetting.workspace_quality import workspace_scores
from influent.store import quality_queries as queries
from influent.store.quality_queries import QualityRow

__all__ = [
    "REFRESH_NOW",
    "QualityRow",
    "quality_of",
    "quality_row",
    "refresh_quality",
    "refresh_quality_of",
    "refresh_stale_quality",
    "score_row",
]

# After an import, up to this many creators are scored at once (a few seconds); a larger
# import leaves the rest to the worker's nightly refresh, and the table shows them unscored.
REFRESH_NOW = 1_000


def quality_row(audit: CreatorAudit, computed_at: datetime) -> QualityRow:
    """What the table keeps of a creator's audit: its main account's score."""
    if audit.main is None:
        return _unscored(audit.creator_id, computed_at)
    return score_row(audit.creator_id, audit.main.quality, computed_at)


def _unscored(creator_id: int, computed_at: datetime) -> QualityRow:
    return QualityRow(creator_id, None, False, 0.0, 0, None, None, None, None, (), computed_at)


def score_row(creator_id: int, q: QualityScore, computed_at: datetime) -> QualityRow:
    """What the table keeps of a creator's main-account score."""
    return QualityRow(
        creator_id=creator_id,
        score=q.score,
        provisional=q.provisional,
        confidence=q.confidence,
        signals_used=len(q.signals),
        score_low=q.low,
        score_high=q.high,
        rank=q.rank,
        worst_flag=q.worst,
        flags=q.flags,
        computed_at=computed_at,
    )


def refresh_quality(
    session: Session,
    *,
    workspace_id: int,
    creator_ids: Sequence[int] | None = None,
    now: datetime | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Score these creators (every creator of the workspace when None) and store the scores.

    The whole workspace is scored column-wise (`workspace_scores`), a few creators through
    the per-creator audit; both give the same scores.
    """
    moment = utc_now(now)
    ids = queries.creator_ids(session, workspace_id) if creator_ids is None else list(creator_ids)
    progress.stage("Scoring audience quality", len(ids))
    rows: dict[int, QualityRow] = {}
    if creator_ids is None:
        for creator_id, score in workspace_scores(session, workspace_id=workspace_id, now=moment):
            rows[creator_id] = score_row(creator_id, score, moment)
    else:
        for audit in audit_creators(
            session, workspace_id=workspace_id, creator_ids=ids, now=moment
        ):
            rows[audit.creator_id] = quality_row(audit, moment)
    for creator_id in ids:
        if creator_id not in rows:
            rows[creator_id] = _unscored(creator_id, moment)
    queries.save_quality(session, workspace_id, list(rows.values()))
    progress.advance(len(ids))
    return len(rows)


def refresh_stale_quality(
    session: Session, *, workspace_id: int, limit: int = REFRESH_NOW, now: datetime | None = None
) -> int:
    """Score the creators whose data changed since their score (at most `limit` of them)."""
    session.flush()
    ids = queries.stale_creator_ids(session, workspace_id, limit=limit)
    if not ids:
        return 0
    return refresh_quality(session, workspace_id=workspace_id, creator_ids=ids, now=now)


def refresh_quality_of(
    session: Session, creator_ids: Sequence[int], *, limit: int = REFRESH_NOW
) -> int:
    """Score creators whose data just changed (new numbers, posts or comments), whatever
    their workspace; beyond `limit` the worker's nightly refresh takes over."""
    session.flush()
    done = 0
    for workspace_id, ids in queries.creators_by_workspace(session, creator_ids).items():
        chosen = ids[: max(0, limit - done)]
        if chosen:
            done += refresh_quality(session, workspace_id=workspace_id, creator_ids=chosen)
    return done


def quality_of(session: Session, creator_ids: Sequence[int]) -> dict[int, QualityRow]:
    return queries.quality_of(session, creator_ids)
