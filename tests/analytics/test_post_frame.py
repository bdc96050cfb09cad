"""The column-wise per-post numbers are the per-account metrics' numbers, to the last bit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from influent.analytics.post_frame import post_numbers
from influent.domain.content import PostData
from influent.domain.metrics import (
    EngagementBasis,
    cadence,
    comments_to_likes,
    comments_to_likes_of,
    engagement_basis,
    engagement_of,
    engagement_rate,
)
from influent.domain.platforms import Platform

NOW = datetime(2025, 3, 31, 12, tzinfo=UTC)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
PLATFORMS = [Platform.INSTAGRAM, Platform.YOUTUBE, Platform.TIKTOK, Platform.PODCAST]


def _posts(rng: np.random.Generator, n: int) -> list[PostData]:
    posts = []
    for k in range(n):
        # Some posts share a moment (ties keep the later id first), some lack counters.
        days = int(rng.integers(0, 200)) if k % 7 else 3
        at = NOW - timedelta(days=days, seconds=int(rng.integers(0, 86_400)), microseconds=k)
        at = at if k % 7 else NOW - timedelta(days=3)
        posts.append(
            PostData(
                external_id=str(k),
                published_at=at,
                likes=None if k % 5 == 1 else int(rng.integers(0, 50_000)),
                comments=None if k % 4 == 2 else int(rng.integers(0, 900)),
                views=None if k % 6 == 3 else int(rng.integers(0, 3)) * int(rng.integers(1, 10**6)),
            )
        )
    # As the store orders them: newest first, the later post (higher id) first on a tie.
    return sorted(posts, key=lambda p: (p.published_at, int(p.external_id)), reverse=True)


def test_post_numbers_equal_the_per_account_metrics() -> None:
    rng = np.random.default_rng(3)
    ids = list(range(100, 160))
    platforms = [PLATFORMS[i % len(PLATFORMS)] for i in ids]
    followers: list[int | None] = [
        None if i % 9 == 0 else 0 if i % 11 == 0 else int(rng.integers(50, 10**7)) for i in ids
    ]
    per_account = {i: _posts(rng, int(rng.integers(0, 30))) for i in ids}
    rows = [(i, p) for i in ids for p in per_account[i]]

    def column(values: list[int | None]) -> np.ndarray:
        return np.array([np.nan if v is None else v for v in values], dtype=np.float64)

    found = post_numbers(
        ids,
        followers,
        [engagement_basis(p) is EngagementBasis.VIEWS for p in platforms],
        np.array([i for i, _ in rows], dtype=np.int64),
        np.array([(p.published_at - EPOCH) // timedelta(microseconds=1) for _, p in rows]),
        column([p.likes for _, p in rows]),
        column([p.comments for _, p in rows]),
        column([p.views for _, p in rows]),
        now=NOW,
    )
    for account, platform, count in zip(ids, platforms, followers, strict=True):
        posts, numbers = per_account[account], found[account]
        expected = engagement_rate(platform, posts, count)
        assert (
            engagement_of(
                platform,
                count,
                recent=numbers.recent,
                first_post_at=numbers.first_post_at,
                last_post_at=numbers.last_post_at,
                median=numbers.median_rate,
                used=numbers.rates_used,
            )
            == expected
        ), account
        ctl = comments_to_likes_of(numbers.ctl_used, numbers.ctl_comments, numbers.ctl_likes)
        assert ctl == comments_to_likes(posts), account
        assert numbers.gap_cv == cadence(posts, now=NOW).gap_cv, account
    assert any(n.median_rate is not None for n in found.values())
    assert any(n.gap_cv is not None for n in found.values())
