"""Relevance of creators to a brief: stored text vectors against the brief's, plus BM25.

Semantic part: each stored text's similarity is its best cosine against the brief's query
vectors (product and audience, each keyword, each adjacent topic, adjacent ones weighted
down). A creator's semantic score is the mean of its three best texts, so one lucky caption
does not make a fit, mapped to [0, 1] between two cosines calibrated on the labelled set
(docs/brand-fit.md).

Lexical part: Okapi BM25 (k1 = 1.2, b = 0.75; Robertson & Zaragoza 2009) of the brief's
folded and stemmed words over each creator's texts taken as one document, divided by the
best creator's, so an exact product word counts even when the embedding misses it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from influent.analytics.embeddings import Matrix
from influent.domain.brand_words import fold, phrase_pattern, words

__all__ = ["Evidence", "Relevance", "score_relevance"]

# Cosines of the USE model: below LOW is unrelated, above HIGH is as close as captions get.
LOW, HIGH = 0.15, 0.55
ADJACENT_WEIGHT = 0.8
SEMANTIC_SHARE = 0.7
_K1, _B = 1.2, 0.75


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    url: str | None
    similarity: float


@dataclass(frozen=True, slots=True)
class Relevance:
    fit: float
    semantic: float
    lexical: float
    evidence: tuple[Evidence, ...]
    keywords_hit: tuple[str, ...]


def _semantic(sims: np.ndarray) -> float:
    if sims.size == 0:
        return 0.0
    best = np.sort(sims)[::-1][:3]
    mean = float(best.sum() / 3)
    return min(1.0, max(0.0, (mean - LOW) / (HIGH - LOW)))


def score_relevance(
    *,
    creators: Sequence[int],
    text_creator: Sequence[int],
    texts: Sequence[str],
    urls: Sequence[str | None],
    vectors: Matrix,
    queries: Matrix,
    query_weights: Sequence[float],
    query_words: Sequence[str],
    keywords: Sequence[str],
) -> dict[int, Relevance]:
    """Relevance per creator id; texts, urls and vectors are parallel, one row per text."""
    weights = np.asarray(query_weights, dtype=np.float32)
    sims = (
        (vectors @ queries.T * weights).max(axis=1)
        if len(texts) and len(queries)
        else np.zeros(len(texts), dtype=np.float32)
    )
    owner = np.asarray(text_creator, dtype=np.int64)
    by_creator: dict[int, np.ndarray] = {cid: np.flatnonzero(owner == cid) for cid in creators}
    # BM25 over one document per creator.
    docs = {
        cid: Counter(w for i in rows for w in words(texts[i])) for cid, rows in by_creator.items()
    }
    lengths = {cid: sum(doc.values()) for cid, doc in docs.items()}
    average = (sum(lengths.values()) / len(lengths)) if lengths else 0.0
    terms = list(dict.fromkeys(w for q in query_words for w in words(q)))
    n = len(docs)
    df = {t: sum(1 for doc in docs.values() if t in doc) for t in terms}
    bm25: dict[int, float] = {}
    for cid, doc in docs.items():
        total = 0.0
        for t in terms:
            tf = doc.get(t, 0)
            if not tf:
                continue
            idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
            norm = _K1 * (1 - _B + _B * lengths[cid] / average) if average else _K1
            total += idf * tf * (_K1 + 1) / (tf + norm)
        bm25[cid] = total
    best_bm25 = max(bm25.values(), default=0.0)
    patterns = [(k, phrase_pattern(k)) for k in keywords]
    out: dict[int, Relevance] = {}
    for cid, rows in by_creator.items():
        own = sims[rows]
        order = rows[np.argsort(-own)][:3]
        semantic = _semantic(own)
        lexical = bm25[cid] / best_bm25 if best_bm25 > 0 else 0.0
        folded = [fold(texts[i]) for i in rows]
        hit = tuple(k for k, p in patterns if p is not None and any(p.search(f) for f in folded))
        out[cid] = Relevance(
            fit=SEMANTIC_SHARE * semantic + (1 - SEMANTIC_SHARE) * lexical,
            semantic=semantic,
            lexical=lexical,
            evidence=tuple(Evidence(texts[i], urls[i], float(sims[i])) for i in order),
            keywords_hit=hit,
        )
    return out
