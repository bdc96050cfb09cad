"""Follower anomalies of many accounts at once, as the per-account detector finds them.

The audit of one creator runs `detect_follower_events` on its daily series. Over a whole
workspace the same test runs column-wise: accounts whose series cover every day between
their first and last snapshot and have the same length are stacked into one matrix, and
the median, the median absolute deviation and the modified z-scores of their daily gains
are computed for all rows at once, with the very same arithmetic. A row with no abnormal
day has no event; the few rows with one, and every series with gaps (which need
interpolating), go through `detect_follower_events` itself, so the events are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from influent.analytics.changepoints import (
    _CONSISTENCY,
    _MEAN_AD_FACTOR,
    MIN_DAYS,
    MODIFIED_Z_CUTOFF,
    detect_follower_events,
)
from influent.domain.metrics import FollowerEvent

__all__ = ["follower_events_of"]

_EPOCH = date(1970, 1, 1)
Events = tuple[FollowerEvent, ...] | None
_Ints = npt.NDArray[np.int64]


def _last_per_day(account_id: _Ints, day: _Ints, followers: _Ints) -> tuple[_Ints, _Ints, _Ints]:
    """Keep the last row of each (account, day): the rows come ordered by account and time."""
    if len(account_id) == 0:
        return account_id, day, followers
    last = np.ones(len(account_id), dtype=bool)
    last[:-1] = (account_id[1:] != account_id[:-1]) | (day[1:] != day[:-1])
    return account_id[last], day[last], followers[last]


def _series(days: _Ints, followers: _Ints) -> list[tuple[date, int]]:
    return [
        (_EPOCH + timedelta(days=int(d)), int(f))
        for d, f in zip(days.tolist(), followers.tolist(), strict=True)
    ]


def _matrix_events(values: npt.NDArray[np.float64], cutoff: float) -> npt.NDArray[np.bool_]:
    """Which rows of a (accounts x days) matrix hold at least one abnormal day."""
    gains = np.diff(values, axis=1)
    median = np.median(gains, axis=1, keepdims=True)
    deviations = np.abs(gains - median)
    mad = np.median(deviations, axis=1, keepdims=True)
    mean_ad = np.mean(deviations, axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        by_mad = _CONSISTENCY * (gains - median) / mad
        by_mean = (gains - median) / (_MEAN_AD_FACTOR * mean_ad)
    scores = np.where(mad > 0, by_mad, by_mean)
    abnormal = np.abs(scores) > cutoff
    flat = (mad[:, 0] <= 0) & (mean_ad[:, 0] == 0)
    suspect: npt.NDArray[np.bool_] = abnormal.any(axis=1) & ~flat
    return suspect


def follower_events_of(
    account_ids: Sequence[int],
    account_id: _Ints,
    day: _Ints,
    followers: _Ints,
    *,
    cutoff: float = MODIFIED_Z_CUTOFF,
    min_days: int = MIN_DAYS,
) -> dict[int, Events]:
    """Each account's abnormal follower events, or None when its history is too short.

    The rows (account, UTC day number, followers) are ordered by account and time.
    """
    result: dict[int, Events] = dict.fromkeys(account_ids)
    account_id, day, followers = _last_per_day(account_id, day, followers)
    if len(account_id) == 0:
        return result
    starts = np.flatnonzero(np.r_[True, account_id[1:] != account_id[:-1]])
    ends = np.r_[starts[1:], len(account_id)]
    counts = ends - starts
    spans = day[ends - 1] - day[starts] + 1
    # Series shorter than min_days have no analysable history (the detector says why).
    analysable = spans >= min_days
    complete = analysable & (spans == counts)
    for i in np.flatnonzero(analysable & ~complete).tolist():
        lo, hi = int(starts[i]), int(ends[i])
        found = detect_follower_events(_series(day[lo:hi], followers[lo:hi]), cutoff=cutoff)
        result[int(account_id[lo])] = None if found.reason else found.events
    for length in np.unique(counts[complete]).tolist():
        rows = np.flatnonzero(complete & (counts == length))
        index = starts[rows][:, None] + np.arange(length)[None, :]
        values = followers[index].astype(float)
        suspect = _matrix_events(values, cutoff)
        for r, is_suspect in zip(rows.tolist(), suspect.tolist(), strict=True):
            lo, hi = int(starts[r]), int(ends[r])
            if is_suspect:
                found = detect_follower_events(_series(day[lo:hi], followers[lo:hi]), cutoff=cutoff)
                result[int(account_id[lo])] = None if found.reason else found.events
            else:
                result[int(account_id[lo])] = ()
    return result
