"""Follower audits kept with a creator: the latest one is the fake-follower signal of vetting."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.analytics.follower_audit import AuditResult
from influent.services.creators.profiles import resolve_creator
from influent.services.vetting.follower_sample import audit_follower_upload
from influent.services.vetting.results import StoredAudit
from influent.store.models import Account, Creator
from influent.store.vetting_models import FollowerAudit

__all__ = [
    "StoredAudit",
    "attach_follower_audit",
    "audit_upload_for",
    "latest_follower_audit",
    "latest_shares",
]


def _stored(row: FollowerAudit, name: str) -> StoredAudit:
    return StoredAudit(
        row.creator_id,
        name,
        row.audited_at,
        row.file_name,
        row.sample_size,
        row.flagged,
        row.fake_share,
        row.low,
        row.high,
    )


def attach_follower_audit(
    session: Session,
    *,
    workspace_id: int,
    creator: str,
    result: AuditResult,
    file_name: str,
    now: datetime | None = None,
) -> StoredAudit:
    """Keep `result` with the creator `creator` names ('@handle', '#12', a profile URL…).

    Raises NotFound (a MessageError) when no creator matches; the caller commits.
    """
    found = resolve_creator(session, workspace_id=workspace_id, ref=creator)
    main = session.scalar(
        select(Account.id)
        .where(Account.creator_id == found.id)
        .order_by(Account.followers.desc().nulls_last(), Account.id)
        .limit(1)
    )
    low, high = result.interval
    row = FollowerAudit(
        workspace_id=workspace_id,
        creator_id=found.id,
        account_id=main,
        audited_at=now or datetime.now(UTC),
        file_name=file_name[:300],
        sample_size=len(result.accounts),
        flagged=sum(a.is_fake for a in result.accounts),
        fake_share=result.fake_share,
        low=low,
        high=high,
    )
    session.add(row)
    session.flush()
    return _stored(row, found.name)


def latest_follower_audit(
    session: Session, *, workspace_id: int, creator_id: int
) -> StoredAudit | None:
    """The creator's most recent follower audit, if any."""
    row = session.scalar(
        select(FollowerAudit)
        .where(FollowerAudit.workspace_id == workspace_id, FollowerAudit.creator_id == creator_id)
        .order_by(FollowerAudit.audited_at.desc(), FollowerAudit.id.desc())
        .limit(1)
    )
    if row is None:
        return None
    creator = session.get(Creator, creator_id)
    return _stored(row, creator.name if creator else "")


def latest_shares(session: Session, *, workspace_id: int) -> dict[int, float]:
    """Each audited creator's latest fake share, for auditing a whole workspace."""
    shares: dict[int, float] = {}
    for creator_id, share in session.execute(
        select(FollowerAudit.creator_id, FollowerAudit.fake_share)
        .where(FollowerAudit.workspace_id == workspace_id)
        .order_by(FollowerAudit.audited_at, FollowerAudit.id)
    ):
        shares[creator_id] = share
    return shares


def audit_upload_for(
    session: Session, *, workspace_id: int, data: bytes, file_name: str, creator: str = ""
) -> tuple[AuditResult, StoredAudit | None]:
    """Audit an uploaded follower sample and, when `creator` names one ('@handle', '#12', a
    profile URL…), keep the audit with them.

    The creator is looked up first, so a mistyped handle costs no audit: NotFound, then
    SampleRefused or SampleError as `audit_follower_upload` raises them. The caller commits.
    """
    ref = creator.strip()
    if ref:
        resolve_creator(session, workspace_id=workspace_id, ref=ref)
    result = audit_follower_upload(data, file_name)
    if not ref:
        return result, None
    kept = attach_follower_audit(
        session,
        workspace_id=workspace_id,
        creator=ref,
        result=result,
        file_name=file_name or "sample.csv",
    )
    return result, kept
