from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from influent.domain.followups import (
    DueKind,
    FollowUpRule,
    OpportunityState,
    RuleError,
    due_actions,
    next_action,
)
from influent.domain.funnel import OpportunityFacts, funnel_report
from influent.domain.pipeline import LostReason, Stage, StageMove

T0 = datetime(2026, 10, 1, 9, tzinfo=UTC)


def _moves(*steps: tuple[Stage, float]) -> tuple[StageMove, ...]:
    moves, previous = [], None
    for stage, day in steps:
        moves.append(StageMove(previous, stage, T0 + timedelta(days=day)))
        previous = stage
    return tuple(moves)


def test_the_funnel_counts_reached_stages_and_converts_between_them() -> None:
    facts = [
        OpportunityFacts("spring", Stage.IDENTIFIED, _moves((Stage.IDENTIFIED, 0))),
        OpportunityFacts(
            "spring",
            Stage.CONTACTED,
            _moves((Stage.IDENTIFIED, 0), (Stage.CONTACTED, 2)),
            channel="email",
            tier="micro",
        ),
        OpportunityFacts(
            "spring",
            Stage.LOST,
            _moves(
                (Stage.IDENTIFIED, 0), (Stage.CONTACTED, 1), (Stage.REPLIED, 5), (Stage.LOST, 9)
            ),
            channel="dm",
            tier="micro",
            lost_reason=LostReason.TOO_EXPENSIVE.value,
        ),
        OpportunityFacts(
            "autumn",
            Stage.DEAL,
            _moves(
                (Stage.IDENTIFIED, 0),
                (Stage.CONTACTED, 4),
                (Stage.REPLIED, 7),
                (Stage.NEGOTIATING, 8),
                (Stage.DEAL, 12),
            ),
            channel="dm",
            tier="nano",
        ),
    ]
    report = funnel_report(facts)
    overall = report.overall
    assert overall.total == 4
    assert overall.reached["contacted"] == 3
    assert overall.reached["replied"] == 2
    assert overall.conversion["identified"] == pytest.approx(0.75)
    assert overall.conversion["replied"] == pytest.approx(0.5)
    assert overall.conversion["live"] is None
    # Finished stays only: identified lasted 2, 1 and 4 days.
    assert overall.median_days["identified"] == 2.0
    assert overall.median_days["replied"] == pytest.approx(2.5)
    assert overall.lost == {"too_expensive": 1}
    assert [g.label for g in report.by_campaign] == ["autumn", "spring"]
    channels = {g.label: g for g in report.by_channel}
    assert channels["dm"].reached["replied"] == 2
    assert channels["email"].reached["replied"] == 0
    assert {g.label for g in report.by_tier} == {"micro", "nano", "unknown"}


RULE = FollowUpRule(after_days=4, max_follow_ups=2)


def test_no_reply_four_days_after_contact_makes_a_follow_up_due() -> None:
    state = OpportunityState(1, Stage.CONTACTED, last_out_at=T0, last_in_at=None)
    action = next_action(state, RULE)
    assert action is not None
    assert action.kind is DueKind.FOLLOW_UP
    assert action.follow_up_number == 1
    assert due_actions([(state, RULE)], T0 + timedelta(days=3, hours=23)) == []
    assert due_actions([(state, RULE)], T0 + timedelta(days=4)) == [action]


def test_after_the_last_follow_up_the_action_is_to_close() -> None:
    state = OpportunityState(
        1, Stage.CONTACTED, last_out_at=T0, last_in_at=None, unanswered_follow_ups=2
    )
    action = next_action(state, RULE)
    assert action is not None
    assert action.kind is DueKind.CLOSE


def test_a_creator_who_wrote_last_is_waiting_on_us_first() -> None:
    ours = OpportunityState(1, Stage.CONTACTED, last_out_at=T0, last_in_at=None)
    theirs = OpportunityState(2, Stage.REPLIED, last_out_at=T0, last_in_at=T0 + timedelta(days=6))
    due = due_actions([(ours, RULE), (theirs, RULE)], T0 + timedelta(days=7))
    assert [(a.opportunity_id, a.kind) for a in due] == [
        (2, DueKind.REPLY),
        (1, DueKind.FOLLOW_UP),
    ]


def test_nothing_is_due_before_contact_or_after_the_deal() -> None:
    for stage in (Stage.IDENTIFIED, Stage.DEAL, Stage.DONE, Stage.LOST):
        state = OpportunityState(1, stage, last_out_at=T0, last_in_at=None)
        assert next_action(state, RULE) is None


def test_it_refuses_a_rule_without_a_delay() -> None:
    with pytest.raises(RuleError):
        FollowUpRule(after_days=0)
