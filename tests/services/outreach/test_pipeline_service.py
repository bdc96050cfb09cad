from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from influent.domain.pipeline import LostReason, MoveError, Stage
from influent.domain.touches import Channel, ContactKind, Direction
from influent.services import outreach
from influent.services.core import Influent
from influent_testing import Team

from .conftest import new_campaign, new_creator


def test_it_records_every_stage_change_with_time_and_author(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    creator = new_creator(influent, ws, "lea.bougies")
    campaign = new_campaign(influent, ws)
    start = datetime(2026, 10, 1, tzinfo=UTC)
    with influent.session() as session:
        [opp] = outreach.add_to_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[creator], now=start
        )
        for day, stage in enumerate([Stage.CONTACTED, Stage.REPLIED, Stage.NEGOTIATING], 1):
            outreach.move(
                session,
                workspace_id=ws,
                opportunity_id=opp.id,
                stage=stage,
                user_id=team.member.user_id,
                now=start + timedelta(days=day),
            )
        outreach.move(
            session,
            workspace_id=ws,
            opportunity_id=opp.id,
            stage=Stage.LOST,
            lost_reason=LostReason.TOO_EXPENSIVE,
            user_id=team.owner.user_id,
            now=start + timedelta(days=9),
        )
        opp_id = opp.id
    with influent.session() as session:
        history = outreach.stage_history(session, workspace_id=ws, opportunity_id=opp_id)
        assert [(h.from_stage, h.to_stage) for h in history] == [
            (None, "identified"),
            ("identified", "contacted"),
            ("contacted", "replied"),
            ("replied", "negotiating"),
            ("negotiating", "lost"),
        ]
        assert history[-1].by == "owner@example.com"
        assert history[-1].lost_reason == "too_expensive"
        assert history[2].at == start + timedelta(days=2)
        cards = outreach.board(session, workspace_id=ws, campaign_id=campaign)
        [card] = cards["lost"]
        assert card.lost_reason == "too_expensive"
        assert card.moves == ("identified", "negotiating")


def test_an_illegal_move_writes_nothing(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    creator = new_creator(influent, ws, "lea.bougies")
    campaign = new_campaign(influent, ws)
    with influent.session() as session:
        [opp] = outreach.add_to_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[creator]
        )
        opp_id = opp.id
    with pytest.raises(MoveError), influent.session() as session:
        outreach.move(session, workspace_id=ws, opportunity_id=opp_id, stage=Stage.LIVE)
    with influent.session() as session:
        assert len(outreach.stage_history(session, workspace_id=ws, opportunity_id=opp_id)) == 1
        assert (
            outreach.get_opportunity(session, workspace_id=ws, opportunity_id=opp_id).stage
            == "identified"
        )


def test_adding_a_creator_twice_keeps_one_opportunity(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    a, b = new_creator(influent, ws, "lea"), new_creator(influent, ws, "tom")
    campaign = new_campaign(influent, ws)
    with influent.session() as session:
        first = outreach.add_to_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[a]
        )
        again = outreach.add_to_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[a, b]
        )
        assert len(first) == 1 and len(again) == 1


def test_another_workspace_cannot_reach_the_opportunity(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    creator = new_creator(influent, ws, "lea")
    campaign = new_campaign(influent, ws)
    with influent.session() as session:
        [opp] = outreach.add_to_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[creator]
        )
        with pytest.raises(outreach.OutreachError):
            outreach.move(
                session,
                workspace_id=team.outsider.workspace_id,
                opportunity_id=opp.id,
                stage=Stage.CONTACTED,
            )


def test_a_dm_logged_moves_to_contacted_and_an_answer_to_replied(
    influent: Influent, team: Team
) -> None:
    ws = team.workspace_id
    creator = new_creator(influent, ws, "lea.bougies")
    campaign = new_campaign(influent, ws)
    with influent.session() as session:
        [opp] = outreach.add_to_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[creator]
        )
        url = outreach.dm_url(
            session, workspace_id=ws, creator_id=creator, channel=Channel.INSTAGRAM_DM
        )
        assert url.startswith("https://www.instagram.com/lea.bougies")
        outreach.log_touch(
            session,
            workspace_id=ws,
            opportunity_id=opp.id,
            channel=Channel.INSTAGRAM_DM,
            direction=Direction.OUT,
            content="Bonjour Léa",
        )
        assert opp.stage == "contacted"
        outreach.log_touch(
            session,
            workspace_id=ws,
            opportunity_id=opp.id,
            channel=Channel.INSTAGRAM_DM,
            direction=Direction.IN,
            content="Avec plaisir !",
        )
        assert opp.stage == "replied"
        touches = outreach.touches_of(session, workspace_id=ws, opportunity_id=opp.id)
        assert [t.direction for t in touches] == ["in", "out"]


def test_a_touch_on_a_channel_without_a_contact_point_is_refused(
    influent: Influent, team: Team
) -> None:
    ws = team.workspace_id
    creator = new_creator(influent, ws, "lea.bougies")
    campaign = new_campaign(influent, ws)
    with influent.session() as session:
        [opp] = outreach.add_to_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[creator]
        )
        opp_id = opp.id
    for channel in (Channel.TIKTOK_DM, Channel.PHONE, Channel.AGENT_EMAIL):
        with pytest.raises(outreach.OutreachError) as caught, influent.session() as session:
            outreach.log_touch(
                session,
                workspace_id=ws,
                opportunity_id=opp_id,
                channel=channel,
                direction=Direction.OUT,
            )
        assert caught.value.code == "outreach.error.no_contact_point"
    with influent.session() as session:
        assert outreach.touches_of(session, workspace_id=ws, opportunity_id=opp_id) == []
        assert (
            outreach.get_opportunity(session, workspace_id=ws, opportunity_id=opp_id).stage
            == "identified"
        )


def test_hints_from_the_sources_wait_for_one_click_confirmation(
    influent: Influent, team: Team
) -> None:
    ws = team.workspace_id
    creator = new_creator(
        influent, ws, "lea.bougies", notes="Management: agence Lumière, lea [at] lumiere-talents.fr"
    )
    with influent.session() as session:
        hints = outreach.collect_hints(session, workspace_id=ws, creator_id=creator)
        assert [(h.value, h.confirmed) for h in hints] == [("lea@lumiere-talents.fr", False)]
        outreach.collect_hints(session, workspace_id=ws, creator_id=creator)  # idempotent
        assert len(outreach.contact_points(session, workspace_id=ws, creator_id=creator)) == 1
        outreach.confirm_contact_point(session, workspace_id=ws, point_id=hints[0].id)
        [point] = outreach.contact_points(session, workspace_id=ws, creator_id=creator)
        assert point.confirmed and point.source == "hint"


def test_an_agent_represents_several_creators(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    a, b = new_creator(influent, ws, "lea"), new_creator(influent, ws, "tom")
    with influent.session() as session:
        agent = outreach.create_agent(
            session,
            workspace_id=ws,
            name="Claire Dumas",
            agency="Lumière",
            email="Claire@Lumiere.fr",
        )
        for creator in (a, b):
            outreach.assign_agent(session, workspace_id=ws, agent_id=agent.id, creator_id=creator)
        assert [
            x.email for x in outreach.creator_agents(session, workspace_id=ws, creator_id=b)
        ] == ["claire@lumiere.fr"]
        with pytest.raises(outreach.OutreachError):
            outreach.add_contact_point(
                session, workspace_id=ws, creator_id=a, kind=ContactKind.EMAIL, value="not an email"
            )


def test_a_management_line_is_proposed_as_an_agent_until_confirmed(
    influent: Influent, team: Team
) -> None:
    ws = team.workspace_id
    creator = new_creator(
        influent,
        ws,
        "lea.bougies",
        notes="Cuisine de saison\nManagement: Agence Lumière, lea [at] lumiere-talents.fr",
    )
    with influent.session() as session:
        [hint] = outreach.agent_hints(session, workspace_id=ws, creator_id=creator)
        assert hint.name == "Agence Lumière"
        assert hint.email == "lea@lumiere-talents.fr"
        agent = outreach.create_agent(
            session, workspace_id=ws, name=hint.name, agency=hint.name, email=hint.email
        )
        outreach.assign_agent(session, workspace_id=ws, agent_id=agent.id, creator_id=creator)
        assert outreach.agent_hints(session, workspace_id=ws, creator_id=creator) == []
