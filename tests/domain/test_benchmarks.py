import math

import pytest

from influent.domain.benchmarks import (
    ER_LOG_SIGMA,
    Benchmark,
    NoBenchmark,
    TierPercentile,
    benchmark_caveats,
    benchmark_for,
    benchmarks,
    percentile_in_tier,
)
from influent.domain.platforms import Platform
from influent.services.i18n import Translator

english = Translator("en").say


@pytest.mark.parametrize(
    ("followers", "median"),
    [
        (500, 0.1699),
        (1_000, 0.0645),
        (4_999, 0.0645),
        (5_000, 0.0376),
        (50_000, 0.0263),
        (500_000, 0.0257),
        (3_000_000, 0.0256),
    ],
)
def test_it_finds_hypeauditors_instagram_median_for_each_range(
    followers: int, median: float
) -> None:
    found = benchmark_for(Platform.INSTAGRAM, followers)
    assert isinstance(found, Benchmark)
    assert found.median_er == median
    assert "HypeAuditor" in found.source and found.source_url.startswith("https://")


def test_it_has_a_source_for_every_row() -> None:
    assert benchmarks()
    assert all(b.source and b.source_url and b.notes for b in benchmarks())


def test_it_says_when_a_platform_has_no_benchmark() -> None:
    found = benchmark_for(Platform.YOUTUBE, 10_000)
    assert isinstance(found, NoBenchmark)
    assert "no benchmark for this platform" in english(found.reason)
    assert isinstance(benchmark_for(Platform.INSTAGRAM, None), NoBenchmark)


def test_it_puts_the_tier_median_at_the_50th_percentile() -> None:
    place = percentile_in_tier(0.0263, Platform.INSTAGRAM, 50_000)
    assert isinstance(place, TierPercentile)
    assert place.percentile == pytest.approx(50)
    assert "log-normal" in english(place.assumption) and place.sigma == ER_LOG_SIGMA


def test_it_computes_the_log_normal_percentile() -> None:
    # one sigma above the median -> 84.13th percentile
    er = 0.0263 * math.exp(ER_LOG_SIGMA)
    place = percentile_in_tier(er, Platform.INSTAGRAM, 50_000)
    assert isinstance(place, TierPercentile)
    assert place.percentile == pytest.approx(84.134, abs=0.01)
    zero = percentile_in_tier(0.0, Platform.INSTAGRAM, 50_000)
    assert isinstance(zero, TierPercentile) and zero.percentile == 0


def test_it_passes_on_the_missing_benchmark_for_percentiles() -> None:
    assert isinstance(percentile_in_tier(0.05, Platform.TIKTOK, 10_000), NoBenchmark)


def test_it_notes_the_age_of_the_benchmark_and_the_tiers_the_filter_splits() -> None:
    wide = benchmark_for(Platform.INSTAGRAM, 300_000)
    assert isinstance(wide, Benchmark)
    said = [english(c) for c in benchmark_caveats(wide)]
    assert said == [
        "This benchmark was published in March 2018: engagement rates have changed since, "
        "so read the percentile as a rough guide.",
        "This benchmark puts 100,000 to 1,000,000 followers in one tier; the size filter of "
        "the creators table splits them into Mid (100k–500k), Macro (500k–1M).",
    ]
    french = [Translator("fr").say(c) for c in benchmark_caveats(wide)]
    assert "publiée en mars 2018 :" in french[0]
    assert "Intermédiaire (100k–500k), Macro (500k–1M)" in french[1]
    # A benchmark tier inside one filter tier only carries its age.
    narrow = percentile_in_tier(0.03, Platform.INSTAGRAM, 50_000)
    assert isinstance(narrow, TierPercentile)
    assert [c.code for c in narrow.caveats] == ["benchmark.age"]
