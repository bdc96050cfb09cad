"""The audience-quality score of every creator of a workspace, in a few queries per chunk.

The per-creator audit reads each account's year of snapshots as objects and builds every
figure a page shows (trend, sponsorship, explained events …). Scoring a whole workspace
needs only the score: here the main accounts are read a chunk at a time, their follower
histories come back as integer columns and their anomalies are found column-wise
(`analytics.quality_frame`), and each account's facts go through the same recipe
(`audit.account_facts`) and the same rule (`quality_score`) as the per-creator audit, so
both paths give the same signals and the same score. The sentences are built for the
creator being looked at, by the per-creator audit.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from influent.analytics.quality_frame import follower_events_of
from influent.domain.quality import QualityScore
from influent.domain.quality import quality_score as score_facts
from influent.services.vetting.audit import account_facts
from influent.services.vetting.follower_audits import latest_shares
from influent.services.vetting.history import utc_now
from influent.services.vetting.results import HISTORY_DAYS
from influent.store import quality_frame_queries as frames
from influent.store import vetting_queries as queries
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
    for start in range(0, len(mains), CHUNK):
        chunk = mains[start : start + CHUNK]
        ids = [a.id for a in chunk]
        days = frames.follower_days(session, ids, since=since, until=moment)
        events = follower_events_of(ids, days.account_id, days.day, days.followers)
        latest = frames.latest_snapshots(session, ids, since=since, until=moment)
        data = queries.load_histories(session, ids, since=since, until=moment, with_snapshots=False)
        for account in chunk:
            history = data[account.id]
            snapshot = latest.get(account.id)
            read = account_facts(
                account,
                history.posts,
                history.comment_texts,
                () if snapshot is None else (snapshot,),
                events[account.id],
                now=moment,
                fake_share=shares.get(account.creator_id),
            )
            yield account.creator_id, score_facts(read.facts)
