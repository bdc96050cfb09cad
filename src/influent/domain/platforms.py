"""Platforms, creator tiers and content kinds."""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"
    TIKTOK = "tiktok"
    BLOG = "blog"
    PODCAST = "podcast"
    TWITCH = "twitch"
    X = "x"
    LINKEDIN = "linkedin"
    OTHER = "other"


PLATFORM_ALIASES: dict[str, Platform] = {
    "instagram": Platform.INSTAGRAM,
    "insta": Platform.INSTAGRAM,
    "ig": Platform.INSTAGRAM,
    "youtube": Platform.YOUTUBE,
    "yt": Platform.YOUTUBE,
    "you tube": Platform.YOUTUBE,
    "tiktok": Platform.TIKTOK,
    "tik tok": Platform.TIKTOK,
    "tt": Platform.TIKTOK,
    "blog": Platform.BLOG,
    "site": Platform.BLOG,
    "website": Platform.BLOG,
    "site web": Platform.BLOG,
    "podcast": Platform.PODCAST,
    "balado": Platform.PODCAST,
    "twitch": Platform.TWITCH,
    "x": Platform.X,
    "twitter": Platform.X,
    "linkedin": Platform.LINKEDIN,
    "other": Platform.OTHER,
    "autre": Platform.OTHER,
}


class Tier(StrEnum):
    NANO = "nano"
    MICRO = "micro"
    MID = "mid"
    MACRO = "macro"
    MEGA = "mega"


# Bounds are [low, high) in followers: nano < 10k, micro 10k-100k, mid 100k-500k,
# macro 500k-1M, mega >= 1M (the usual industry split, as used by HypeAuditor and Modash).
TIER_BOUNDS: dict[Tier, tuple[int, int | None]] = {
    Tier.NANO: (0, 10_000),
    Tier.MICRO: (10_000, 100_000),
    Tier.MID: (100_000, 500_000),
    Tier.MACRO: (500_000, 1_000_000),
    Tier.MEGA: (1_000_000, None),
}


def tier_for(followers: int | None) -> Tier | None:
    """The tier of an audience size, or None when the size is unknown."""
    if followers is None:
        return None
    for tier, (low, high) in TIER_BOUNDS.items():
        if followers >= low and (high is None or followers < high):
            return tier
    return None


class PostKind(StrEnum):
    POST = "post"
    STORY = "story"
    REEL = "reel"
    VIDEO = "video"
    SHORT = "short"
    ARTICLE = "article"
    EPISODE = "episode"
    OTHER = "other"
