"""The creator index of a large workspace: the shortlist's first stage.

A workspace of a few thousand creators is scored whole from the database. From
`INDEX_FROM` creators with stored vectors on, the shortlist first asks the creator index
(`analytics.vector_index`) for the few hundred creators whose content reads closest to the
brief inside the platform, tier and country slices, then scores only those exactly, with
the database's current figures and texts. The index is built from the stored vectors (one
profile a creator: the normalised mean of its texts' vectors) and kept in the data folder.

Freshness: a large workspace's texts are embedded by the nightly task (a query never embeds
the catalogue, nor its candidates). Vectors stored after the index was built are scored
exactly beside the index's candidates, so a newly embedded creator is never missed; a
creator whose texts or platform, tier or country changed is proposed by its old profile
until the index is rebuilt, which happens when a shortlist finds more than `STALE_SHARE` of
the vectors new, and every night.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.analytics.embeddings import DIMENSIONS, normalise
from influent.analytics.vector_index import CreatorIndex, Filters, build_index
from influent.domain.platforms import TIER_BOUNDS, Platform, Tier
from influent.services.brandfit._content import refresh_vectors
from influent.services.core import settings_of
from influent.store.brandfit_models import ContentVector
from influent.store.models import Creator

__all__ = [
    "INDEX_FROM",
    "IndexHit",
    "build_workspace_index",
    "index_candidates",
    "refresh_workspace_index",
]

# Below this many creators with vectors, scoring every candidate is fast enough.
INDEX_FROM = 20_000
# Rebuild when this share of the stored vectors arrived after the index was built.
STALE_SHARE = 0.05
# How often a process re-reads the stored vectors' count to notice new ones, in seconds.
RECHECK_SECONDS = 60.0
# How many candidates the exact re-rank reads per query, whatever the number asked.
RERANK = 2_000
_CHUNK = 50_000
_MAX_COUNTRIES = 60
_PLATFORMS: tuple[str | None, ...] = (None, *(p.value for p in Platform))
_TIERS: tuple[Tier | None, ...] = (None, *Tier)


@dataclass(frozen=True, slots=True)
class IndexHit:
    """Creator ids the index proposes (best first) and how many creators it holds."""

    creator_ids: tuple[int, ...]
    indexed: int
    fresh: int


@dataclass(slots=True)
class _Loaded:
    index: CreatorIndex
    countries: dict[str, int]
    max_vector_id: int
    vectors: int
    checked_at: float
    stale: bool = False


_CACHE: dict[Path, _Loaded] = {}
_LOCK = threading.Lock()


def _folder(session: Session, workspace_id: int) -> Path:
    return settings_of(session).data_dir / "indexes" / f"workspace-{workspace_id}"


def _tier_code(followers: int | None) -> int:
    if followers is None:
        return 0
    for position, tier in enumerate(Tier, start=1):
        low, high = TIER_BOUNDS[tier]
        if followers >= low and (high is None or followers < high):
            return position
    return 0


def _platform_code(platform: str | None) -> int:
    try:
        return _PLATFORMS.index(platform)
    except ValueError:
        return 0


def _stamp(session: Session, workspace_id: int) -> tuple[int, int]:
    count, top = session.execute(
        select(func.count(ContentVector.id), func.max(ContentVector.id)).where(
            ContentVector.workspace_id == workspace_id
        )
    ).one()
    return int(count or 0), int(top or 0)


def _profiles(
    session: Session, workspace_id: int
) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]:
    """(creator ids, profile vectors), in creator order, a chunk of stored vectors at a time."""
    query = (
        select(ContentVector.creator_id, ContentVector.vector)
        .where(ContentVector.workspace_id == workspace_id)
        .order_by(ContentVector.creator_id, ContentVector.id)
        .execution_options(yield_per=_CHUNK)
    )
    carry_id: int | None = None
    carry_sum = np.zeros(DIMENSIONS, dtype=np.float32)
    for partition in session.execute(query).partitions(_CHUNK):
        owners = np.fromiter((row[0] for row in partition), dtype=np.int64, count=len(partition))
        matrix = np.frombuffer(b"".join(row[1] for row in partition), dtype="<f2")
        matrix = matrix.reshape(len(partition), DIMENSIONS).astype(np.float32)
        starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        sums = np.add.reduceat(matrix, starts, axis=0)
        ids = owners[starts]
        if carry_id is not None and ids[0] == carry_id:
            sums[0] += carry_sum
        elif carry_id is not None:
            yield np.asarray([carry_id]), normalise(carry_sum[None, :])
        carry_id, carry_sum = int(ids[-1]), sums[-1].copy()
        if len(ids) > 1:
            yield ids[:-1], normalise(sums[:-1])
    if carry_id is not None:
        yield np.asarray([carry_id]), normalise(carry_sum[None, :])


def build_workspace_index(session: Session, *, workspace_id: int) -> int:
    """(Re)build the workspace's creator index from its stored vectors; creators indexed."""
    folder = _folder(session, workspace_id)
    folder.mkdir(parents=True, exist_ok=True)
    vectors, max_id = _stamp(session, workspace_id)
    id_parts: list[npt.NDArray[np.int64]] = []
    profile_parts: list[npt.NDArray[np.float32]] = []
    for ids, profiles in _profiles(session, workspace_id):
        id_parts.append(ids)
        profile_parts.append(profiles.astype(np.float16))
    if not id_parts:
        return 0
    ids = np.concatenate(id_parts)
    profiles16 = np.concatenate(profile_parts)
    facts: dict[int, tuple[str | None, int | None, str | None]] = {
        cid: (platform, followers, country)
        for cid, platform, followers, country in session.execute(
            select(Creator.id, Creator.platform, Creator.followers, Creator.country).where(
                Creator.workspace_id == workspace_id
            )
        )
    }
    keep = np.fromiter((int(i) in facts for i in ids), dtype=bool, count=len(ids))
    ids, profiles16 = ids[keep], profiles16[keep]
    rows = [facts[int(i)] for i in ids]
    seen: dict[str, int] = {}
    for _, _, country in rows:
        key = (country or "").strip().upper()
        if key:
            seen[key] = seen.get(key, 0) + 1
    common = sorted(seen, key=lambda c: (-seen[c], c))[:_MAX_COUNTRIES]
    countries = {c: position for position, c in enumerate(common, start=1)}
    other = len(countries) + 1
    index = build_index(
        ids=ids,
        vectors=profiles16.astype(np.float32),
        platform=np.fromiter((_platform_code(p) for p, _, _ in rows), np.int64, len(rows)),
        tier=np.fromiter((_tier_code(f) for _, f, _ in rows), np.int64, len(rows)),
        country=np.fromiter(
            (countries.get((c or "").strip().upper(), 0 if not c else other) for *_, c in rows),
            np.int64,
            len(rows),
        ),
        exact_path=folder / "exact.f16",
        layout=(len(_PLATFORMS), len(_TIERS), other + 1),
    )
    index.save(folder)
    meta = {"countries": countries, "max_vector_id": max_id, "vectors": vectors}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with _LOCK:
        _CACHE[folder] = _Loaded(index, countries, max_id, vectors, time.monotonic())
    return len(ids)


def _loaded(session: Session, workspace_id: int) -> _Loaded | None:
    folder = _folder(session, workspace_id)
    with _LOCK:
        found = _CACHE.get(folder)
    if found is None and (folder / "meta.json").is_file():
        meta: dict[str, Any] = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        index = CreatorIndex.load(folder, folder / "exact.f16")
        found = _Loaded(
            index,
            {str(k): int(v) for k, v in meta["countries"].items()},
            int(meta["max_vector_id"]),
            int(meta["vectors"]),
            0.0,
        )
        with _LOCK:
            _CACHE[folder] = found
    return found


def _filters(
    loaded: _Loaded, platforms: Sequence[str], tiers: Sequence[Tier], countries: Sequence[str]
) -> Filters:
    other = len(loaded.countries) + 1
    country_codes = sorted(
        {loaded.countries.get(c.strip().upper(), other) for c in countries if c.strip()}
    )
    return Filters(
        platforms=sorted({_platform_code(p) for p in platforms}),
        tiers=sorted({_TIERS.index(t) for t in tiers}),
        countries=country_codes,
    )


def _fresh_ids(session: Session, workspace_id: int, after: int) -> list[int]:
    # A key range read; the workspace is checked on the rows, so that SQLite does not walk
    # the workspace's index of a million vectors instead.
    rows = session.execute(
        select(ContentVector.workspace_id, ContentVector.creator_id).where(ContentVector.id > after)
    )
    return list(dict.fromkeys(c for w, c in rows if w == workspace_id))


def index_candidates(
    session: Session,
    *,
    workspace_id: int,
    query: npt.NDArray[np.float32],
    platforms: Sequence[str],
    tiers: Sequence[Tier],
    countries: Sequence[str],
    k: int,
) -> IndexHit | None:
    """The creators to score exactly, or None when the workspace is scored whole.

    The index is built on first use once the workspace has `INDEX_FROM` stored vectors'
    creators, and rebuilt when too many vectors arrived since.
    """
    loaded = _loaded(session, workspace_id)
    now = time.monotonic()
    if loaded is None or now - loaded.checked_at > RECHECK_SECONDS:
        vectors, _ = _stamp(session, workspace_id)
        if loaded is None:
            creators = session.scalar(
                select(func.count(func.distinct(ContentVector.creator_id))).where(
                    ContentVector.workspace_id == workspace_id
                )
            )
            if (creators or 0) < INDEX_FROM:
                return None
            build_workspace_index(session, workspace_id=workspace_id)
            loaded = _loaded(session, workspace_id)
            assert loaded is not None
        elif vectors - loaded.vectors > STALE_SHARE * max(loaded.vectors, 1):
            build_workspace_index(session, workspace_id=workspace_id)
            loaded = _loaded(session, workspace_id)
            assert loaded is not None
        loaded.checked_at = now
    filters = _filters(loaded, platforms, tiers, countries)
    wanted = max(k, 1)
    ids, _ = loaded.index.search(
        normalise(query[None, :])[0], filters, k=wanted, oversample=max(RERANK // wanted, 1)
    )
    fresh = _fresh_ids(session, workspace_id, loaded.max_vector_id)
    ordered = list(dict.fromkeys([*(int(i) for i in ids), *fresh]))
    return IndexHit(tuple(ordered), indexed=len(loaded.index.ids), fresh=len(fresh))


def refresh_workspace_index(session: Session, *, workspace_id: int) -> int | None:
    """Embed what changed and rebuild the index of a workspace that has or needs one.

    The nightly task. Returns the creators indexed, or None for a workspace small enough to
    be scored whole (its shortlist embeds what changed itself).
    """
    if not (_folder(session, workspace_id) / "meta.json").is_file():
        creators = session.scalar(
            select(func.count(func.distinct(ContentVector.creator_id))).where(
                ContentVector.workspace_id == workspace_id
            )
        )
        if (creators or 0) < INDEX_FROM:
            return None
    refresh_vectors(session, workspace_id=workspace_id)
    return build_workspace_index(session, workspace_id=workspace_id)
