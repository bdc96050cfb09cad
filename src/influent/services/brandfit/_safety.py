"""Brand-safety flags of a creator: each one names the post that raised it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from influent.domain.brand_safety import Lexicon, find_hits
from influent.domain.content import PostData
from influent.domain.sponsorship import disclosure_check, sponsored_share

__all__ = ["SATURATION", "Flag", "creator_flags", "safety_part"]

# Sponsored share above which a feed reads as an advertising channel (Influent's vetting
# page uses the same reading of sponsored_share; a third of posts is a common agency cut-off).
SATURATION = 0.3
_SEVERITY = {
    "competitor": 0.35,
    "excluded_topic": 0.4,
    "excluded_word": 0.3,
    "profanity": 0.15,
    "sensitive": 0.2,
    "sponsored_saturation": 0.2,
    "undisclosed_sponsorship": 0.15,
}


@dataclass(frozen=True, slots=True)
class Flag:
    kind: str
    term: str | None
    topic: str | None
    text: str
    url: str | None


def creator_flags(
    lexicon: Lexicon, texts: Sequence[str], urls: Sequence[str | None], keys: Sequence[str]
) -> list[Flag]:
    """Word flags for each text, then the sponsorship flags over the creator's posts."""
    flags = [
        Flag(hit.kind, hit.term, hit.topic, texts[i][:280], urls[i])
        for i, hit in find_hits(lexicon, texts)
    ]
    moment = datetime(2000, 1, 1, tzinfo=UTC)
    posts = [
        PostData(external_id=key, published_at=moment, caption=text, url=url)
        for text, url, key in zip(texts, urls, keys, strict=True)
        if key.startswith("post:")
    ]
    if posts:
        share = sponsored_share(posts)
        if share.share is not None and share.share > SATURATION:
            first = next(
                (p for p in posts if p.external_id == share.sponsored[0].external_id), None
            )
            flags.append(
                Flag(
                    "sponsored_saturation",
                    f"{round(share.share * 100)}%",
                    None,
                    (first.caption or "")[:280] if first else "",
                    first.url if first else None,
                )
            )
        lacking = disclosure_check(posts).lacking
        if lacking:
            flags.append(
                Flag(
                    "undisclosed_sponsorship",
                    str(len(lacking)),
                    None,
                    (lacking[0].caption or "")[:280],
                    lacking[0].url,
                )
            )
    return flags


def safety_part(flags: Sequence[Flag]) -> float:
    """1 without flags, lower with each distinct kind and term found."""
    seen = {(f.kind, f.term) for f in flags}
    return max(0.0, 1.0 - sum(_SEVERITY.get(kind, 0.2) for kind, _ in seen))
