"""The outreach pipeline: the stages a creator goes through in a campaign, and the legal moves.

identified → contacted → replied → negotiating → deal → live → done, or lost with a reason.

The rules, in a sentence each:
- a step forward is always allowed;
- a jump forward is allowed from contacted, replied or negotiating up to deal (a creator may say
  yes at once), never over deal: live needs a deal, done needs live;
- a step back corrects a mistake (not out of done or lost);
- any stage but done can be lost, with a reason;
- a lost opportunity can be reopened at the stage it was lost from, or at identified.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from influent.domain.messages import MessageError

__all__ = [
    "ACTIVE_STAGES",
    "FUNNEL_STAGES",
    "LostReason",
    "MoveError",
    "Stage",
    "StageMove",
    "check_move",
    "furthest",
    "legal_moves",
    "parse_lost_reason",
    "parse_stage",
    "stage_index",
]


class Stage(StrEnum):
    IDENTIFIED = "identified"
    CONTACTED = "contacted"
    REPLIED = "replied"
    NEGOTIATING = "negotiating"
    DEAL = "deal"
    LIVE = "live"
    DONE = "done"
    LOST = "lost"


class LostReason(StrEnum):
    NO_ANSWER = "no_answer"
    DECLINED = "declined"
    TOO_EXPENSIVE = "too_expensive"
    NOT_A_FIT = "not_a_fit"
    OTHER = "other"


# The funnel in order; lost sits outside it.
FUNNEL_STAGES: tuple[Stage, ...] = (
    Stage.IDENTIFIED,
    Stage.CONTACTED,
    Stage.REPLIED,
    Stage.NEGOTIATING,
    Stage.DEAL,
    Stage.LIVE,
    Stage.DONE,
)
# Stages where something is still to be done.
ACTIVE_STAGES = FUNNEL_STAGES[:-1]
_ORDER = {stage: i for i, stage in enumerate(FUNNEL_STAGES)}
# Jumps forward may start here and land at most on deal.
_JUMP_FROM = {Stage.CONTACTED, Stage.REPLIED, Stage.NEGOTIATING}


class MoveError(MessageError):
    """A stage change the pipeline refuses."""


@dataclass(frozen=True, slots=True)
class StageMove:
    """One recorded change: from (None when the opportunity was created) to, when, by whom."""

    from_stage: Stage | None
    to_stage: Stage
    at: datetime
    user_id: int | None = None
    lost_reason: LostReason | None = None


def parse_stage(value: str) -> Stage:
    try:
        return Stage(value.strip().lower())
    except ValueError:
        raise MoveError(
            "outreach.error.unknown_stage", stage=value, stages=", ".join(s.value for s in Stage)
        ) from None


def parse_lost_reason(value: str | None) -> LostReason | None:
    if value is None or not value.strip():
        return None
    try:
        return LostReason(value.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        raise MoveError(
            "outreach.error.unknown_reason",
            reason=value,
            reasons=", ".join(r.value for r in LostReason),
        ) from None


def legal_moves(current: Stage, lost_from: Stage | None = None) -> list[Stage]:
    """Every stage `current` may move to, in funnel order (lost last)."""
    if current is Stage.DONE:
        return []
    if current is Stage.LOST:
        reopen = {Stage.IDENTIFIED, lost_from or Stage.IDENTIFIED}
        return [s for s in FUNNEL_STAGES if s in reopen]
    at = _ORDER[current]
    allowed = []
    for stage in FUNNEL_STAGES:
        step = _ORDER[stage] - at
        if step in (1, -1) or (
            step > 1 and current in _JUMP_FROM and _ORDER[stage] <= _ORDER[Stage.DEAL]
        ):
            allowed.append(stage)
    return [*allowed, Stage.LOST]


def check_move(
    current: Stage,
    target: Stage,
    *,
    lost_reason: LostReason | None = None,
    lost_from: Stage | None = None,
) -> None:
    """Raise `MoveError` unless `current → target` is legal (lost needs a reason)."""
    if target is current:
        raise MoveError("outreach.error.same_stage", stage=current.value)
    if target not in legal_moves(current, lost_from):
        allowed = ", ".join(s.value for s in legal_moves(current, lost_from)) or "—"
        raise MoveError(
            "outreach.error.illegal_move",
            current=current.value,
            target=target.value,
            allowed=allowed,
        )
    if target is Stage.LOST and lost_reason is None:
        raise MoveError(
            "outreach.error.reason_required", reasons=", ".join(r.value for r in LostReason)
        )
    if target is not Stage.LOST and lost_reason is not None:
        raise MoveError("outreach.error.reason_only_for_lost")


def furthest(history: list[StageMove]) -> Stage:
    """The furthest funnel stage an opportunity reached (lost does not count)."""
    best = Stage.IDENTIFIED
    for move in history:
        if move.to_stage is not Stage.LOST and _ORDER[move.to_stage] > _ORDER[best]:
            best = move.to_stage
    return best


def stage_index(stage: Stage) -> int:
    return _ORDER[stage]
