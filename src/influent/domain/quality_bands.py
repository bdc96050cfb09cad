"""The audience-quality score's bands: each turns one fact into a sub-score in [0, 1].

Every band is monotone (a worse input never earns more), which the quality tests check
property by property. The thresholds and their reasons sit beside each band.
"""

from __future__ import annotations

import math


def clamp(x: float) -> float:
    return min(1.0, max(0.0, x))


def ramp_down(x: float, good: float, bad: float) -> float:
    """1 at or below `good`, 0 at or above `bad`, linear in between."""
    return clamp((bad - x) / (bad - good))


# --- bands: each takes the fact and returns a sub-score in [0, 1] -------------------------


def engagement_band(z: float) -> float:
    # z = ln(ER / tier median) / sigma (see benchmarks.PERCENTILE_ASSUMPTION).
    # Below one sigma under the median the audience looks asleep or bought: 0 at two sigma.
    # Far above the tier (more than two sigma, 6x the median) suggests engagement pods, but
    # small accounts do have devoted audiences, so the penalty stops at 0.4.
    if z <= -2:
        return 0.0
    if z < -1:
        return z + 2
    if z <= 2:
        return 1.0
    return max(0.4, 1 - 0.6 * (z - 2))


def growth_band(anomaly: float) -> float:
    # anomaly = abnormal gains as a share of followers, plus half the abnormal losses
    # (a purge of bought followers counts; a drop after a controversy is less telling).
    # 10% of the audience arriving or leaving abnormally scores 0.
    return ramp_down(anomaly, 0.0, 0.10)


# Comments per like outside [0.2%, 10%] is unusual on Instagram: far fewer comments than
# likes points to bought likes, far more to giveaways, pods or comment bots. Each decade
# outside the band costs the whole sub-score.
CTL_LOW, CTL_HIGH = 0.002, 0.10


def comments_to_likes_band(ratio: float) -> float:
    if ratio <= 0:
        return 0.0
    if ratio < CTL_LOW:
        return clamp(1 - math.log10(CTL_LOW / ratio))
    if ratio > CTL_HIGH:
        return clamp(1 - math.log10(ratio / CTL_HIGH))
    return 1.0


def authenticity_band(suspicious_share: float) -> float:
    # Some "nice!" and emoji comments are normal; from 20% on each point costs, 70% scores 0.
    return ramp_down(suspicious_share, 0.20, 0.70)


def following_band(ratio: float) -> float:
    # Following more accounts than follow you back is the follow-for-follow pattern;
    # five times as many scores 0.
    return ramp_down(ratio, 1.0, 5.0)


def regularity_band(gap_cv: float) -> float:
    # Random posting times give exponential gaps, whose coefficient of variation is 1; a
    # CV up to 1 is therefore ordinary, bursts then silence (CV 3 and more) score 0.
    return ramp_down(gap_cv, 1.0, 3.0)


def fake_band(fake_share: float) -> float:
    # Every audience holds some inactive or fake accounts; up to 10% is ordinary, half is 0.
    return ramp_down(fake_share, 0.10, 0.50)
