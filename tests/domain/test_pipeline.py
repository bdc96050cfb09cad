from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from influent.domain.pipeline import (
    LostReason,
    MoveError,
    Stage,
    StageMove,
    check_move,
    furthest,
    legal_moves,
    parse_lost_reason,
    parse_stage,
)


def test_it_allows_each_step_forward_of_the_funnel() -> None:
    order = [Stage.IDENTIFIED, Stage.CONTACTED, Stage.REPLIED, Stage.NEGOTIATING, Stage.DEAL]
    for here, there in itertools.pairwise(order):
        check_move(here, there)
    check_move(Stage.DEAL, Stage.LIVE)
    check_move(Stage.LIVE, Stage.DONE)


@pytest.mark.parametrize(
    ("here", "there"),
    [
        (Stage.IDENTIFIED, Stage.REPLIED),  # nobody replies before being contacted
        (Stage.IDENTIFIED, Stage.DEAL),
        (Stage.NEGOTIATING, Stage.LIVE),  # live needs a deal first
        (Stage.DEAL, Stage.DONE),
        (Stage.DONE, Stage.LIVE),  # done is final
        (Stage.DONE, Stage.LOST),
        (Stage.LIVE, Stage.CONTACTED),  # only one step back
    ],
)
def test_it_refuses_an_illegal_move(here: Stage, there: Stage) -> None:
    with pytest.raises(MoveError) as caught:
        check_move(here, there)
    assert caught.value.code == "outreach.error.illegal_move"
    assert caught.value.params["target"] == there.value


def test_it_lets_a_quick_yes_jump_from_contacted_to_deal() -> None:
    check_move(Stage.CONTACTED, Stage.DEAL)
    assert Stage.LIVE not in legal_moves(Stage.CONTACTED)


def test_it_refuses_to_lose_an_opportunity_without_a_reason() -> None:
    with pytest.raises(MoveError) as caught:
        check_move(Stage.CONTACTED, Stage.LOST)
    assert caught.value.code == "outreach.error.reason_required"
    check_move(Stage.CONTACTED, Stage.LOST, lost_reason=LostReason.NO_ANSWER)


def test_it_refuses_a_reason_for_a_move_that_is_not_a_loss() -> None:
    with pytest.raises(MoveError):
        check_move(Stage.CONTACTED, Stage.REPLIED, lost_reason=LostReason.DECLINED)


def test_it_refuses_a_move_to_the_same_stage() -> None:
    with pytest.raises(MoveError) as caught:
        check_move(Stage.REPLIED, Stage.REPLIED)
    assert caught.value.code == "outreach.error.same_stage"


def test_it_reopens_a_lost_opportunity_where_it_was_lost_or_at_the_start() -> None:
    assert legal_moves(Stage.LOST, lost_from=Stage.NEGOTIATING) == [
        Stage.IDENTIFIED,
        Stage.NEGOTIATING,
    ]
    with pytest.raises(MoveError):
        check_move(Stage.LOST, Stage.DEAL, lost_from=Stage.NEGOTIATING)


def test_it_reads_stages_and_reasons_as_people_type_them() -> None:
    assert parse_stage(" Replied ") is Stage.REPLIED
    assert parse_lost_reason("too expensive") is LostReason.TOO_EXPENSIVE
    assert parse_lost_reason("") is None
    with pytest.raises(MoveError):
        parse_stage("signed")
    with pytest.raises(MoveError):
        parse_lost_reason("bored")


def test_the_furthest_stage_survives_a_later_loss() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    history = [
        StageMove(None, Stage.IDENTIFIED, start),
        StageMove(Stage.IDENTIFIED, Stage.CONTACTED, start + timedelta(days=1)),
        StageMove(Stage.CONTACTED, Stage.REPLIED, start + timedelta(days=3)),
        StageMove(Stage.REPLIED, Stage.LOST, start + timedelta(days=5), None, LostReason.DECLINED),
    ]
    assert furthest(history) is Stage.REPLIED
