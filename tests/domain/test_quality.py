from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from influent.domain.metrics import EngagementBasis, EngagementRate, FollowerEvent
from influent.domain.platforms import Platform
from influent.domain.quality import (
    QualityFacts,
    comment_authenticity,
    format_count,
    format_percent,
    quality_score,
)
from influent.services.i18n import Translator

english, french = Translator("en").say, Translator("fr").say

FOLLOWERS = 50_000  # Instagram tier median 2.63%


def er(value: float) -> EngagementRate:
    at = datetime(2024, 1, 1, tzinfo=UTC)
    return EngagementRate(
        Platform.INSTAGRAM, EngagementBasis.FOLLOWERS, value, 12, 0, FOLLOWERS, at, at, "median"
    )


def event(change: int) -> FollowerEvent:
    return FollowerEvent(date(2024, 3, 1), date(2024, 3, 2), change, change / FOLLOWERS, FOLLOWERS)


def facts(**overrides: object) -> QualityFacts:
    base: dict[str, object] = {
        "platform": Platform.INSTAGRAM,
        "followers": FOLLOWERS,
        "following": 800,
        "engagement": er(0.03),
        "follower_events": (),
        "comments_to_likes": 0.02,
        "comment_texts": tuple(f"Comment number {i} about the recipe" for i in range(20)),
        "posting_gap_cv": 0.6,
        "fake_share": 0.08,
    }
    base.update(overrides)
    return QualityFacts(**base)  # type: ignore[arg-type]


def score(**overrides: object) -> int:
    result = quality_score(facts(**overrides))
    assert result.score is not None
    return result.score


def test_it_gives_a_healthy_account_full_marks() -> None:
    result = quality_score(facts())
    assert result.score == 100
    assert not result.missing and len(result.signals) == 7
    assert all(english(s.sentence) and french(s.sentence) for s in result.signals)


def test_it_explains_each_signal_in_both_languages() -> None:
    result = quality_score(facts(engagement=er(0.002)))
    signal = next(s for s in result.signals if s.name == "engagement_vs_tier")
    assert "percentile" in english(signal.sentence) and "low" in english(signal.sentence)
    assert "centile" in french(signal.sentence) and "2,63\u00a0%" in french(signal.sentence)
    assert signal.points == 0


def test_it_redistributes_missing_weight_and_says_so() -> None:
    result = quality_score(facts(comment_texts=None, fake_share=None))
    assert {m.name for m in result.missing} == {"comment_authenticity", "fake_followers"}
    assert result.weight_used == 65
    assert result.score == 100
    assert "35 of 100" in english(result.note)


def test_it_withholds_the_score_when_too_little_is_known() -> None:
    result = quality_score(
        QualityFacts(platform=Platform.INSTAGRAM, followers=1_000, following=100, fake_share=0.1)
    )
    assert result.score is None
    assert len(result.missing) == 5
    assert "Not enough data" in english(result.note)


def test_it_marks_engagement_missing_on_platforms_without_benchmark() -> None:
    result = quality_score(facts(platform=Platform.TIKTOK))
    assert "engagement_vs_tier" in {m.name for m in result.missing}


def test_it_counts_generic_emoji_and_duplicate_comments() -> None:
    found = comment_authenticity(
        ["Nice!!", "🔥🔥", "Trop beau", "Where is this?", "Where is this?", "niiiice", "  "]
    )
    assert (found.total, found.generic, found.emoji_only, found.duplicates) == (6, 3, 1, 2)
    assert found.suspicious == 5


def test_it_formats_numbers_per_locale() -> None:
    assert format_count(-2140, "en", signed=True) == "−2,140"
    assert format_count(2140, "fr") == "2\u202f140"
    assert format_percent(-0.0143, "fr", signed=True) == "−1,4\u00a0%"
    assert format_percent(0.0143, "en") == "1.4%"


fractions = st.floats(min_value=0, max_value=1, allow_nan=False)


@given(
    st.floats(min_value=0.00001, max_value=0.0263), st.floats(min_value=0.00001, max_value=0.0263)
)
def test_it_never_rewards_lower_engagement_below_the_tier_median(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert score(engagement=er(low)) <= score(engagement=er(high))


@given(st.floats(min_value=0.0263, max_value=5), st.floats(min_value=0.0263, max_value=5))
def test_it_never_rewards_higher_engagement_above_the_tier_median(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert score(engagement=er(high)) <= score(engagement=er(low))


@given(fractions, fractions)
def test_it_never_rewards_a_larger_fake_share(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert score(fake_share=high) <= score(fake_share=low)


@given(st.integers(0, 20_000), st.integers(0, 20_000), st.booleans())
def test_it_never_rewards_larger_abnormal_jumps_or_drops(a: int, b: int, drop: bool) -> None:
    low, high = sorted((a, b))
    sign = -1 if drop else 1
    assert score(follower_events=(event(sign * high),)) <= score(
        follower_events=(event(sign * low),)
    )
    assert score(follower_events=(event(high), event(-low))) <= score(
        follower_events=(event(high),)
    )


@given(st.floats(min_value=0, max_value=0.02), st.floats(min_value=0, max_value=0.02))
def test_it_never_rewards_fewer_comments_per_like_below_the_usual_band(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert score(comments_to_likes=low) <= score(comments_to_likes=high)


@given(st.floats(min_value=0.02, max_value=50), st.floats(min_value=0.02, max_value=50))
def test_it_never_rewards_more_comments_per_like_above_the_usual_band(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert score(comments_to_likes=high) <= score(comments_to_likes=low)


@given(st.integers(0, 40), st.integers(0, 40))
def test_it_never_rewards_more_suspicious_comments(a: int, b: int) -> None:
    low, high = sorted((a, b))

    def texts(suspicious: int) -> tuple[str, ...]:
        return tuple(
            ["🔥"] * suspicious + [f"A real question {i}?" for i in range(40 - suspicious)]
        )

    assert score(comment_texts=texts(high)) <= score(comment_texts=texts(low))


@given(st.integers(0, 10_000_000), st.integers(0, 10_000_000))
def test_it_never_rewards_following_more_accounts(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert score(following=high) <= score(following=low)


@given(st.floats(min_value=0, max_value=20), st.floats(min_value=0, max_value=20))
def test_it_never_rewards_more_irregular_posting(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert score(posting_gap_cv=high) <= score(posting_gap_cv=low)
