"""Tracking: one snapshot a day for every account a source keeps up to date."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.services.enrichment.refresh import API_PLATFORMS, EnrichmentReport, refresh_accounts
from influent.services.progress import NO_PROGRESS, Progress
from influent.sources.http import HttpClient
from influent.store import source_queries as queries
from influent.store.models import Account

__all__ = ["MANUAL_STATS", "track", "tracked_accounts"]

# Numbers typed or imported by people; an account is tracked once a source has fed it.
MANUAL_STATS = ("import", "manual")


def tracked_accounts(session: Session, *, workspace_id: int) -> list[Account]:
    """Accounts on a platform with an API whose numbers came from that API at least once."""
    return list(
        session.scalars(
            select(Account)
            .where(
                Account.workspace_id == workspace_id,
                Account.platform.in_([p.value for p in API_PLATFORMS]),
                Account.stats_source.is_not(None),
                Account.stats_source.not_in(MANUAL_STATS),
            )
            .order_by(Account.id)
        )
    )


def track(
    session: Session,
    *,
    workspace_id: int,
    http: HttpClient | None = None,
    progress: Progress = NO_PROGRESS,
) -> EnrichmentReport:
    """Today's snapshot for each tracked account that has none yet; running twice a day is free.

    Numbers only: YouTube channels are read 50 per quota unit, posts wait for `enrich`.
    """
    accounts = tracked_accounts(session, workspace_id=workspace_id)
    done = queries.snapshot_days(session, [a.id for a in accounts], datetime.now(UTC))
    report = EnrichmentReport()
    refresh_accounts(
        session,
        workspace_id,
        [a for a in accounts if a.id not in done],
        http=http,
        posts=False,
        progress=progress,
        report=report,
    )
    return report
