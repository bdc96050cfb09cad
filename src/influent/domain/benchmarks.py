"""Engagement-rate benchmarks, kept as data with their sources.

The figures live in `data/engagement_benchmarks.csv`, one row per platform and follower
range, each with the publication it comes from. A platform without a row has no
benchmark, and the lookup says so rather than borrowing another platform's figure.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from influent.domain.messages import Message, Month, message
from influent.domain.platforms import TIER_BOUNDS, Platform, Tier

__all__ = [
    "ER_LOG_SIGMA",
    "PERCENTILE_ASSUMPTION",
    "Benchmark",
    "NoBenchmark",
    "TierPercentile",
    "benchmark_caveats",
    "benchmark_for",
    "benchmarks",
    "percentile_in_tier",
]

# Engagement rates are skewed (most accounts near the median, a long tail above), so we
# model them as log-normal around the tier median: ln(ER) ~ Normal(ln(median), sigma).
# Sigma is a stated assumption, not fitted: HypeAuditor publishes medians and means but no
# spread. 0.9 puts the middle half of accounts between 0.55x and 1.8x the median, close to
# the spread between the "below average" and "above average" bands that public benchmark
# tables show for Instagram. Replace it when a source publishes quartiles.
ER_LOG_SIGMA = 0.9
PERCENTILE_ASSUMPTION = message("benchmark.assumption", sigma=ER_LOG_SIGMA)


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A published median engagement rate for a platform and follower range."""

    platform: Platform
    followers_min: int
    followers_max: int | None
    median_er: float
    source: str
    source_url: str
    notes: str
    published: date


@dataclass(frozen=True, slots=True)
class NoBenchmark:
    """Why no benchmark applies."""

    platform: Platform
    followers: int | None
    reason: Message


@cache
def benchmarks() -> tuple[Benchmark, ...]:
    """Every row of the benchmark file."""
    text = (
        resources.files("influent.domain")
        .joinpath("data/engagement_benchmarks.csv")
        .read_text(encoding="utf-8")
    )
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        rows.append(
            Benchmark(
                platform=Platform(row["platform"]),
                followers_min=int(row["followers_min"]),
                followers_max=int(row["followers_max"]) if row["followers_max"] else None,
                median_er=float(row["median_er"]),
                source=row["source"],
                source_url=row["source_url"],
                notes=row["notes"],
                published=date.fromisoformat(row["published"]),
            )
        )
    return tuple(rows)


@cache
def _rows_of(platform: Platform) -> tuple[Benchmark, ...]:
    return tuple(b for b in benchmarks() if b.platform is platform)


def benchmark_for(platform: Platform, followers: int | None) -> Benchmark | NoBenchmark:
    """The benchmark row whose follower range [min, max) holds `followers`."""
    if followers is None:
        return NoBenchmark(platform, followers, message("benchmark.unknown_followers"))
    rows = _rows_of(platform)
    if not rows:
        reason = message("benchmark.no_platform", platform=str(platform))
        return NoBenchmark(platform, followers, reason)
    for row in rows:
        if followers >= row.followers_min and (
            row.followers_max is None or followers < row.followers_max
        ):
            return row
    return NoBenchmark(
        platform, followers, message("benchmark.no_tier", followers=followers, count=followers)
    )


def _filter_tiers(benchmark: Benchmark) -> list[Tier]:
    """The size filter's tiers that share followers with the benchmark's range."""
    low, high = benchmark.followers_min, benchmark.followers_max
    return [
        tier
        for tier, (t_low, t_high) in TIER_BOUNDS.items()
        if (high is None or t_low < high) and (t_high is None or low < t_high)
    ]


@cache  # a few dozen benchmark rows; every percentile of a workspace refresh asks again
def benchmark_caveats(benchmark: Benchmark) -> tuple[Message, ...]:
    """What to keep in mind reading a benchmark: its age, and when one of its tiers spans
    several tiers of the creators table's size filter."""
    caveats = [message("benchmark.age", published=Month(benchmark.published))]
    tiers = _filter_tiers(benchmark)
    if len(tiers) > 1 and benchmark.followers_max is not None:
        caveats.append(
            message(
                "benchmark.tiers_differ",
                low=benchmark.followers_min,
                high=benchmark.followers_max,
                tiers=tuple(message(f"tier.{tier.value}") for tier in tiers),
            )
        )
    return tuple(caveats)


@dataclass(frozen=True, slots=True)
class TierPercentile:
    """Where an engagement rate falls among accounts of the same size, with its evidence."""

    engagement_rate: float
    percentile: float
    z: float
    benchmark: Benchmark
    sigma: float
    assumption: Message
    caveats: tuple[Message, ...] = ()


def _normal_cdf(z: float) -> float:
    # Standard normal CDF through the error function (Abramowitz & Stegun 7.1).
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def percentile_in_tier(
    engagement_rate: float, platform: Platform, followers: int | None
) -> TierPercentile | NoBenchmark:
    """Percentile (0–100) of an engagement rate under the log-normal assumption."""
    benchmark = benchmark_for(platform, followers)
    if isinstance(benchmark, NoBenchmark):
        return benchmark
    if engagement_rate <= 0:
        z = -math.inf
        percentile = 0.0
    else:
        z = math.log(engagement_rate / benchmark.median_er) / ER_LOG_SIGMA
        percentile = 100 * _normal_cdf(z)
    return TierPercentile(
        engagement_rate=engagement_rate,
        percentile=percentile,
        z=z,
        benchmark=benchmark,
        sigma=ER_LOG_SIGMA,
        assumption=PERCENTILE_ASSUMPTION,
        caveats=benchmark_caveats(benchmark),
    )
