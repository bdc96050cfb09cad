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


# The 90th percentile of a tier, in spreads above its median (the normal quantile 0.9).
Z_P90 = 1.2816


def engagement_band(z: float) -> float:
    # z = ln(ER / tier median) / sigma (see benchmarks.PERCENTILE_ASSUMPTION).
    # Below one sigma under the median the audience looks asleep or bought: 0 at two sigma.
    # Above the tier's 90th percentile engagement no longer earns full points on its own:
    # pods and bought likes show up there, though small accounts do have devoted audiences,
    # so alone it costs 0.3 per spread and stops at 0.4. With other signs of a pod, see
    # `pod_severity`.
    if z <= -2:
        return 0.0
    if z < -1:
        return z + 2
    if z <= Z_P90:
        return 1.0
    return max(0.4, 1 - 0.3 * (z - Z_P90))


# A share of generic comments above this is a sign of a pod (the authenticity band's
# ordinary share); at POD_GENERIC_FULL the sign is certain.
POD_GENERIC_FROM, POD_GENERIC_FULL = 0.20, 0.50


def pod_severity(suspicious_share: float | None, comments_to_likes: float | None) -> float:
    """How strongly the comments say "engagement pod", from 0 (not at all) to 1.

    Generic comments count from 20% (certain at 50%); comments per like outside the usual
    range count by the decade outside it (a tenfold step is certain). The larger sign wins,
    so each input alone is monotone: more generic comments, or a ratio further out, never
    lowers the severity.
    """
    generic = 0.0
    if suspicious_share is not None and suspicious_share > POD_GENERIC_FROM:
        generic = clamp(
            (suspicious_share - POD_GENERIC_FROM) / (POD_GENERIC_FULL - POD_GENERIC_FROM)
        )
    ratio = 0.0
    if comments_to_likes is not None:
        ratio = 1 - comments_to_likes_band(comments_to_likes)
    return max(generic, ratio)


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
