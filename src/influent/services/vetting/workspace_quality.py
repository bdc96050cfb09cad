"""The audience-quality score of every creator of a workspace, in a few queries per chunk.

The per-creator audit reads each account's year of snapshots and its posts as objects and
builds every figure a page shows (trend, sponsorship, explained events …). Scoring a whole
workspace needs only the score: here the main accounts are read a chunk at a time; their
follower histories and posts come back as columns (as Arrow columns through the ADBC
driver on SQLite when the session has nothing uncommitted, see
`quality_frame_queries.column_reader`); the growth anomalies (`analytics.quality_frame`)
and the per-post numbers, engagement rate, comments per like and posting regularity
(`analytics.post_frame`), are computed column-wise with the per-account arithmetic; and
each account's facts go through the same builders (`metrics.engagement_of`,
`facts.facts_of`) and the same rule (`quality_score`) as the per-creator audit, so both
paths give the same signals and the same score. The sentences are built for the creator
being looked at, by the per-creator audit.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from influent.analytics.post_frame import post_numbers
from influent.analytics.quality_frame import follower_events_of
from influent.domain.metrics import (
    EngagementBasis,
    comments_to_likes_of,
    engagement_basis,
    engagement_of,
)
from influent.domain.quality import QualityScore
from influent.domain.quality import quality_score as score_facts
from influent.services.vetting.facts import current_figures, facts_of, platform_of
from influent.services.vetting.follower_audits import latest_shares
from influent.services.vetting.history import utc_now
from influent.services.vetting.results import HISTORY_DAYS
from influent.store import post_frame_queries as post_frames
from influent.store import quality_frame_queries as frames
from influent.store.vetting_queries import AccountInfo

__all__ = ["CHUNK", "workspace_scores"]

# Main accounts per chunk: a few queries each, and bounded memory (a year of snapshots of
# 5,000 accounts is under two million rows of three integers).
CHUNK = 5_000


def _main_accounts(session: Session, workspace_id: int) -> list[AccountInfo]:
    """Each creator's main account: the largest audience (as in the per-creator audit)."""
    mains: dict[int, AccountInfo] = {}
    for account in frames.workspace_accounts(session, workspace_id):
        mains.setdefault(account.creator_id, account)
    return list(mains.values())


def workspace_scores(
    session: Session, *, workspace_id: int, now: datetime | None = None
) -> Iterator[tuple[int, QualityScore]]:
    """(creator id, score of its main account) for every creator that has an account."""
    moment = utc_now(now)
    since = moment - timedelta(days=HISTORY_DAYS)
    mains = _main_accounts(session, workspace_id)
    # A follower audit attached to a creator is their main account's fake-follower signal.
    shares = latest_shares(session, workspace_id=workspace_id)
    with frames.column_reader(session) as reader, _no_cycle_collection():
        for start in range(0, len(mains), CHUNK):
            chunk = mains[start : start + CHUNK]
            yield from _chunk_scores(session, chunk, reader, since, moment, shares)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while the scores are built (restored when the scores have
    all been read, or the reading stops).

    Each creator's score is a few dozen small objects (facts, signals, messages) and its
    posts a dozen more, none in a cycle: reference counting frees them. The collector
    would walk the ones kept (every score so far) again and again as they accumulate
    (measured: 3 of 50 seconds at 100,000 creators).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _chunk_scores(
    session: Session,
    chunk: list[AccountInfo],
    reader: Any | None,
    since: datetime,
    moment: datetime,
    shares: dict[int, float],
) -> list[tuple[int, QualityScore]]:
    ids = [a.id for a in chunk]
    days = frames.follower_days(session, ids, since=since, until=moment, reader=reader)
    events = follower_events_of(ids, days.account_id, days.day, days.followers)
    latest = frames.latest_snapshots(session, ids, since=since, until=moment)
    currents = [current_figures(a, () if (s := latest.get(a.id)) is None else (s,)) for a in chunk]
    platforms = [platform_of(a.platform) for a in chunk]
    posts = post_frames.post_columns(session, ids, until=moment, reader=reader)
    numbers = post_numbers(
        ids,
        [c[0] for c in currents],
        [engagement_basis(p) is EngagementBasis.VIEWS for p in platforms],
        posts.account_id,
        posts.published,
        posts.likes,
        posts.comments,
        posts.views,
        now=moment,
    )
    scores: list[tuple[int, QualityScore]] = []
    for account, platform, current in zip(chunk, platforms, currents, strict=True):
        n = numbers[account.id]
        engagement = engagement_of(
            platform,
            current[0],
            recent=n.recent,
            first_post_at=n.first_post_at,
            last_post_at=n.last_post_at,
            median=n.median_rate,
            used=n.rates_used,
        )
        read = facts_of(
            account,
            current,
            engagement,
            comments_to_likes_of(n.ctl_used, n.ctl_comments, n.ctl_likes).value,
            n.gap_cv,
            posts.comment_texts.get(account.id),
            events[account.id],
            fake_share=shares.get(account.creator_id),
        )
        scores.append((account.creator_id, score_facts(read.facts)))
    return scores
