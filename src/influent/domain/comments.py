"""Comment authenticity: how many comments look generic, emoji-only or copied."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["CommentAuthenticity", "comment_authenticity"]

_GENERIC_PHRASES = (
    "nice|nice pic|nice post|nice one|love it|love this|love|amazing|beautiful|wow|"
    "great|cool|so cute|cute|awesome|gorgeous|perfect|stunning|omg|yes|great pic|"
    "great post|great content|so good|lovely|trop beau|trop belle|trop bien|"
    "trop cool|magnifique|super|top|bravo|j adore|sublime|canon|genial|incroyable|"
    "waouh|waw|trop mignon|belle photo|jolie|joli|magnifique photo"
)
_GENERIC = frozenset(_GENERIC_PHRASES.split("|"))


def _normalise_comment(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^a-z0-9@]+", " ", bare).split()
    # "niiiice" and "woooow" are the same generic word.
    return " ".join(re.sub(r"(.)\1{2,}", r"\1", w) for w in words)


@dataclass(frozen=True, slots=True)
class CommentAuthenticity:
    """How many comments look generic, emoji-only or copied."""

    total: int
    generic: int
    emoji_only: int
    duplicates: int
    suspicious: int

    @property
    def suspicious_share(self) -> float:
        return self.suspicious / self.total if self.total else 0.0


def comment_authenticity(texts: Sequence[str]) -> CommentAuthenticity:
    """Counts generic ("nice", "🔥", "trop beau"), emoji-only and duplicate comments.

    A comment counts once in `suspicious` even when it is both generic and a duplicate.
    Duplicates are the second and later copies of the same normalised text.
    """
    seen: set[str] = set()
    generic = emoji_only = duplicates = suspicious = total = 0
    for raw in texts:
        if not raw.strip():
            continue
        total += 1
        normal = _normalise_comment(raw)
        is_emoji = not normal
        is_generic = normal in _GENERIC
        key = normal or "".join(raw.split())
        is_duplicate = key in seen
        seen.add(key)
        generic += is_generic
        emoji_only += is_emoji
        duplicates += is_duplicate
        suspicious += is_generic or is_emoji or is_duplicate
    return CommentAuthenticity(total, generic, emoji_only, duplicates, suspicious)
