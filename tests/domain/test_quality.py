from datetime import UTC, date, datetime

import pytest
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
    result = quality_score(facts(fake_share=None))
    assert {m.name for m in result.missing} == {"fake_followers"}
    assert result.weight_used == 80
    assert result.score == 100 and not result.provisional
    assert "20 of 100" in english(result.note)


def test_it_makes_the_score_provisional_when_more_than_a_third_is_missing() -> None:
    result = quality_score(facts(comment_texts=None, fake_share=None))
    assert result.provisional and result.confidence == 0.65
    # The 35 missing points count as middling; the range runs from all bad to all good.
    assert (result.score, result.low, result.high) == (82, 65, 100)
    assert result.rank == 65
    assert english(result.note).startswith("82/100, provisional: 5 of 7 signals")
    assert french(result.note).startswith("82/100, provisoire\u00a0: 5 signaux sur 7")


def test_it_never_gives_full_marks_with_more_than_half_the_weight_missing() -> None:
    result = quality_score(
        facts(comment_texts=None, fake_share=None, follower_events=None, posting_gap_cv=None)
    )
    assert result.weight_used == 45 and result.provisional
    assert result.score is not None and result.score < 75
    assert (result.low, result.high) == (45, 100)


def test_it_scores_a_single_signal_provisionally_and_withholds_without_followers() -> None:
    one = quality_score(QualityFacts(platform=Platform.INSTAGRAM, followers=1_000, fake_share=0.1))
    assert one.score == 60 and one.provisional and (one.low, one.high) == (20, 100)
    assert "1 of 7 signals" in english(one.note)
    none = quality_score(QualityFacts(platform=Platform.INSTAGRAM, followers=None))
    assert none.score is None
    assert "Not enough data" in english(none.note)
    assert "Pas assez" in french(none.note)


def test_a_stated_figure_weighs_half_a_measured_one() -> None:
    measured = quality_score(facts())
    stated = quality_score(facts(stated=frozenset({"engagement", "followers"})))
    engagement = next(s for s in stated.signals if s.name == "engagement_vs_tier")
    assert engagement.stated and engagement.weight == 12.5
    assert stated.confidence < measured.confidence
    assert "Stated in your file" in english(stated.note)
    assert "Déclarés dans votre fichier" in french(stated.note)


def test_an_imported_creator_gets_a_provisional_score_from_its_stated_figures() -> None:
    imported = QualityFacts(
        platform=Platform.INSTAGRAM,
        followers=150_000,
        engagement=er(0.053),
        stated=frozenset({"followers", "engagement"}),
    )
    result = quality_score(imported)
    assert result.score is not None and result.provisional
    assert result.confidence == 0.125
    assert "provisional: 1 of 7 signals" in english(result.note)
    assert "provisoire\u00a0: 1 signal sur 7" in french(result.note)


GENERIC = tuple(["Nice!!"] * 15 + ["🔥🔥"] * 6 + [f"Where did you buy the {i}?" for i in range(9)])


def test_engagement_far_above_the_tier_with_generic_comments_signals_a_pod() -> None:
    pod = quality_score(facts(engagement=er(0.09), comment_texts=GENERIC, comments_to_likes=0.23))
    engagement = next(s for s in pod.signals if s.name == "engagement_vs_tier")
    assert engagement.points == 0 and engagement.flag == "engagement_pod"
    sentence = english(engagement.sentence)
    assert "3.4× the tier median with 70% generic comments: a sign of engagement pods" in sentence
    assert "signe de pods d’engagement" in french(engagement.sentence)
    assert "engagement_pod" in pod.flags and pod.worst == "engagement_pod"
    assert pod.score is not None and pod.score < score()
    # Without the comments, far above the tier no longer earns full points on its own.
    alone = quality_score(facts(engagement=er(0.09)))
    alone_engagement = next(s for s in alone.signals if s.name == "engagement_vs_tier")
    assert 0 < alone_engagement.points < alone_engagement.weight
    assert "90th percentile" in english(alone_engagement.sentence)


def test_comments_per_like_outside_the_range_also_signal_a_pod() -> None:
    pod = quality_score(facts(engagement=er(0.09), comments_to_likes=0.5))
    engagement = next(s for s in pod.signals if s.name == "engagement_vs_tier")
    assert engagement.flag == "engagement_pod"
    assert "comments per like" in english(engagement.sentence)
    alone = quality_score(facts(engagement=er(0.09)))
    assert pod.score is not None and alone.score is not None and pod.score < alone.score


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


@given(st.floats(min_value=0.0263, max_value=5), st.integers(0, 40), st.integers(0, 40))
def test_it_never_rewards_more_generic_comments_with_high_engagement(
    rate: float, a: int, b: int
) -> None:
    low, high = sorted((a, b))

    def texts(generic: int) -> tuple[str, ...]:
        return tuple(["Nice!!"] * generic + [f"A real question {i}?" for i in range(40 - generic)])

    assert score(engagement=er(rate), comment_texts=texts(high)) <= score(
        engagement=er(rate), comment_texts=texts(low)
    )


@given(st.floats(min_value=0.0263, max_value=5), st.floats(min_value=0.0263, max_value=5))
def test_it_never_rewards_higher_engagement_above_the_median_even_with_pod_comments(
    a: float, b: float
) -> None:
    low, high = sorted((a, b))
    pod = {"comment_texts": GENERIC, "comments_to_likes": 0.23}
    assert score(engagement=er(high), **pod) <= score(engagement=er(low), **pod)


SIGNAL_FACTS = {
    "engagement": None,
    "fake_share": None,
    "follower_events": None,
    "comment_texts": None,
    "comments_to_likes": None,
    "following": None,
    "posting_gap_cv": None,
}


@given(st.sets(st.sampled_from(sorted(SIGNAL_FACTS))), st.floats(0, 1), st.floats(0, 5))
def test_a_provisional_score_ranks_by_what_is_measured(
    dropped: set[str], fake: float, cv: float
) -> None:
    values: dict[str, object] = {"fake_share": fake, "posting_gap_cv": cv}
    values.update({name: None for name in dropped})
    result = quality_score(facts(**values))
    if result.score is None:
        return
    assert result.low is not None and result.high is not None and result.rank is not None
    assert result.low <= result.score <= result.high
    if result.provisional:
        # Above a third missing: ranked by the bottom of the range, the points measured.
        assert result.rank == pytest.approx(sum(s.points for s in result.signals))
        assert result.confidence < 2 / 3
    else:
        expected = 100 * sum(s.points for s in result.signals) / result.weight_used
        assert result.rank == pytest.approx(expected)


@given(st.sets(st.sampled_from(sorted(SIGNAL_FACTS))))
def test_stating_a_figure_never_earns_more_than_measuring_it(dropped: set[str]) -> None:
    overrides = {name: None for name in dropped}
    measured = quality_score(facts(**overrides))
    stated = quality_score(facts(stated=frozenset({"engagement", "followers"}), **overrides))
    assert stated.confidence <= measured.confidence
    if measured.rank is not None and stated.rank is not None:
        assert stated.rank <= measured.rank + 1e-9
