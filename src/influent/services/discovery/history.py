"""Past discoveries: each search that was run, what it looked in and the best of what it found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from influent.store import source_queries as queries

__all__ = ["FoundCreator", "PastDiscovery", "past_discoveries"]


@dataclass(frozen=True, slots=True)
class FoundCreator:
    creator_id: int
    name: str
    score: float


@dataclass(slots=True)
class PastDiscovery:
    """One search of one run: the words, when, where it looked and whom it found."""

    query: str
    found_at: datetime
    sources: list[str] = field(default_factory=list)
    creators: list[FoundCreator] = field(default_factory=list)

    @property
    def found(self) -> int:
        return len(self.creators)


def past_discoveries(
    session: Session, *, workspace_id: int, limit: int = 10
) -> list[PastDiscovery]:
    """The latest `limit` searches, newest first, each with its creators best first."""
    runs: dict[tuple[datetime, str], PastDiscovery] = {}
    best: dict[tuple[datetime, str], dict[int, FoundCreator]] = {}
    for query, source, found_at, creator_id, name, score in queries.recent_discoveries(
        session, workspace_id
    ):
        key = (found_at, query)
        if key not in runs:
            if len(runs) == limit:
                break
            runs[key] = PastDiscovery(query=query, found_at=found_at)
            best[key] = {}
        run = runs[key]
        if source not in run.sources:
            run.sources.append(source)
        known = best[key].get(creator_id)
        if known is None or score > known.score:
            best[key][creator_id] = FoundCreator(creator_id, name, score)
    for key, run in runs.items():
        run.creators = sorted(best[key].values(), key=lambda c: (-c.score, c.name.lower()))
    return list(runs.values())
