"""Sudden jumps and drops in a daily follower series, tied to the posts before them.

Method: the modified z-score of daily gains (Iglewicz & Hoaglin, "How to Detect and
Handle Outliers", ASQC Quality Press, 1993):

    M_i = 0.6745 * (g_i - median(g)) / MAD,   MAD = median(|g_i - median(g)|)

and a day is abnormal when |M_i| > 3.5, the cut-off the authors recommend. Median and MAD
are not dragged by the very spikes we look for, unlike a mean and standard deviation.
When MAD is 0 (most days gain exactly the same), the mean absolute deviation scaled by
1.253314 stands in for it, as in IBM's documentation of the modified z-score; when that is
0 too, no day stands out. Consecutive abnormal days of the same direction form one event.

On a series with Gaussian day-to-day noise, |M| > 3.5 happens on about 1 day in 2,000
(two-sided normal tail), so a year of smooth data rarely raises a false alarm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from influent.domain.content import PostData
from influent.domain.messages import Day, Figure, Message, Percent, message
from influent.domain.metrics import FollowerEvent

__all__ = [
    "MODIFIED_Z_CUTOFF",
    "ChangePoints",
    "EventExplanation",
    "describe_event",
    "detect_follower_events",
    "explain_events",
]

# Iglewicz & Hoaglin (1993): 0.6745 is the 0.75 quantile of the standard normal, which
# makes MAD a consistent estimator of sigma; 3.5 is their recommended cut-off.
_CONSISTENCY = 0.6745
MODIFIED_Z_CUTOFF = 3.5
# E|X - mu| = sigma * sqrt(2/pi) for a normal, so sigma ≈ 1.253314 * mean absolute deviation.
_MEAN_AD_FACTOR = 1.253314
MIN_DAYS = 14


@dataclass(frozen=True, slots=True)
class ChangePoints:
    """Abnormal follower events and the statistics that defined "abnormal"."""

    events: tuple[FollowerEvent, ...]
    days: int
    interpolated_days: int
    median_gain: float | None
    spread: float | None
    cutoff: float
    method: Message
    reason: Message | None = None


def _daily(series: Sequence[tuple[date, int]]) -> tuple[list[date], np.ndarray, int]:
    """One value per calendar day; missing days are filled by linear interpolation."""
    by_day: dict[date, int] = {}
    for day, followers in series:
        by_day[day] = followers
    days = sorted(by_day)
    first, last = days[0], days[-1]
    every = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    known_x = np.array([(d - first).days for d in days], dtype=float)
    known_y = np.array([by_day[d] for d in days], dtype=float)
    values = np.interp(np.arange(len(every), dtype=float), known_x, known_y)
    return every, values, len(every) - len(days)


def detect_follower_events(
    series: Sequence[tuple[date, int]],
    *,
    cutoff: float = MODIFIED_Z_CUTOFF,
    min_days: int = MIN_DAYS,
) -> ChangePoints:
    """Abnormal jumps and drops in a (date, followers) series, grouped into events."""
    method = message("changepoints.method", cutoff=cutoff)
    if not series:
        reason = message("changepoints.no_history")
        return ChangePoints((), 0, 0, None, None, cutoff, method, reason)
    days, values, filled = _daily(series)
    if len(days) < min_days:
        return ChangePoints(
            (),
            len(days),
            filled,
            None,
            None,
            cutoff,
            method,
            message("changepoints.short_history", count=len(days), needed=min_days),
        )
    gains = np.diff(values)
    median = float(np.median(gains))
    deviations = np.abs(gains - median)
    mad = float(np.median(deviations))
    if mad > 0:
        scores = _CONSISTENCY * (gains - median) / mad
        spread = mad
    else:
        mean_ad = float(np.mean(deviations))
        if mean_ad == 0:
            return ChangePoints((), len(days), filled, median, 0.0, cutoff, method)
        scores = (gains - median) / (_MEAN_AD_FACTOR * mean_ad)
        spread = mean_ad
    abnormal = np.abs(scores) > cutoff
    events: list[FollowerEvent] = []
    i = 0
    # gains[i] is the change from days[i] to days[i + 1].
    while i < len(gains):
        if not abnormal[i]:
            i += 1
            continue
        sign = np.sign(gains[i])
        j = i
        while j + 1 < len(gains) and abnormal[j + 1] and np.sign(gains[j + 1]) == sign:
            j += 1
        before = round(float(values[i]))
        change = round(float(values[j + 1] - values[i]))
        events.append(
            FollowerEvent(
                start=days[i + 1],
                end=days[j + 1],
                change=change,
                change_pct=change / before if before else 0.0,
                followers_before=before,
            )
        )
        i = j + 1
    return ChangePoints(tuple(events), len(days), filled, median, spread, cutoff, method)


@dataclass(frozen=True, slots=True)
class EventExplanation:
    """An event, the posts published in the days before it, and a sentence."""

    event: FollowerEvent
    posts: tuple[PostData, ...]
    window_days: int
    sentence: Message


def describe_event(
    event: FollowerEvent, posts_before: Sequence[PostData], *, window_days: int = 3
) -> Message:
    """'−2,140 followers (−1.4%) over 3 days from 13 March, after the post of 12 March'."""
    latest = max((p.published_at.date() for p in posts_before), default=None)
    if event.days == 1:
        when = message("event.when.day", day=Day(event.start))
    else:
        when = message("event.when.days", count=event.days, day=Day(event.start))
    if latest is None:
        after = message("event.after.nothing", count=window_days)
    elif len(posts_before) == 1:
        after = message("event.after.post", day=Day(latest))
    else:
        after = message("event.after.posts", count=len(posts_before), day=Day(latest))
    return message(
        "event",
        change=Figure(event.change, 0, signed=True),
        pct=Percent(event.change_pct, 1, signed=True),
        when=when,
        after=after,
    )


def explain_events(
    events: Sequence[FollowerEvent],
    posts: Sequence[PostData],
    *,
    window_days: int = 3,
) -> tuple[EventExplanation, ...]:
    """Tie each event to the posts published from `window_days` before its start to its start."""
    explained = []
    for event in events:
        opening = event.start - timedelta(days=window_days)
        before = tuple(
            sorted(
                (p for p in posts if opening <= p.published_at.date() <= event.start),
                key=lambda p: p.published_at,
            )
        )
        sentence = describe_event(event, before, window_days=window_days)
        explained.append(EventExplanation(event, before, window_days, sentence))
    return tuple(explained)
