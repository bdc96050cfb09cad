"""Which posts are sponsored, and whether they carry the disclosure French law requires.

Rule for "sponsored": a post's caption or title contains an explicit marker (#ad,
#sponsored, #sponso, #partenariat, #pub, "partenariat rémunéré", "collaboration
commerciale", "paid partnership", "publicité"), or it tags an account (an @mention)
together with a sponsor word (partner, sponsor, collab, gifted, offert, code promo...).
A mention alone is not enough: creators tag friends and photographers all the time.

Disclosure: loi n° 2023-451 du 9 juin 2023 (art. 5) requires commercial content to carry
the words "publicité" or "collaboration commerciale". Abbreviations such as #ad, #pub or
#sponso mark a post as sponsored here but do not satisfy that wording.
Reference: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047663185
Only the caption and title are read: a platform's own "paid partnership" label is not
visible in them, so a post disclosed only through that label is reported as lacking.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from influent.domain.content import PostData
from influent.domain.messages import Message, message

__all__ = [
    "DisclosureCheck",
    "SponsorMatch",
    "SponsoredShare",
    "disclosure_check",
    "has_legal_disclosure",
    "sponsor_match",
    "sponsored_share",
]


# An audit reads each caption several times (sponsored share, disclosure); folded once.
@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """Lower-case without accents, so "Publicité" and "publicite" read alike."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _tag(name: str) -> str:
    # A hashtag must end there: "#ad" must not match "#adventure".
    return rf"(?<![\w#])#{name}(?![\w])"


_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        ("#ad", _tag("ad")),
        ("#sponsored", _tag("sponsored")),
        ("#sponso", _tag("sponso")),
        ("#sponsorise", _tag("sponsorise")),
        ("#partenariat", _tag("partenariat")),
        ("#pub", _tag("pub")),
        ("#publicite", _tag("publicite")),
        ("#collaborationcommerciale", _tag("collaborationcommerciale")),
        ("partenariat rémunéré", r"partenariat remunere"),
        ("collaboration commerciale", r"collaboration commerciale"),
        ("paid partnership", r"paid partnership"),
        ("publicité", r"(?<!\w)publicite(?!\w)"),
    )
)

_SPONSOR_WORDS = re.compile(
    r"(?<!\w)(partner|partnership|partenaire|partenariat|sponsor\w*|sponso|collab|"
    r"collaboration|en collaboration avec|in collaboration with|gifted|offert|offerte|"
    r"code promo|promo code|discount code|code de reduction|lien en bio|link in bio)(?!\w)"
)
_MENTION = re.compile(r"(?<![\w@])@[a-z0-9_.]{2,30}")
_LEGAL = re.compile(r"(?<!\w)(publicite|collaboration ?commerciale)(?!\w)")
# Loi n° 2023-451 du 9 juin 2023, art. 5: the mention a sponsored post must carry.
RULE = message("sponsorship.rule")


def _text(post: PostData) -> str:
    return _fold(" ".join(t for t in (post.title, post.caption) if t))


@dataclass(frozen=True, slots=True)
class SponsorMatch:
    """Why a post counts as sponsored; empty `markers` and no `mention` means it does not."""

    external_id: str
    markers: tuple[str, ...]
    mention: str | None
    sponsor_word: str | None

    @property
    def is_sponsored(self) -> bool:
        return bool(self.markers) or (self.mention is not None and self.sponsor_word is not None)


# Fourteen patterns per caption, and the same captions for every audit of the creator.
@lru_cache(maxsize=8192)
def _findings(text: str) -> tuple[tuple[str, ...], str | None, str | None]:
    markers = tuple(label for label, pattern in _MARKERS if pattern.search(text))
    mention = _MENTION.search(text)
    word = _SPONSOR_WORDS.search(text)
    return markers, mention.group(0) if mention else None, word.group(0) if word else None


def sponsor_match(post: PostData) -> SponsorMatch:
    """The markers, or the mention plus sponsor word, that make a post sponsored."""
    markers, mention, word = _findings(_text(post))
    return SponsorMatch(
        external_id=post.external_id, markers=markers, mention=mention, sponsor_word=word
    )


def has_legal_disclosure(post: PostData) -> bool:
    """True when the post says "publicité" or "collaboration commerciale" (loi 2023-451)."""
    # Hashtag forms (#publicité, #collaborationcommerciale) carry the same words.
    return _LEGAL.search(_text(post)) is not None


@dataclass(frozen=True, slots=True)
class SponsoredShare:
    share: float | None
    sponsored: tuple[SponsorMatch, ...]
    posts_used: int
    reason: Message | None = None


def sponsored_share(posts: Sequence[PostData]) -> SponsoredShare:
    """The share of posts that are sponsored, with the evidence for each."""
    matches = tuple(m for m in (sponsor_match(p) for p in posts) if m.is_sponsored)
    if not posts:
        return SponsoredShare(None, (), 0, message("sponsorship.no_posts"))
    return SponsoredShare(len(matches) / len(posts), matches, len(posts))


@dataclass(frozen=True, slots=True)
class DisclosureCheck:
    """Sponsored posts lacking the mention French law requires."""

    sponsored_posts: int
    lacking: tuple[PostData, ...]
    rule: Message = RULE

    @property
    def compliant(self) -> bool:
        return not self.lacking


def disclosure_check(posts: Sequence[PostData]) -> DisclosureCheck:
    """Which sponsored posts do not say "publicité" or "collaboration commerciale"."""
    sponsored = [p for p in posts if sponsor_match(p).is_sponsored]
    return DisclosureCheck(
        sponsored_posts=len(sponsored),
        lacking=tuple(p for p in sponsored if not has_legal_disclosure(p)),
    )
