"""Matching the names customers write to known creators: folding, handles, nicknames, typos."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from influent.domain.brand_words import fold

__all__ = ["Known", "Match", "MatchIndex", "mention_key", "split_mentions"]

# Words people put around a name that are not the name: "le podcast X", "la chaîne YouTube de X".
_AROUND = re.compile(
    r"^(?:(?:le|la|les|l'|the|my|mon|ma)\s+)?"
    r"(?:(?:podcast|chaine|channel|blog|compte|account|page|youtubeuse|youtubeur|youtuber|"
    r"influenceuse|influenceur|influencer|instagrameuse|instagrameur)\s+)?"
    r"(?:(?:youtube|instagram|insta|tiktok|twitch|de|d'|of|by)\s+)*"
)
_AROUND_END = re.compile(r"\s+(?:sur|on)\s+(?:youtube|instagram|insta|tiktok|twitch|spotify)$")
_SPLIT = re.compile(r"[\n,;/+•|]+|\s+(?:et|and|&)\s+")
# WRatio on folded names: 88 accepts "lena situation" for "léna situations" and a missing
# letter in a 10-letter handle, and refuses two different first names with one family name.
CUTOFF = 88.0
# Squashed one-word names ("squeezy" for "squeezie"): one wrong letter in seven is a typo.
SQUASHED_CUTOFF = 80.0
SQUASHED_MIN_LENGTH = 7


def split_mentions(answer: str) -> list[str]:
    """The separate names in a free-text answer, in order, blanks and duplicates dropped."""
    seen: dict[str, str] = {}
    for part in _SPLIT.split(answer[:5000]):
        part = part.strip(" \t.-–—:\"'«»“”()[]")
        if 2 <= len(part) <= 120 and mention_key(part) and mention_key(part) not in seen:
            seen[mention_key(part)] = part
    return list(seen.values())[:30]


def mention_key(text: str) -> str:
    """A name as it is compared: folded, without @ or the words around it."""
    folded = fold(text).strip().lstrip("@")
    folded = _AROUND_END.sub("", _AROUND.sub("", folded))
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9' ]+", " ", folded)).strip()


def _squash(key: str) -> str:
    return re.sub(r"[^a-z0-9]", "", key)


@dataclass(frozen=True, slots=True)
class Known:
    """A known creator and every name it goes by: its name, handles and nicknames."""

    creator_id: int
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    creator_id: int
    score: float
    matched: str


class MatchIndex:
    """Known creators' names, folded once, matched with rapidfuzz."""

    def __init__(self, known: Sequence[Known]) -> None:
        self._keys: list[str] = []
        self._owners: list[int] = []
        self._squashed: dict[str, int] = {}
        for creator in known:
            for name in creator.names:
                key = mention_key(name)
                if not key:
                    continue
                self._keys.append(key)
                self._owners.append(creator.creator_id)
                # Handles are written without their dots and underscores as often as with.
                self._squashed.setdefault(_squash(key), creator.creator_id)

    def match(self, mention: str) -> Match | None:
        key = mention_key(mention)
        if not key:
            return None
        exact = self._squashed.get(_squash(key))
        if exact is not None:
            return Match(exact, 100.0, key)
        if not self._keys:
            return None
        found = process.extractOne(key, self._keys, scorer=fuzz.WRatio, score_cutoff=CUTOFF)
        if found is None:
            if len(_squash(key)) < SQUASHED_MIN_LENGTH:
                return None
            squashed = process.extractOne(
                _squash(key),
                [_squash(k) for k in self._keys],
                scorer=fuzz.ratio,
                score_cutoff=SQUASHED_CUTOFF,
            )
            if squashed is None:
                return None
            return Match(self._owners[squashed[2]], float(squashed[1]), self._keys[squashed[2]])
        # WRatio scores a short key inside a long name highly ("lena" in "lena situations");
        # a one-word mention must match a whole name, not a part of one.
        if " " not in key and len(key) < 0.6 * len(found[0]):
            return None
        return Match(self._owners[found[2]], float(found[1]), found[0])
