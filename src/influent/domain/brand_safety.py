"""Brand-safety words: sensitive topics and profanity in French and English, and the check.

The lists are maintained here, by hand, as whole words or phrases matched on folded text
(case and accents ignored; a trailing plural s/x is allowed). They aim at what a brand would
want to know before a partnership, not at moderation: a hit is shown with the post that
raised it, and a person decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from influent.domain.brand_words import fold, phrase_pattern

__all__ = ["SENSITIVE_TOPICS", "Lexicon", "SafetyHit", "find_hits", "lexicon"]

SENSITIVE_TOPICS: dict[str, tuple[str, ...]] = {
    "violence": (
        "violence", "violent", "meurtre", "murder", "arme a feu", "gun", "guns", "fusillade",
        "shooting", "massacre", "agression", "assault", "tuer", "kill", "bagarre", "fight club",
        "terrorisme", "terrorism", "braconnage",
    ),
    "adult": (
        "porn", "porno", "pornographie", "xxx", "onlyfans", "nsfw", "sexe", "sex tape",
        "erotique", "erotic", "strip tease", "escort",
    ),
    "drugs": (
        "cannabis", "weed", "marijuana", "cocaine", "heroine", "heroin", "mdma",
        "ecstasy", "drogue", "drug", "beuh", "lsd",
    ),
    "gambling": (
        "casino", "paris sportifs", "pari sportif", "sports betting", "betting", "poker",
        "slot machine", "machine a sous", "jackpot", "bookmaker", "roulette", "gambling",
    ),
    "hate": (
        "racisme", "raciste", "racist", "racism", "homophobe", "homophobic", "antisemite",
        "antisemitic", "nazi", "suprematiste", "white power", "xenophobe", "hate speech",
    ),
    "politics": (
        "election", "presidentielle", "referendum", "parti politique", "political party",
        "parlement", "parliament", "depute", "senator", "senateur",
        "extreme droite", "far right", "extreme gauche", "far left", "campagne electorale",
    ),
}  # fmt: skip

PROFANITY: tuple[str, ...] = (
    "putain", "merde", "connard", "connasse", "salope", "encule", "bordel", "nique", "ta gueule",
    "fuck", "fucking", "motherfucker", "bitch", "asshole", "bullshit", "dickhead", "cunt",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SafetyHit:
    """A word or phrase of one list found in one text."""

    kind: str  # competitor | excluded_topic | excluded_word | profanity | sensitive
    term: str
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: tuple[tuple[str, str, str | None, re.Pattern[str]], ...]
    # Every entry's pattern in one: a text it does not match (most texts) is done in one search.
    any_entry: re.Pattern[str] | None = None


def lexicon(
    *,
    competitors: Sequence[str] = (),
    exclude_topics: Sequence[str] = (),
    exclude_words: Sequence[str] = (),
) -> Lexicon:
    """Every pattern to look for: the brief's exclusions first, then the maintained lists."""
    entries: list[tuple[str, str, str | None, re.Pattern[str]]] = []

    def add(kind: str, term: str, topic: str | None) -> None:
        pattern = phrase_pattern(term)
        if pattern is not None:
            entries.append((kind, term, topic, pattern))

    for term in competitors:
        add("competitor", term, None)
    for term in exclude_topics:
        add("excluded_topic", term, None)
    for term in exclude_words:
        add("excluded_word", term, None)
    for term in PROFANITY:
        add("profanity", term, None)
    for topic, terms in SENSITIVE_TOPICS.items():
        for term in terms:
            add("sensitive", term, topic)
    combined = "|".join(f"(?:{pattern.pattern})" for *_, pattern in entries)
    return Lexicon(tuple(entries), re.compile(combined) if entries else None)


def find_hits(lexicon: Lexicon, texts: Iterable[str]) -> list[tuple[int, SafetyHit]]:
    """(index of the text, hit) for each entry found, once per text and entry."""
    hits: list[tuple[int, SafetyHit]] = []
    for index, text in enumerate(texts):
        folded = fold(text)
        if lexicon.any_entry is None or not lexicon.any_entry.search(folded):
            continue
        for kind, term, topic, pattern in lexicon.entries:
            if pattern.search(folded):
                hits.append((index, SafetyHit(kind, term, topic)))
    return hits
