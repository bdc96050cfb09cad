"""The per-post numbers of many accounts at once, as the per-account metrics compute them.

The audit of one creator computes its engagement rate (the median over the last posts of
interactions per follower or per view), its comments per like (sums over the last posts)
and the regularity of its posting (the gaps between the posts of the last 90 days) from a
dozen `PostData`. Over a whole workspace the same numbers come from columns: one row per
post, grouped by account and newest first, with the same arithmetic (the same divisions,
a median of the sorted rates, `gap_cv` on the same gaps), so they are the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from influent.domain.activity import gap_cv
from influent.domain.metrics import LAST_POSTS

__all__ = ["PostNumbers", "post_numbers"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US_PER_DAY = 86_400 * 10**6
_Ints = npt.NDArray[np.int64]
_Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class PostNumbers:
    """What the score reads from an account's posts (see `metrics.engagement_of`,
    `metrics.comments_to_likes_of` and `activity.gap_cv`)."""

    recent: int = 0
    first_post_at: datetime | None = None
    last_post_at: datetime | None = None
    median_rate: float | None = None
    rates_used: int = 0
    ctl_used: int = 0
    ctl_comments: int = 0
    ctl_likes: int = 0
    gap_cv: float | None = None


def _moment(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


def post_numbers(
    account_ids: Sequence[int],
    followers: Sequence[int | None],
    per_view: Sequence[bool],
    account_id: _Ints,
    published: _Ints,
    likes: _Floats,
    comments: _Floats,
    views: _Floats,
    *,
    now: datetime,
    last_posts: int = LAST_POSTS,
    window_days: int = 90,
) -> dict[int, PostNumbers]:
    """Each account's post numbers.

    `followers` and `per_view` (engagement per view rather than per follower) are given per
    account, in the order of `account_ids`. The rows (account, publication time in
    microseconds since 1970 UTC, likes, comments, views with NaN when unknown) are the
    posts published up to `now`, grouped by account, newest first.
    """
    result = {a: PostNumbers() for a in account_ids}
    if len(account_id) == 0:
        return result
    position = {a: k for k, a in enumerate(account_ids)}
    starts = np.flatnonzero(np.r_[True, account_id[1:] != account_id[:-1]])
    counts = np.diff(np.r_[starts, len(account_id)])
    groups = np.array([position[a] for a in account_id[starts].tolist()], dtype=np.int64)
    row_group = np.repeat(groups, counts)
    rank = np.arange(len(account_id)) - np.repeat(starts, counts)
    recent = rank < last_posts
    n = len(account_ids)

    # Engagement: (likes + comments) / followers (or / views) over the recent posts that
    # report a counter (and, per view, have views); the median of the sorted rates.
    known = ~(np.isnan(likes) & np.isnan(comments))
    interactions = np.nan_to_num(likes) + np.nan_to_num(comments)
    per_follower = np.array([float(f) if f else np.nan for f in followers], dtype=np.float64)
    by_view = np.asarray(per_view, dtype=bool)[row_group]
    denominator = np.where(by_view, views, per_follower[row_group])
    ok = recent & known & ~np.isnan(denominator) & (denominator != 0)
    rates = interactions[ok] / denominator[ok]
    rate_group = row_group[ok]
    order = np.lexsort((rates, rate_group))
    rates = rates[order]
    used = np.bincount(rate_group, minlength=n)
    offset = np.r_[0, np.cumsum(used)[:-1]]
    low, high = offset + (used - 1) // 2, offset + used // 2
    medians = np.full(n, np.nan)
    has = used > 0
    medians[has] = np.where(
        used[has] % 2 == 1, rates[high[has]], (rates[low[has]] + rates[high[has]]) / 2
    )

    # Comments per like: sums over the recent posts that report both counters.
    both = recent & ~np.isnan(likes) & ~np.isnan(comments)
    ctl_used = np.bincount(row_group[both], minlength=n)
    ctl_likes = np.bincount(row_group[both], weights=likes[both], minlength=n)
    ctl_comments = np.bincount(row_group[both], weights=comments[both], minlength=n)

    # Regularity: the gaps between the posts of the window, in days (the rows are newest
    # first and none is after `now`, so each account's window is its first rows).
    now_us = (now - _EPOCH) // timedelta(microseconds=1)
    in_window = published >= now_us - window_days * _US_PER_DAY
    window = np.bincount(row_group[in_window], minlength=n)
    gaps = np.r_[(published[:-1] - published[1:]).astype(np.float64) / 10**6 / 86_400, 0.0]

    recent_counts = np.minimum(counts, last_posts)
    first = published[starts + recent_counts - 1].tolist()
    last = published[starts].tolist()
    for k, (g, start) in enumerate(zip(groups.tolist(), starts.tolist(), strict=True)):
        in_it = int(window[g])
        result[account_ids[g]] = PostNumbers(
            recent=int(recent_counts[k]),
            first_post_at=_moment(first[k]),
            last_post_at=_moment(last[k]),
            median_rate=float(medians[g]) if used[g] else None,
            rates_used=int(used[g]),
            ctl_used=int(ctl_used[g]),
            ctl_comments=round(ctl_comments[g]),
            ctl_likes=round(ctl_likes[g]),
            gap_cv=gap_cv(gaps[start : start + in_it - 1].tolist()) if in_it >= 3 else None,
        )
    return result
