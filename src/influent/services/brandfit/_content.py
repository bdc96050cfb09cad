"""Creators' texts embedded once and kept: only new or changed texts are encoded again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from influent.analytics.embeddings import (
    Encoder,
    TextEncoder,
    digest,
    encode_batches,
    to_bytes,
)
from influent.services.progress import NO_PROGRESS, Progress
from influent.store import brandfit_queries as queries

__all__ = ["Refreshed", "refresh_vectors"]

_BATCH = 256


@dataclass(frozen=True, slots=True)
class Refreshed:
    embedded: int
    kept: int
    removed: int


def refresh_vectors(
    session: Session,
    *,
    workspace_id: int,
    creator_ids: Sequence[int] | None = None,
    encoder: Encoder | None = None,
    progress: Progress = NO_PROGRESS,
) -> Refreshed:
    """Embed the texts whose content changed since they were stored; drop vanished ones."""
    encoder = encoder or TextEncoder()
    texts = queries.creator_texts(session, workspace_id, creator_ids)
    existing = queries.stored_digests(session, workspace_id, creator_ids)
    digests = {(t.creator_id, t.source_key): digest(t.text) for t in texts}
    todo = [
        t
        for t in texts
        if existing.get((t.creator_id, t.source_key), (0, ""))[1]
        != digests[(t.creator_id, t.source_key)]
    ]
    gone = [row_id for key, (row_id, _) in existing.items() if key not in digests]
    queries.delete_vectors(session, gone)
    progress.stage("progress.embedding", len(todo))
    now = datetime.now(UTC)
    batches = [todo[start : start + _BATCH] for start in range(0, len(todo), _BATCH)]
    encoded = encode_batches(encoder, ([t.text for t in b] for b in batches))
    for batch, vectors in zip(batches, encoded, strict=True):
        queries.write_vectors(
            session,
            workspace_id,
            [
                (t, digests[(t.creator_id, t.source_key)], encoder.name, to_bytes(v))
                for t, v in zip(batch, vectors, strict=True)
            ],
            existing,
            now,
        )
        progress.advance(len(batch))
    return Refreshed(embedded=len(todo), kept=len(texts) - len(todo), removed=len(gone))
