"""Vetting metrics over an account's posts and snapshots.

Every result is a small frozen dataclass that carries its value together with the inputs
that produced it (posts used, window, followers), so a page can explain the figure.
A value of None always comes with a `reason`, a `Message` the faces render. Posting cadence and follower
growth live in `activity`.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from influent.domain.activity import Cadence, FollowerEvent, Growth, cadence, growth
from influent.domain.content import PostData
from influent.domain.messages import Message, message
from influent.domain.platforms import Platform

__all__ = [
    "LAST_POSTS",
    "Cadence",
    "CommentsToLikes",
    "CounterSummary",
    "EngagementBasis",
    "EngagementRate",
    "EngagementTrend",
    "FollowerEvent",
    "Growth",
    "PostAverages",
    "cadence",
    "comments_to_likes",
    "comments_to_likes_of",
    "engagement_basis",
    "engagement_of",
    "engagement_rate",
    "engagement_trend",
    "growth",
    "post_averages",
]

# Modash computes engagement from the median of recent posts so one viral post cannot
# inflate it (https://help.modash.io/en/articles/6542471-engagement-rate); we take the
# last 12 posts, the usual window for a feed's recent activity.
LAST_POSTS = 12


class EngagementBasis(StrEnum):
    FOLLOWERS = "followers"
    VIEWS = "views"
    NOT_APPLICABLE = "not_applicable"


_PER_VIEW = frozenset({Platform.YOUTUBE, Platform.TWITCH})
_NOT_APPLICABLE = {
    Platform.PODCAST: message("engagement.why.podcast"),
    Platform.BLOG: message("engagement.why.blog"),
}


def engagement_basis(platform: Platform) -> EngagementBasis:
    """What engagement is divided by on a platform."""
    if platform in _NOT_APPLICABLE:
        return EngagementBasis.NOT_APPLICABLE
    if platform in _PER_VIEW:
        return EngagementBasis.VIEWS
    return EngagementBasis.FOLLOWERS


@dataclass(frozen=True, slots=True)
class EngagementRate:
    """Median engagement per follower (or per view) over recent posts, as a fraction."""

    platform: Platform
    basis: EngagementBasis
    value: float | None
    posts_used: int
    posts_skipped: int
    followers: int | None
    first_post_at: datetime | None
    last_post_at: datetime | None
    method: Message
    reason: Message | None = None


def _latest(posts: Sequence[PostData], count: int) -> list[PostData]:
    return sorted(posts, key=lambda p: p.published_at, reverse=True)[:count]


def _interactions(post: PostData) -> int | None:
    if post.likes is None and post.comments is None:
        return None
    return (post.likes or 0) + (post.comments or 0)


def engagement_rate(
    platform: Platform,
    posts: Sequence[PostData],
    followers: int | None,
    *,
    last_posts: int = LAST_POSTS,
) -> EngagementRate:
    """Engagement rate the way the platform's audience is reached.

    Per-follower platforms: median over the last posts of (likes + comments) / followers.
    Video platforms (YouTube, Twitch): median of (likes + comments) / views per video.
    Podcasts and blogs: not applicable, with the reason.
    """
    basis = engagement_basis(platform)
    recent = _latest(posts, last_posts)
    rates: list[float] = []
    if basis is EngagementBasis.FOLLOWERS and followers:
        rates = [i / followers for p in recent if (i := _interactions(p)) is not None]
    elif basis is EngagementBasis.VIEWS:
        rates = [i / p.views for p in recent if (i := _interactions(p)) is not None and p.views]
    return engagement_of(
        platform,
        followers,
        recent=len(recent),
        first_post_at=recent[-1].published_at if recent else None,
        last_post_at=recent[0].published_at if recent else None,
        median=statistics.median(rates) if rates else None,
        used=len(rates),
        last_posts=last_posts,
    )


def engagement_of(
    platform: Platform,
    followers: int | None,
    *,
    recent: int,
    first_post_at: datetime | None,
    last_post_at: datetime | None,
    median: float | None,
    used: int,
    last_posts: int = LAST_POSTS,
) -> EngagementRate:
    """The engagement rate from its numbers: how many recent posts were read, the median of
    the rates of the `used` ones that had counters (a rate per follower or per view, as
    `engagement_basis` says), and when the recent posts were published. `engagement_rate`
    computes them from one account's posts; a whole workspace computes them column-wise."""
    basis = engagement_basis(platform)

    def result(
        value: float | None, count: int, reason: Message | None, method: Message
    ) -> EngagementRate:
        return EngagementRate(
            platform=platform,
            basis=basis,
            value=value,
            posts_used=count,
            posts_skipped=recent - count,
            followers=followers,
            first_post_at=first_post_at,
            last_post_at=last_post_at,
            method=method,
            reason=reason,
        )

    if basis is EngagementBasis.NOT_APPLICABLE:
        why = _NOT_APPLICABLE[platform]
        return result(
            None,
            0,
            message("engagement.not_applicable", why=why),
            message("engagement.method.none"),
        )
    if basis is EngagementBasis.FOLLOWERS:
        method = message("engagement.method.followers", count=last_posts)
        if not followers:
            return result(None, 0, message("engagement.unknown_followers"), method)
    else:
        method = message("engagement.method.views", count=last_posts)
    if not recent:
        return result(None, 0, message("engagement.no_posts"), method)
    if median is None or not used:
        missing = message(
            "engagement.counters.views"
            if basis is EngagementBasis.VIEWS
            else "engagement.counters.followers"
        )
        return result(None, 0, message("engagement.no_counters", what=missing), method)
    return result(median, used, None, method)


@dataclass(frozen=True, slots=True)
class CounterSummary:
    """Mean and median of one counter over the posts that report it."""

    counter: str
    mean: float | None
    median: float | None
    posts_used: int


@dataclass(frozen=True, slots=True)
class PostAverages:
    likes: CounterSummary
    comments: CounterSummary
    views: CounterSummary
    posts_considered: int


def _summary(counter: str, values: list[int]) -> CounterSummary:
    if not values:
        return CounterSummary(counter, None, None, 0)
    return CounterSummary(counter, statistics.fmean(values), statistics.median(values), len(values))


def post_averages(posts: Sequence[PostData], *, last_posts: int = LAST_POSTS) -> PostAverages:
    """Mean and median likes, comments and views over the last posts."""
    recent = _latest(posts, last_posts)
    return PostAverages(
        likes=_summary("likes", [p.likes for p in recent if p.likes is not None]),
        comments=_summary("comments", [p.comments for p in recent if p.comments is not None]),
        views=_summary("views", [p.views for p in recent if p.views is not None]),
        posts_considered=len(recent),
    )


@dataclass(frozen=True, slots=True)
class EngagementTrend:
    """Relative change of median per-post engagement: last half of the window vs first half.

    `change` is recent_median / earlier_median - 1, so +0.25 means a quarter more
    engagement per post lately. Medians, not a regression slope, so one viral post cannot
    tilt the trend.
    """

    value_basis: EngagementBasis
    change: float | None
    recent_median: float | None
    earlier_median: float | None
    recent_posts: int
    earlier_posts: int
    window_days: int
    window_end: datetime
    reason: Message | None = None


def engagement_trend(
    platform: Platform,
    posts: Sequence[PostData],
    followers: int | None,
    *,
    now: datetime,
    window_days: int = 90,
    min_posts_per_half: int = 2,
) -> EngagementTrend:
    """Median per-post engagement in the last 45 days against the 45 days before."""
    basis = engagement_basis(platform)
    half = timedelta(days=window_days / 2)
    start = now - 2 * half

    def result(
        change: float | None, recent: list[float], earlier: list[float], reason: Message | None
    ) -> EngagementTrend:
        return EngagementTrend(
            value_basis=basis,
            change=change,
            recent_median=statistics.median(recent) if recent else None,
            earlier_median=statistics.median(earlier) if earlier else None,
            recent_posts=len(recent),
            earlier_posts=len(earlier),
            window_days=window_days,
            window_end=now,
            reason=reason,
        )

    if basis is EngagementBasis.NOT_APPLICABLE:
        why = _NOT_APPLICABLE[platform]
        return result(None, [], [], message("engagement.not_applicable", why=why))
    if basis is EngagementBasis.FOLLOWERS and not followers:
        return result(None, [], [], message("engagement.unknown_followers"))
    recent: list[float] = []
    earlier: list[float] = []
    for post in posts:
        if not start <= post.published_at <= now:
            continue
        interactions = _interactions(post)
        if interactions is None:
            continue
        # Historic follower counts per post are rarely known; today's count is used for
        # every post, which leaves the ratio of the two medians unchanged.
        if basis is EngagementBasis.FOLLOWERS:
            assert followers
            rate = interactions / followers
        elif post.views:
            rate = interactions / post.views
        else:
            continue
        (recent if post.published_at > now - half else earlier).append(rate)
    if len(recent) < min_posts_per_half or len(earlier) < min_posts_per_half:
        return result(
            None,
            recent,
            earlier,
            message("trend.too_few_posts", count=min_posts_per_half, days=window_days),
        )
    earlier_median = statistics.median(earlier)
    if earlier_median == 0:
        return result(None, recent, earlier, message("trend.silent_start"))
    return result(statistics.median(recent) / earlier_median - 1, recent, earlier, None)


@dataclass(frozen=True, slots=True)
class CommentsToLikes:
    """Total comments over total likes on the last posts."""

    value: float | None
    comments: int
    likes: int
    posts_used: int
    reason: Message | None = None


def comments_to_likes(
    posts: Sequence[PostData], *, last_posts: int = LAST_POSTS
) -> CommentsToLikes:
    """Comments per like, from sums rather than per-post ratios so posts with few likes
    do not dominate."""
    used = [p for p in _latest(posts, last_posts) if p.likes is not None and p.comments is not None]
    likes = sum(p.likes or 0 for p in used)
    comments = sum(p.comments or 0 for p in used)
    return comments_to_likes_of(len(used), comments, likes)


def comments_to_likes_of(used: int, comments: int, likes: int) -> CommentsToLikes:
    """Comments per like from the sums over the `used` recent posts that report both."""
    if not used:
        return CommentsToLikes(None, 0, 0, 0, message("ctl.no_counters"))
    if likes == 0:
        return CommentsToLikes(None, comments, 0, used, message("ctl.no_likes"))
    return CommentsToLikes(comments / likes, comments, likes, used)
