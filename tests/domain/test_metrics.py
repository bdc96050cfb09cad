from datetime import UTC, datetime, timedelta

import pytest

from influent.domain.content import PostData, SnapshotData
from influent.domain.metrics import (
    EngagementBasis,
    cadence,
    comments_to_likes,
    engagement_rate,
    engagement_trend,
    growth,
    post_averages,
)
from influent.domain.platforms import Platform
from influent.domain.sponsorship import disclosure_check, sponsor_match, sponsored_share
from influent.services.i18n import Translator

english = Translator("en").say

NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)


def post(
    days_ago: float,
    likes: int | None = None,
    comments: int | None = None,
    views: int | None = None,
    caption: str | None = None,
    pid: str | None = None,
) -> PostData:
    return PostData(
        external_id=pid or f"p{days_ago}",
        published_at=NOW - timedelta(days=days_ago),
        likes=likes,
        comments=comments,
        views=views,
        caption=caption,
    )


def test_it_takes_the_median_per_follower_rate_of_the_last_12_posts() -> None:
    # 14 posts; the two oldest have huge counts and must be ignored.
    posts = [post(i, likes=100 + 10 * i, comments=10) for i in range(12)]
    posts += [post(100, likes=99_999, comments=0), post(101, likes=99_999, comments=0)]
    result = engagement_rate(Platform.INSTAGRAM, posts, 10_000)
    # interactions 110..220 step 10; median of 12 values = (160 + 170) / 2 = 165
    assert result.value == pytest.approx(165 / 10_000)
    assert result.posts_used == 12
    assert result.basis is EngagementBasis.FOLLOWERS
    assert result.first_post_at == NOW - timedelta(days=11)


def test_it_measures_video_platforms_per_view() -> None:
    posts = [
        post(1, likes=90, comments=10, views=1_000),
        post(2, likes=45, comments=5, views=1_000),
        post(3, likes=10, comments=10, views=100),
        post(4, likes=5, comments=0),
    ]
    result = engagement_rate(Platform.YOUTUBE, posts, 5_000_000)
    assert result.basis is EngagementBasis.VIEWS
    # per-view rates 0.10, 0.05, 0.20; the post without views is skipped
    assert result.value == pytest.approx(0.10)
    assert result.posts_used == 3
    assert result.posts_skipped == 1


@pytest.mark.parametrize("platform", [Platform.PODCAST, Platform.BLOG])
def test_it_says_engagement_does_not_apply_to_podcasts_and_blogs(platform: Platform) -> None:
    result = engagement_rate(platform, [post(1, likes=5)], 1_000)
    assert result.value is None
    assert result.basis is EngagementBasis.NOT_APPLICABLE
    assert result.reason is not None and english(result.reason).startswith("not applicable")


def test_it_gives_a_reason_when_followers_are_unknown_or_posts_absent() -> None:
    assert engagement_rate(Platform.INSTAGRAM, [post(1, likes=5)], None).reason
    assert english(engagement_rate(Platform.INSTAGRAM, [], 100).reason) == "no posts to measure"
    assert engagement_rate(Platform.INSTAGRAM, [post(1)], 100).reason


def test_it_computes_mean_and_median_counters() -> None:
    posts = [
        post(1, likes=10, comments=1, views=100),
        post(2, likes=20, comments=3),
        post(3, likes=60),
    ]
    averages = post_averages(posts)
    assert averages.likes.mean == pytest.approx(30)
    assert averages.likes.median == 20
    assert averages.comments.mean == 2 and averages.comments.posts_used == 2
    assert averages.views.median == 100 and averages.views.posts_used == 1


def test_it_compares_the_last_45_days_with_the_45_before() -> None:
    posts = [
        post(d, likes=n)
        for d, n in [(5, 200), (20, 220), (40, 180), (50, 100), (70, 120), (85, 80), (95, 9_999)]
    ]
    trend = engagement_trend(Platform.INSTAGRAM, posts, 1_000, now=NOW)
    # recent median 200, earlier median 100 (the post 95 days ago is outside the window)
    assert trend.change == pytest.approx(1.0)
    assert (trend.recent_posts, trend.earlier_posts) == (3, 3)


def test_it_refuses_a_trend_on_too_few_posts() -> None:
    trend = engagement_trend(Platform.INSTAGRAM, [post(5, likes=1), post(60, likes=1)], 10, now=NOW)
    assert trend.change is None and trend.reason and "too few posts" in english(trend.reason)


def test_it_sums_comments_and_likes_for_the_ratio() -> None:
    posts = [post(1, likes=100, comments=5), post(2, likes=300, comments=15), post(3, likes=50)]
    result = comments_to_likes(posts)
    assert result.value == pytest.approx(20 / 400)
    assert result.posts_used == 2


def test_it_measures_cadence_and_gap_regularity() -> None:
    weekly = [post(7 * i) for i in range(13)]
    result = cadence(weekly, now=NOW, window_days=91)
    assert result.posts_per_week == pytest.approx(1.0)
    assert result.gap_cv == pytest.approx(0.0)
    irregular = cadence([post(0), post(1), post(10)], now=NOW, window_days=91)
    # gaps 1 and 9: mean 5, population sd 4
    assert irregular.gap_cv == pytest.approx(0.8)
    assert cadence([post(1)], now=NOW).gap_cv is None


def snap(days_ago: int, followers: int) -> SnapshotData:
    return SnapshotData(taken_at=NOW - timedelta(days=days_ago), source="test", followers=followers)


def test_it_measures_growth_from_the_snapshot_closest_before_each_period() -> None:
    snaps = [snap(0, 11_000), snap(6, 10_900), snap(8, 10_800), snap(31, 10_000), snap(29, 10_100)]
    by_days = {g.days: g for g in growth(snaps, now=NOW)}
    assert by_days[7].start_followers == 10_800 and by_days[7].change == 200
    assert by_days[30].start_followers == 10_000
    assert by_days[30].change_pct == pytest.approx(0.10)
    assert by_days[90].change is None
    assert by_days[90].reason and english(by_days[90].reason).startswith("insufficient history")


def test_it_reports_no_growth_without_snapshots() -> None:
    without_snapshots = growth([], now=NOW)
    # One result per period: an empty tuple would make the next line pass on nothing.
    assert [g.days for g in without_snapshots] == [7, 30, 90]
    assert all(english(g.reason) == "no follower snapshot yet" for g in without_snapshots)


@pytest.mark.parametrize(
    "caption",
    [
        "Love it #ad",
        "#sponsored",
        "Merci #partenariat",
        "Partenariat rémunéré avec x",
        "Collaboration commerciale",
        "paid partnership with @brand",
        "PUBLICITÉ",
        "#sponso",
        "Code promo chez @marque",
    ],
)
def test_it_recognises_sponsored_posts(caption: str) -> None:
    assert sponsor_match(post(1, caption=caption)).is_sponsored


@pytest.mark.parametrize(
    "caption", ["#adventure time", "with @bestfriend at the beach", "my partner and I", None]
)
def test_it_does_not_flag_ordinary_posts(caption: str | None) -> None:
    assert not sponsor_match(post(1, caption=caption)).is_sponsored


def test_it_counts_the_sponsored_share() -> None:
    posts = [
        post(1, caption="#ad"),
        post(2, caption="hello"),
        post(3, caption="x"),
        post(4, caption="gifted by @brand"),
    ]
    result = sponsored_share(posts)
    assert result.share == pytest.approx(0.5)
    assert {m.external_id for m in result.sponsored} == {"p1", "p4"}


def test_it_lists_sponsored_posts_lacking_the_french_legal_mention() -> None:
    posts = [
        post(1, caption="#ad", pid="a"),
        post(2, caption="Publicité pour @marque", pid="b"),
        post(3, caption="#collaborationcommerciale", pid="c"),
        post(4, caption="paid partnership", pid="d"),
        post(5, caption="soleil", pid="e"),
    ]
    check = disclosure_check(posts)
    assert check.sponsored_posts == 4
    assert [p.external_id for p in check.lacking] == ["a", "d"]
    assert not check.compliant
