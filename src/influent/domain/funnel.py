"""The funnel report: how many opportunities reach each stage, and how long they stay.

Conversion at a stage is the share of the opportunities that reached it which went on to reach
the next one ("reached" means the furthest stage ever held, so a later loss does not erase
it). Time in a stage counts only finished stays: an opportunity still sitting in a stage has
not told us how long it will stay there yet.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from statistics import median

from influent.domain.pipeline import FUNNEL_STAGES, Stage, StageMove, furthest, stage_index

__all__ = ["FunnelGroup", "FunnelReport", "OpportunityFacts", "funnel_report"]


@dataclass(frozen=True, slots=True)
class OpportunityFacts:
    """What the report needs to know about one opportunity."""

    campaign: str
    stage: Stage
    history: tuple[StageMove, ...]
    channel: str | None = None  # family of the first outbound touch: dm, email, agent, other
    tier: str | None = None
    lost_reason: str | None = None


@dataclass(slots=True)
class FunnelGroup:
    label: str
    total: int = 0
    reached: dict[str, int] = field(default_factory=dict)
    conversion: dict[str, float | None] = field(default_factory=dict)
    median_days: dict[str, float | None] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class FunnelReport:
    overall: FunnelGroup
    by_campaign: list[FunnelGroup]
    by_channel: list[FunnelGroup]
    by_tier: list[FunnelGroup]


def _stays(history: tuple[StageMove, ...]) -> Iterable[tuple[Stage, float]]:
    moves = sorted(history, key=lambda m: m.at)
    for entered, left in itertools.pairwise(moves):
        yield entered.to_stage, (left.at - entered.at).total_seconds() / 86_400


def _group(label: str, facts: list[OpportunityFacts]) -> FunnelGroup:
    group = FunnelGroup(label=label, total=len(facts))
    reached: Counter[Stage] = Counter()
    stays: dict[Stage, list[float]] = defaultdict(list)
    lost: Counter[str] = Counter()
    for fact in facts:
        top = stage_index(furthest(list(fact.history)))
        for stage in FUNNEL_STAGES[: top + 1]:
            reached[stage] += 1
        for stage, days in _stays(fact.history):
            stays[stage].append(days)
        if fact.stage is Stage.LOST:
            lost[fact.lost_reason or "other"] += 1
    for i, stage in enumerate(FUNNEL_STAGES):
        group.reached[stage.value] = reached[stage]
        if i + 1 < len(FUNNEL_STAGES):
            nxt = FUNNEL_STAGES[i + 1]
            group.conversion[stage.value] = (
                reached[nxt] / reached[stage] if reached[stage] else None
            )
            group.median_days[stage.value] = (
                round(median(stays[stage]), 1) if stays[stage] else None
            )
    group.lost = dict(sorted(lost.items()))
    return group


def _split(
    facts: list[OpportunityFacts], key: Callable[[OpportunityFacts], str | None]
) -> list[FunnelGroup]:
    parts: dict[str, list[OpportunityFacts]] = defaultdict(list)
    for fact in facts:
        parts[key(fact) or "unknown"].append(fact)
    return [_group(label, parts[label]) for label in sorted(parts)]


def funnel_report(facts: Iterable[OpportunityFacts]) -> FunnelReport:
    """The funnel overall, by campaign, by channel family and by tier."""
    rows = list(facts)
    return FunnelReport(
        overall=_group("all", rows),
        by_campaign=_split(rows, lambda f: f.campaign),
        by_channel=_split(rows, lambda f: f.channel),
        by_tier=_split(rows, lambda f: f.tier),
    )
