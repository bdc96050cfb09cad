"""Follow-up rules and the next action each opportunity is waiting for.

A campaign's rule reads "no reply `after_days` days after our last message → follow up;
`max_follow_ups` follow-ups at most". After the last follow-up has gone unanswered for
`after_days`, the action becomes "close as no answer". A message from the creator that we
have not answered is always due at once: the creator is waiting on us.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from influent.domain.messages import MessageError
from influent.domain.pipeline import Stage

__all__ = [
    "DueKind",
    "FollowUpRule",
    "NextAction",
    "OpportunityState",
    "RuleError",
    "due_actions",
    "next_action",
]

_WAITING = {Stage.CONTACTED, Stage.REPLIED, Stage.NEGOTIATING}


class RuleError(MessageError):
    """A follow-up rule that makes no sense."""


@dataclass(frozen=True, slots=True)
class FollowUpRule:
    after_days: int = 4
    max_follow_ups: int = 2

    def __post_init__(self) -> None:
        if not 1 <= self.after_days <= 90:
            raise RuleError("outreach.error.rule_days", days=self.after_days)
        if not 0 <= self.max_follow_ups <= 10:
            raise RuleError("outreach.error.rule_max", max=self.max_follow_ups)


class DueKind(StrEnum):
    FOLLOW_UP = "follow_up"
    CLOSE = "close"  # the follow-ups went unanswered: mark lost, no answer
    REPLY = "reply"  # the creator wrote last: they are waiting on us


@dataclass(frozen=True, slots=True)
class OpportunityState:
    opportunity_id: int
    stage: Stage
    last_out_at: datetime | None
    last_in_at: datetime | None
    # Follow-ups sent since the creator last wrote (or since the first message).
    unanswered_follow_ups: int = 0


@dataclass(frozen=True, slots=True)
class NextAction:
    opportunity_id: int
    kind: DueKind
    due_at: datetime
    follow_up_number: int | None = None


def next_action(state: OpportunityState, rule: FollowUpRule) -> NextAction | None:
    """What this opportunity waits for next, and from when; None when nothing is pending."""
    if state.stage not in _WAITING:
        return None
    if state.last_in_at is not None and (
        state.last_out_at is None or state.last_in_at >= state.last_out_at
    ):
        return NextAction(state.opportunity_id, DueKind.REPLY, state.last_in_at)
    if state.last_out_at is None:
        return None
    due_at = state.last_out_at + timedelta(days=rule.after_days)
    if state.unanswered_follow_ups < rule.max_follow_ups:
        number = state.unanswered_follow_ups + 1
        return NextAction(state.opportunity_id, DueKind.FOLLOW_UP, due_at, number)
    return NextAction(state.opportunity_id, DueKind.CLOSE, due_at)


def due_actions(
    states: list[tuple[OpportunityState, FollowUpRule]], now: datetime
) -> list[NextAction]:
    """The actions due by `now`, oldest first (the creator waiting on us before the rest)."""
    due = []
    for state, rule in states:
        action = next_action(state, rule)
        if action is not None and action.due_at <= now:
            due.append(action)
    return sorted(due, key=lambda a: (a.kind is not DueKind.REPLY, a.due_at, a.opportunity_id))
