from datetime import UTC, date, datetime, timedelta

import numpy as np

from influent.analytics.changepoints import (
    describe_event,
    detect_follower_events,
    explain_events,
)
from influent.domain.content import PostData
from influent.domain.metrics import FollowerEvent
from influent.services.i18n import Translator

english, french = Translator("en").say, Translator("fr").say

START = date(2024, 1, 1)


def series(gains: np.ndarray, base: int = 150_000) -> list[tuple[date, int]]:
    values = base + np.concatenate([[0], np.cumsum(gains)])
    return [(START + timedelta(days=i), round(float(v))) for i, v in enumerate(values)]


def noisy_gains(days: int = 180, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 60 + rng.normal(0, 15, size=days)


def test_it_finds_an_injected_spike_and_drop() -> None:
    gains = noisy_gains()
    gains[40] += 5_000  # bought followers land in one day
    gains[120:123] -= 800  # a purge over three days
    found = detect_follower_events(series(gains))
    assert len(found.events) == 2
    spike, drop = found.events
    assert spike.start == spike.end == START + timedelta(days=41)
    assert spike.is_spike and 5_000 < spike.change < 5_200
    assert (drop.start, drop.end) == (START + timedelta(days=121), START + timedelta(days=123))
    assert drop.change < -2_000 and drop.days == 3
    assert drop.change_pct == drop.change / drop.followers_before


def test_it_raises_no_alarm_on_a_smooth_noisy_series() -> None:
    for seed in range(5):
        assert detect_follower_events(series(noisy_gains(seed=seed))).events == ()


def test_it_fills_missing_days_by_interpolation() -> None:
    points = series(noisy_gains(60))
    del points[10:13]
    found = detect_follower_events(points)
    assert found.interpolated_days == 3 and found.days == 61


def test_it_says_when_the_history_is_too_short() -> None:
    found = detect_follower_events(series(noisy_gains(5)))
    assert found.events == () and found.reason and "insufficient history" in english(found.reason)
    assert english(detect_follower_events([]).reason) == "no follower history"


def test_it_handles_a_perfectly_steady_series() -> None:
    gains = np.full(60, 100.0)
    assert detect_follower_events(series(gains)).events == ()
    gains[30] = 3_000
    assert len(detect_follower_events(series(gains)).events) == 1


def post(day: date, pid: str) -> PostData:
    return PostData(
        external_id=pid, published_at=datetime(day.year, day.month, day.day, 18, tzinfo=UTC)
    )


EVENT = FollowerEvent(date(2024, 3, 13), date(2024, 3, 15), -2_140, -2_140 / 152_857, 152_857)


def test_it_ties_an_event_to_the_posts_before_it() -> None:
    posts = [
        post(date(2024, 3, 12), "a"),
        post(date(2024, 3, 1), "old"),
        post(date(2024, 3, 20), "late"),
    ]
    (explained,) = explain_events([EVENT], posts)
    assert [p.external_id for p in explained.posts] == ["a"]
    assert (
        english(explained.sentence)
        == "−2,140 followers (−1.4%) over 3 days from 13 March, after the post of 12 March"
    )


def test_it_writes_the_sentence_in_french() -> None:
    (explained,) = explain_events([EVENT], [post(date(2024, 3, 12), "a")])
    assert french(explained.sentence) == (
        "−2\u202f140 abonnés (−1,4\u00a0%) en 3 jours à partir du 13 mars, "
        "après la publication du 12 mars"
    )


def test_it_says_when_no_post_preceded_the_event() -> None:
    one_day = FollowerEvent(date(2024, 3, 14), date(2024, 3, 14), 5_000, 0.048, 104_000)
    assert (
        english(describe_event(one_day, []))
        == "+5,000 followers (+4.8%) on 14 March, with no post in the 3 days before"
    )
    assert french(describe_event(one_day, [])) == (
        "+5\u202f000 abonnés (+4,8\u00a0%) le 14 mars, sans publication dans les 3 jours précédents"
    )


def test_it_counts_several_posts_in_the_window() -> None:
    posts = [post(date(2024, 3, 10), "a"), post(date(2024, 3, 12), "b")]
    (explained,) = explain_events([EVENT], posts, window_days=5)
    assert english(explained.sentence).endswith("after 2 posts (the latest on 12 March)")
