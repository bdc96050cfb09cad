"""Due list over simulated clocks, the calendar feed in a real ICS parser, the funnel and plan."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from influent.domain.followups import RuleError
from influent.domain.pipeline import LostReason, Stage
from influent.domain.touches import Channel, Direction
from influent.services import outreach
from influent.services.core import Influent
from influent.settings import Settings
from influent_testing import Team

from .conftest import new_campaign, new_creator

T0 = datetime(2026, 10, 5, 9, tzinfo=UTC)


def _contacted(influent: Influent, ws: int, campaign: int, handle: str, at: datetime) -> int:
    creator = new_creator(influent, ws, handle)
    with influent.session() as session:
        [opp] = outreach.add_to_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[creator], now=at
        )
        outreach.log_touch(
            session,
            workspace_id=ws,
            opportunity_id=opp.id,
            channel=Channel.INSTAGRAM_DM,
            direction=Direction.OUT,
            at=at,
        )
        return opp.id


def _follow_up(influent: Influent, ws: int, opp: int, at: datetime) -> None:
    with influent.session() as session:
        outreach.log_touch(
            session,
            workspace_id=ws,
            opportunity_id=opp,
            channel=Channel.INSTAGRAM_DM,
            direction=Direction.OUT,
            at=at,
        )


def _due(influent: Influent, ws: int, now: datetime) -> list[tuple[int, str, int | None]]:
    with influent.session() as session:
        return [
            (i.opportunity_id, i.kind, i.follow_up_number)
            for i in outreach.due_list(session, workspace_id=ws, now=now)
        ]


def test_the_due_list_follows_the_campaign_rule_over_time(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    with influent.session() as session:
        outreach.set_follow_up_rule(
            session, workspace_id=ws, campaign_id=campaign, after_days=3, max_follow_ups=1
        )
    opp = _contacted(influent, ws, campaign, "lea", T0)
    assert _due(influent, ws, T0 + timedelta(days=2)) == []
    assert _due(influent, ws, T0 + timedelta(days=3)) == [(opp, "follow_up", 1)]
    _follow_up(influent, ws, opp, T0 + timedelta(days=3, hours=1))
    assert _due(influent, ws, T0 + timedelta(days=5)) == []
    # The one follow-up went unanswered for 3 days: time to close it.
    assert _due(influent, ws, T0 + timedelta(days=6, hours=2)) == [(opp, "close", None)]
    with influent.session() as session:
        outreach.log_touch(
            session,
            workspace_id=ws,
            opportunity_id=opp,
            channel=Channel.INSTAGRAM_DM,
            direction=Direction.IN,
            at=T0 + timedelta(days=6, hours=3),
        )
    # They answered: now they are waiting on us, at once.
    assert _due(influent, ws, T0 + timedelta(days=6, hours=4)) == [(opp, "reply", None)]


def test_the_default_rule_is_four_days_and_two_follow_ups(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    opp = _contacted(influent, ws, campaign, "lea", T0)
    assert _due(influent, ws, T0 + timedelta(days=3, hours=23)) == []
    assert _due(influent, ws, T0 + timedelta(days=4)) == [(opp, "follow_up", 1)]
    _follow_up(influent, ws, opp, T0 + timedelta(days=4))
    assert _due(influent, ws, T0 + timedelta(days=8)) == [(opp, "follow_up", 2)]
    with influent.session() as session, pytest.raises(RuleError):
        outreach.set_follow_up_rule(
            session, workspace_id=ws, campaign_id=campaign, after_days=0, max_follow_ups=2
        )


def test_the_calendar_feed_parses_in_a_real_ics_library(
    influent: Influent, settings: Settings, team: Team
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws, "Noël, bougies; cadeaux")
    soon = _contacted(influent, ws, campaign, "lea", T0)
    later = _contacted(influent, ws, campaign, "tom", T0 + timedelta(days=2))
    with influent.session() as session:
        text = outreach.calendar_feed(
            session, workspace_id=ws, locale="fr", now=T0 + timedelta(days=4, hours=1)
        )
    calendar = icalendar.Calendar.from_ical(text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"opportunity-{soon}-follow_up-1@influent",
        f"opportunity-{later}-follow_up-1@influent",
    }
    first = events[f"opportunity-{soon}-follow_up-1@influent"]
    assert first.decoded("DTSTART") == date(2026, 10, 9)
    assert "Relancer" in str(first["SUMMARY"])
    assert "Noël, bougies; cadeaux" in str(first["DESCRIPTION"])
    assert events[f"opportunity-{later}-follow_up-1@influent"].decoded("DTSTART") == date(
        2026, 10, 11
    )


def test_the_feed_token_opens_only_its_workspace(settings: Settings) -> None:
    token = outreach.calendar_token(settings, workspace_id=7)
    assert outreach.check_calendar_token(settings, token) == 7
    assert outreach.check_calendar_token(settings, "8" + token[1:]) is None
    assert outreach.check_calendar_token(settings, "nonsense") is None
    other = settings.model_copy(update={"secret_key": "another-" + "y" * 40})
    assert outreach.check_calendar_token(other, token) is None


def test_the_funnel_groups_by_channel_and_tier_and_the_plan_learns_from_history(
    influent: Influent, team: Team
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    # 40 settled contacts: 12 deals, 28 lost (half of them after a reply).
    for i in range(40):
        opp = _contacted(influent, ws, campaign, f"c{i}", T0 + timedelta(hours=i))
        with influent.session() as session:
            if i < 12:
                outreach.move(
                    session,
                    workspace_id=ws,
                    opportunity_id=opp,
                    stage=Stage.REPLIED,
                    now=T0 + timedelta(days=2),
                )
                outreach.move(
                    session,
                    workspace_id=ws,
                    opportunity_id=opp,
                    stage=Stage.DEAL,
                    now=T0 + timedelta(days=12),
                )
            elif i < 26:
                outreach.move(
                    session,
                    workspace_id=ws,
                    opportunity_id=opp,
                    stage=Stage.REPLIED,
                    now=T0 + timedelta(days=3),
                )
                outreach.move(
                    session,
                    workspace_id=ws,
                    opportunity_id=opp,
                    stage=Stage.LOST,
                    lost_reason=LostReason.DECLINED,
                    now=T0 + timedelta(days=5),
                )
            else:
                outreach.move(
                    session,
                    workspace_id=ws,
                    opportunity_id=opp,
                    stage=Stage.LOST,
                    lost_reason=LostReason.NO_ANSWER,
                    now=T0 + timedelta(days=9),
                )
    with influent.session() as session:
        report = outreach.funnel(session, workspace_id=ws, campaign_id=campaign)
        history = outreach.funnel_history(session, workspace_id=ws)
        made = outreach.plan(
            session, workspace_id=ws, deals=6, by=date(2027, 2, 1), today=date(2026, 11, 1)
        )
    assert report.overall.reached["contacted"] == 40
    assert report.overall.conversion["contacted"] == pytest.approx(26 / 40)
    assert report.overall.lost == {"declined": 14, "no_answer": 14}
    assert [g.label for g in report.by_channel] == ["dm"]
    assert [g.label for g in report.by_tier] == ["micro"]
    assert (history.settled, history.replied, history.deals) == (40, 26, 12)
    assert made.source == "history"
    assert made.rates["reply"] == pytest.approx(0.65)
    assert made.days_to_deal == pytest.approx(12, abs=1)
