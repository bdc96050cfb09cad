"""Follower anomalies of many accounts at once, as the per-account detector finds them.

The audit of one creator runs `detect_follower_events` on its daily series. Over a whole
workspace the same test runs column-wise: accounts whose series cover every day between
their first and last snapshot and have the same length are stacked into one matrix, and
the median, the median absolute deviation and the modified z-scores of their daily gains
are computed for all rows at once, with the very same arithmetic; abnormal days are grouped
into events as the detector groups them. Series with gaps (which need interpolating) and
series whose gains have no median deviation (the detector then uses the mean deviation)
go through `detect_follower_events` itself, so the events are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from influent.analytics.changepoints import (
    _CONSISTENCY,
    MIN_DAYS,
    MODIFIED_Z_CUTOFF,
    detect_follower_events,
)
from influent.domain.metrics import FollowerEvent

__all__ = ["follower_events_of"]

_EPOCH = date(1970, 1, 1)
Events = tuple[FollowerEvent, ...] | None
_Ints = npt.NDArray[np.int64]
_Floats = npt.NDArray[np.float64]
_Bools = npt.NDArray[np.bool_]


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


def _abnormal(values: npt.NDArray[np.float64], cutoff: float) -> tuple[_Floats, _Bools, _Bools]:
    """Daily gains, abnormal days, and the rows the matrix cannot decide, of a (accounts x days)
    matrix. Rows whose gains have no median deviation (the detector then falls back on the
    mean deviation, whose sum a matrix may round differently) are left to the detector."""
    gains = np.diff(values, axis=1)
    median = np.median(gains, axis=1, keepdims=True)
    mad = np.median(np.abs(gains - median), axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = _CONSISTENCY * (gains - median) / mad
    undecided: _Bools = mad[:, 0] <= 0
    abnormal: _Bools = (np.abs(scores) > cutoff) & ~undecided[:, None]
    return gains, abnormal, undecided


def _events(
    first: date, values: _Floats, gains: _Floats, abnormal: _Bools
) -> tuple[FollowerEvent, ...]:
    """Consecutive abnormal days of the same direction, as `detect_follower_events` groups them."""
    events: list[FollowerEvent] = []
    # gains[i] is the change from day i to day i + 1; only the abnormal days are visited.
    days = np.flatnonzero(abnormal).tolist()
    signs = np.sign(gains).tolist()
    k = 0
    while k < len(days):
        i = j = days[k]
        while k + 1 < len(days) and days[k + 1] == j + 1 and signs[j + 1] == signs[i]:
            j += 1
            k += 1
        before = round(float(values[i]))
        change = round(float(values[j + 1] - values[i]))
        events.append(
            FollowerEvent(
                start=first + timedelta(days=i + 1),
                end=first + timedelta(days=j + 1),
                change=change,
                change_pct=change / before if before else 0.0,
                followers_before=before,
            )
        )
        k += 1
    return tuple(events)


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
        gains, abnormal, undecided = _abnormal(values, cutoff)
        any_abnormal: _Bools = np.asarray(abnormal.any(axis=1))
        for k, r in enumerate(rows.tolist()):
            lo, hi = int(starts[r]), int(ends[r])
            if undecided[k]:
                found = detect_follower_events(_series(day[lo:hi], followers[lo:hi]), cutoff=cutoff)
                result[int(account_id[lo])] = None if found.reason else found.events
            elif any_abnormal[k]:
                first = _EPOCH + timedelta(days=int(day[lo]))
                result[int(account_id[lo])] = _events(first, values[k], gains[k], abnormal[k])
            else:
                result[int(account_id[lo])] = ()
    return result
