"""The demo's past discoveries: a few searches a brand of natural cosmetics would have run.

The creators they "found" are demo creators of the matching niche on the platforms
discovery searches, so the discovery page shows real rows of the workspace.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.store import source_queries as queries
from influent.store.models import Account, Creator

__all__ = ["DEMO_SEARCHES", "seed_discovery_demo"]

# (days ago, query, niches of the creators it found); demo niches are the creators' categories.
DEMO_SEARCHES: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (12, "cosmétiques vegan", ("Beauté vegan", "Skincare")),
    (5, "zéro déchet salle de bain", ("Zéro déchet",)),
    (2, "recettes végétales", ("Cuisine végétale",)),
)
PER_SEARCH = 6
# The discovery source that finds an account of each platform.
_SOURCE_OF = {"youtube": "youtube", "podcast": "podcasts", "blog": "feeds"}


def seed_discovery_demo(session: Session, *, workspace_id: int, now: datetime) -> int:
    """Write the demo searches' provenance rows; returns how many were written."""
    rows: list[dict[str, Any]] = []
    for days_ago, query, niches in DEMO_SEARCHES:
        found = session.execute(
            select(Account.id, Account.creator_id, Account.platform)
            .join(Creator, Creator.id == Account.creator_id)
            .where(
                Account.workspace_id == workspace_id,
                Account.platform.in_(list(_SOURCE_OF)),
                Creator.category.in_(niches),
            )
            .order_by(Account.followers.desc().nulls_last(), Account.id)
            .limit(PER_SEARCH)
        ).all()
        for rank, (account_id, creator_id, platform) in enumerate(found, start=1):
            rows.append(
                {
                    "workspace_id": workspace_id,
                    "creator_id": creator_id,
                    "account_id": account_id,
                    "query": query,
                    "source": _SOURCE_OF[platform],
                    "rank": rank,
                    "score": round(0.92 - 0.06 * rank, 2),
                    "found_at": now - timedelta(days=days_ago),
                }
            )
    queries.add_discoveries(session, rows)
    return len(rows)
