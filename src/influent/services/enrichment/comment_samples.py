"""Comment samples from the platforms that give them: YouTube's most relevant comments.

Enrichment calls this after it has stored an account's newest videos. Each sampled video
costs one quota unit (commentThreads.list) and gets its sample replaced, so a weekly
enrichment keeps the comment-authenticity signal current without growing the table.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from influent.domain.content import AccountData
from influent.sources.youtube import YouTubeClient
from influent.store import source_queries as queries
from influent.store.models import Account

__all__ = ["SAMPLED_VIDEOS", "SAMPLE_SIZE", "sample_youtube_comments"]

SAMPLED_VIDEOS = 2
SAMPLE_SIZE = 20


def sample_youtube_comments(
    session: Session, client: YouTubeClient, account: Account, data: AccountData
) -> int:
    """Sample the comments of the account's newest videos; returns how many were stored.

    Source errors (quota, network) propagate: the caller decides what they stop.
    """
    newest = sorted(data.posts, key=lambda p: p.published_at, reverse=True)[:SAMPLED_VIDEOS]
    stored = 0
    now = datetime.now(UTC)
    for post in newest:
        post_id = queries.post_id(session, account.id, post.external_id)
        if post_id is None:
            continue
        texts = client.comment_sample(post.external_id, limit=SAMPLE_SIZE)
        queries.replace_comments(
            session, post_id, [(t, None, None) for t in texts], source="youtube", fetched_at=now
        )
        stored += len(texts)
    return stored
