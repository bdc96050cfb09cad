"""Ranking discovered creators, and the keywords they share.

Ranking (each part in 0..1):
    relevance = (3·cover(name) + 2·cover(description and categories) + cover(recent titles)) / 6
    audience  = min(1, log10(1 + followers) / 7)          # 10 M followers reach 1
    position  = 1 − rank / results                        # the platform's own ordering
    score     = 0.6·relevance + 0.25·audience + 0.15·position
where cover(text) is the share of the query's words (stopwords removed) found in the text.
A candidate found by several queries keeps its best score.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from influent.domain.content import AccountData
from influent.domain.values import normalise_key

__all__ = ["STOPWORDS", "Hit", "keywords", "relevance", "score"]

_HASHTAG = re.compile(r"#([^\W\d_][\w-]{1,49})")
_WORD = re.compile(r"[^\W\d_]{3,}")
_LINK = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")

# Words too common to say what a creator is about, in English and French (accents folded).
_STOPWORD_LINES = (
    "a about after all also an and any are as at be been but by can could de des do does",
    "du each en et for from get got had has have he her here his how i if in into is it",
    "its just la le les like make more most my new no not now of on one only or our out",
    "over so some than that the their them then there these they this those through to",
    "too up us use very was we were what when where which while who why will with you",
    "your yours www http https com org net html amp video videos channel subscribe",
    "youtube podcast episode episodes show watch follow instagram new official welcome",
    "every week weekly",
    "au aux avec ce ces cette chez comme dans elle elles est et etre eu fait faire il ils",
    "je leur leurs lui mais me meme mes moi mon ne nos notre nous on ou par pas plus pour",
    "qu que qui sa sans se ses si son sont sur ta te tes toi ton tous tout toute toutes",
    "tres tu un une vos votre vous ici chaque aussi bien encore entre sous vers chaine",
    "abonnez",
)
STOPWORDS = frozenset(w for line in _STOPWORD_LINES for w in line.split())


@dataclass(slots=True)
class Hit:
    """One account a source returned for a query, at its rank among `total` results."""

    query: str
    source: str
    rank: int
    total: int
    data: AccountData
    feed_url: str | None = None
    exact: bool = False  # looked up by address or username, so relevant by definition


def _fold(text: str) -> str:
    return normalise_key(text)


def _words(text: str | None) -> list[str]:
    return _WORD.findall(_fold(_LINK.sub(" ", text or "")))


def _query_terms(query: str) -> list[str]:
    words = _words(query)
    return [w for w in words if w not in STOPWORDS] or words


def _matches(term: str, tokens: set[str]) -> bool:
    if term in tokens:
        return True
    # Plurals and light inflections: "vegan" finds "vegans", "cosmetiques" finds "cosmetique".
    return len(term) >= 4 and any(
        len(t) >= 4 and (t.startswith(term) or term.startswith(t)) for t in tokens
    )


def _cover(terms: Sequence[str], text: str) -> float:
    if not terms:
        return 0.0
    tokens = set(_words(text))
    return sum(_matches(t, tokens) for t in terms) / len(terms)


def relevance(query: str, data: AccountData) -> float:
    terms = _query_terms(query)
    about = " ".join([data.description or "", *data.categories])
    titles = " ".join(p.title or "" for p in data.posts[:12])
    name = data.name or data.handle
    return (3 * _cover(terms, name) + 2 * _cover(terms, about) + _cover(terms, titles)) / 6


def score(hit: Hit) -> tuple[float, float]:
    """(score, relevance) of one hit; see the module docstring for the formula."""
    rel = 1.0 if hit.exact else relevance(hit.query, hit.data)
    followers = hit.data.snapshot.followers if hit.data.snapshot else None
    audience = min(1.0, math.log10(1 + followers) / 7) if followers else 0.0
    position = 1 - hit.rank / max(1, hit.total)
    return round(0.6 * rel + 0.25 * audience + 0.15 * position, 4), round(rel, 4)


def keywords(
    found: Sequence[AccountData], queries_: Sequence[str], *, top: int = 20
) -> list[tuple[str, int]]:
    """Hashtags, categories and words found creators share, without the queries' own words.

    Counted once per creator, so one long description cannot dominate.
    """
    excluded = {w for q in queries_ for w in _words(q)}
    counts: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = {}

    def add(key: str, surface: str, seen: set[str]) -> None:
        seen.add(key)
        shown.setdefault(key, Counter())[surface] += 1

    curated: set[str] = set()  # hashtags and categories: chosen by the creators themselves
    for data in found:
        # Words come from what describes the creator; long captions add only their hashtags.
        texts = [data.name or "", data.description or ""]
        texts += [p.title or "" for p in data.posts[:12]]
        seen: set[str] = set()
        for text in [*texts, *(p.caption or "" for p in data.posts[:12])]:
            for tag in _HASHTAG.findall(text):
                if _fold(tag) not in excluded:
                    add("#" + _fold(tag).replace(" ", ""), "#" + tag.lower(), seen)
        for category in data.categories:
            key = _fold(category)
            if key and not any(_matches(w, {q}) for w in key.split() for q in excluded):
                add(key, category.lower(), seen)
                curated.add(key)
        for text in texts:
            for word in _WORD.findall(_LINK.sub(" ", _HASHTAG.sub(" ", text)).lower()):
                key = _fold(word)
                if key not in STOPWORDS and not any(_matches(key, {q}) for q in excluded):
                    add(key, word, seen)
        counts.update(seen)
    curated.update(k for k in counts if k.startswith("#"))
    # Plain words need two creators behind them once there are a few creators to compare.
    least = 2 if len(found) >= 3 else 1
    ranked = sorted(
        (k for k, n in counts.items() if n >= least or k in curated),
        key=lambda k: (-counts[k], k not in curated, k),
    )
    return [(shown[k].most_common(1)[0][0], counts[k]) for k in ranked[:top]]
