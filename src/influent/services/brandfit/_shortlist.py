"""The ranked shortlist of a brief, and lookalikes of one creator."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from influent.analytics.embeddings import Encoder, TextEncoder, from_bytes, normalise
from influent.analytics.relevance import ADJACENT_WEIGHT, Evidence, score_relevance
from influent.domain.benchmarks import NoBenchmark, percentile_in_tier
from influent.domain.brand_safety import lexicon
from influent.domain.brand_score import DEFAULT_WEIGHTS, PARTS, combine, reach_part
from influent.domain.messages import MessageError
from influent.domain.platforms import TIER_BOUNDS, Platform, Tier
from influent.services.brandfit._briefs import BriefData, BriefError, find_brief, parse_budget
from influent.services.brandfit._content import refresh_vectors
from influent.services.brandfit._index import index_candidates
from influent.services.brandfit._safety import Flag, creator_flags, safety_part
from influent.services.creators import NotFound, resolve_creator
from influent.services.vetting import audit_creator
from influent.store import brandfit_queries as queries
from influent.store.quality_queries import quality_of

__all__ = [
    "Lookalike",
    "Shortlist",
    "ShortlistRow",
    "lookalikes",
    "parse_weights",
    "shortlist",
]

_RATE_FIELDS = ("rate", "price", "fee", "tarif", "prix", "budget")
# In a workspace large enough for the creator index, how many of its best-reading creators
# (at least) are scored exactly.
INDEX_POOL = 100


@dataclass(frozen=True, slots=True)
class ShortlistRow:
    rank: int
    creator_id: int
    name: str
    accounts: tuple[tuple[str, str, str | None], ...]
    score: float
    parts: dict[str, float | None]
    missing: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    keywords_hit: tuple[str, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True, slots=True)
class Shortlist:
    brief: BriefData
    weights: dict[str, float]
    considered: int
    results: tuple[ShortlistRow, ...]
    # Creators in the index that proposed the `considered` ones; None when all were scored.
    indexed: int | None = None


def parse_weights(items: Sequence[str]) -> dict[str, float]:
    """ "fit=2" items over the default weights; an unknown part or a bad number is refused."""
    weights = dict(DEFAULT_WEIGHTS)
    for item in items:
        name, _, value = item.partition("=")
        try:
            number = float(value)
        except ValueError:
            raise BriefError("brandfit.error.weight", value=item) from None
        if name.strip() not in PARTS or number < 0 or number != number:
            raise BriefError("brandfit.error.weight", value=item)
        weights[name.strip()] = number
    return weights


def _queries(brief: BriefData, encoder: Encoder) -> tuple[np.ndarray, list[float]]:
    texts: list[str] = []
    weights: list[float] = []
    about = " ".join(p for p in (brief.product, brief.audience) if p)
    if about:
        texts.append(about)
        weights.append(1.0)
    for keyword in brief.keywords:
        texts.append(keyword)
        weights.append(1.0)
    for topic in (*brief.adjacent, *brief.values):
        texts.append(topic)
        weights.append(ADJACENT_WEIGHT)
    if not texts:
        texts, weights = [brief.name], [1.0]
    if isinstance(encoder, TextEncoder):
        return _brief_vectors(tuple(texts)), weights
    return encoder.encode(texts), weights


@functools.lru_cache(maxsize=256)
def _brief_vectors(texts: tuple[str, ...]) -> np.ndarray:
    """A brief's texts through the shipped model, once per process: a brief is asked again
    and again (filters, weights, pages). Read-only, since every caller shares it."""
    vectors = TextEncoder().encode(texts)
    vectors.flags.writeable = False
    return vectors


def _match(value: str | None, wanted: Sequence[str]) -> float | None:
    if not wanted or not value:
        return None
    return 1.0 if value.strip().lower()[:2] in {w.lower()[:2] for w in wanted} else 0.0


def _budget_part(custom: Mapping[str, object], brief: BriefData) -> float | None:
    if brief.budget_minor is None:
        return None
    fields = {k.lower(): v for k, v in custom.items()}
    for key in _RATE_FIELDS:
        if fields.get(key) not in (None, ""):
            try:
                rate, currency = parse_budget(str(fields[key]))
            except MessageError:
                return None
            if rate is None or currency != brief.currency:
                return None
            return 1.0 if rate <= brief.budget_minor else brief.budget_minor / rate
    return None


def _engagement(rate: float | None, platform: str | None, followers: int | None) -> float | None:
    if rate is None or platform is None:
        return None
    try:
        found = percentile_in_tier(rate, Platform(platform), followers)
    except ValueError:
        return None
    return None if isinstance(found, NoBenchmark) else found.percentile / 100


def shortlist(
    session: Session,
    *,
    workspace_id: int,
    brief_ref: str,
    platforms: Sequence[str] = (),
    tiers: Sequence[str] = (),
    countries: Sequence[str] = (),
    languages: Sequence[str] = (),
    min_quality: float | None = None,
    limit: int = 50,
    weights: Mapping[str, float] | None = None,
    encoder: Encoder | None = None,
) -> Shortlist:
    """Creators ranked against a brief, each part of the score and its evidence shown.

    Platforms and tiers default to the brief's; languages and countries filter only when
    given, otherwise they are scored as matches. Quality (the vetting score) is computed for
    the best candidates only, which is where it can change the order that is shown.
    In a workspace of `INDEX_FROM` creators or more, the creator index first proposes the
    few hundred whose content reads closest to the brief within the platform, tier and
    country filters, and only those are scored (`Shortlist.indexed` says how many it held).
    """
    encoder = encoder or TextEncoder()
    brief = find_brief(session, workspace_id=workspace_id, ref=brief_ref)
    weights = dict(weights or DEFAULT_WEIGHTS)
    tier_list = [Tier(t) for t in (tiers or brief.tiers)]
    platform_list = list(platforms or brief.platforms)
    query_vectors, query_weights = _queries(brief, encoder)
    hit = index_candidates(
        session,
        workspace_id=workspace_id,
        query=np.average(query_vectors, axis=0, weights=query_weights).astype(np.float32),
        platforms=platform_list,
        tiers=tier_list,
        countries=countries,
        k=max(limit * 2, INDEX_POOL),
    )
    found = queries.candidates(
        session,
        workspace_id,
        platforms=platform_list,
        countries=countries,
        languages=languages,
        follower_ranges=[TIER_BOUNDS[t] for t in tier_list],
        creator_ids=None if hit is None else hit.creator_ids,
    )
    ids = [c.id for c in found]
    if hit is None:
        # A large workspace's texts are embedded by the nightly task, not by a query.
        refresh_vectors(session, workspace_id=workspace_id, creator_ids=ids, encoder=encoder)
    stored = queries.stored_texts(session, workspace_id, ids)
    relevance = score_relevance(
        creators=ids,
        text_creator=[s.creator_id for s in stored],
        texts=[s.text for s in stored],
        urls=[s.url for s in stored],
        vectors=from_bytes([s.vector for s in stored]),
        queries=query_vectors,
        query_weights=query_weights,
        query_words=[brief.product, *brief.keywords, *brief.adjacent],
        keywords=[*brief.keywords, *brief.adjacent],
    )
    words = lexicon(
        competitors=brief.competitors,
        exclude_topics=brief.exclude_topics,
        exclude_words=brief.exclude_words,
    )
    texts_of: dict[int, list[int]] = {}
    for index, s in enumerate(stored):
        texts_of.setdefault(s.creator_id, []).append(index)
    rows: list[tuple[float, int, dict[str, float | None], list[Flag]]] = []
    for c in found:
        own = texts_of.get(c.id, [])
        flags = creator_flags(
            words,
            [stored[i].text for i in own],
            [stored[i].url for i in own],
            [stored[i].source_key for i in own],
        )
        parts: dict[str, float | None] = {
            "fit": relevance[c.id].fit if own else None,
            "quality": None,
            "engagement": _engagement(c.engagement_rate, c.platform, c.followers),
            "reach": reach_part(c.followers),
            "language": _match(c.language, brief.languages),
            "country": _match(c.country, brief.countries),
            "budget": _budget_part(c.custom_fields, brief),
            "safety": safety_part(flags),
        }
        rows.append((combine(parts, weights).score, c.id, parts, flags))
    rows.sort(key=lambda r: (-r[0], r[1]))
    pool = rows[: max(limit * 2, 100)]
    by_id = {c.id: c for c in found}
    results: list[tuple[float, int, dict[str, float | None], list[Flag], tuple[str, ...]]] = []
    wants_quality = weights.get("quality", 0) > 0 or min_quality is not None
    # The stored audience-quality score (kept current after every write and nightly); a
    # creator not scored yet is audited here.
    stored_quality = quality_of(session, [cid for _, cid, _, _ in pool]) if wants_quality else {}
    for _, cid, parts, flags in pool:
        if wants_quality:
            kept = stored_quality.get(cid)
            score = (
                kept.score
                if kept is not None
                else audit_creator(session, workspace_id=workspace_id, creator_id=cid).score
            )
            parts["quality"] = None if score is None else score / 100
        quality = parts["quality"]
        if min_quality is not None and quality is not None and quality * 100 < min_quality:
            continue
        combined = combine(parts, weights)
        results.append((combined.score, cid, parts, flags, combined.missing))
    results.sort(key=lambda r: (-r[0], r[1]))
    out = tuple(
        ShortlistRow(
            rank=rank,
            creator_id=cid,
            name=by_id[cid].name,
            accounts=by_id[cid].accounts,
            score=score,
            parts=parts,
            missing=missing,
            evidence=relevance[cid].evidence,
            keywords_hit=relevance[cid].keywords_hit,
            flags=tuple(flags),
        )
        for rank, (score, cid, parts, flags, missing) in enumerate(results[:limit], start=1)
    )
    return Shortlist(
        brief=brief,
        weights=weights,
        considered=len(found),
        results=out,
        indexed=None if hit is None else hit.indexed,
    )


@dataclass(frozen=True, slots=True)
class Lookalike:
    creator_id: int
    name: str
    accounts: tuple[tuple[str, str, str | None], ...]
    similarity: float
    evidence: tuple[Evidence, ...]


def lookalikes(
    session: Session,
    *,
    workspace_id: int,
    ref: str,
    limit: int = 20,
    encoder: Encoder | None = None,
) -> tuple[str, list[Lookalike]]:
    """Creators whose content reads like this creator's, in any language (name, results)."""
    try:
        source = resolve_creator(session, workspace_id=workspace_id, ref=ref)
    except NotFound:
        raise BriefError("brandfit.error.no_creator", ref=ref) from None
    refresh_vectors(session, workspace_id=workspace_id, encoder=encoder or TextEncoder())
    stored = queries.stored_texts(session, workspace_id)
    if not stored:
        return source.name, []
    vectors = from_bytes([s.vector for s in stored])
    owners = np.asarray([s.creator_id for s in stored])
    creator_ids = np.unique(owners)
    profiles = np.stack([vectors[owners == cid].mean(axis=0) for cid in creator_ids])
    profiles = normalise(profiles)
    mine = np.flatnonzero(creator_ids == source.id)
    if mine.size == 0:
        return source.name, []
    target = profiles[mine[0]]
    sims = profiles @ target
    order = [i for i in np.argsort(-sims) if creator_ids[i] != source.id][:limit]
    text_sims = vectors @ target
    found = {
        c.id: c
        for c in queries.candidates(
            session, workspace_id, creator_ids=[int(creator_ids[i]) for i in order]
        )
    }
    out: list[Lookalike] = []
    for i in order:
        cid = int(creator_ids[i])
        rows = np.flatnonzero(owners == cid)
        best = rows[np.argsort(-text_sims[rows])][:3]
        out.append(
            Lookalike(
                creator_id=cid,
                name=found[cid].name,
                accounts=found[cid].accounts,
                similarity=float(sims[i]),
                evidence=tuple(
                    Evidence(stored[j].text, stored[j].url, float(text_sims[j])) for j in best
                ),
            )
        )
    return source.name, out
