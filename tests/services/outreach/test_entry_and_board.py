"""Creators entering a campaign in bulk, the board's filters and bulk moves, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from influent.domain.pipeline import LostReason, MoveError, Stage
from influent.domain.platforms import Platform
from influent.domain.touches import Channel, ContactKind, Direction
from influent.services import creators, outreach
from influent.services.core import Influent
from influent.services.i18n import Translator
from influent.store.outreach_models import Opportunity, StageChange
from influent_testing import Team

from .conftest import new_campaign, new_creator

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _count(influent: Influent, model: type, **where: int) -> int:
    with influent.session() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(session.scalar(query) or 0)


def test_it_adds_new_creators_and_reports_those_already_in(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    lea, tom, ana = (new_creator(influent, ws, h) for h in ("lea", "tom", "ana"))
    campaign = new_campaign(influent, ws)
    with influent.session() as session:
        first = outreach.enter_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[lea]
        )
        assert first.added == (lea,) and first.already_in == ()
    with influent.session() as session:
        entry = outreach.enter_campaign(
            session,
            workspace_id=ws,
            campaign_id=campaign,
            creator_ids=[tom, lea, ana, tom],
            user_id=team.member.user_id,
        )
    assert entry.added == (tom, ana) and entry.already_in == (lea,)
    assert len(entry.opportunity_ids) == 2
    assert Translator("en").say(entry.summary) == "2 added, 1 already in the campaign."
    assert Translator("fr").say(entry.summary) == "2 ajoutés, 1 déjà dans la campagne."
    assert _count(influent, Opportunity, campaign_id=campaign) == 3
    with influent.session() as session:
        again = outreach.enter_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[lea, tom, ana]
        )
    assert again.added == () and again.already_in == (lea, tom, ana)
    assert Translator("en").say(again.summary) == "0 added, 3 already in the campaign."
    assert _count(influent, Opportunity, campaign_id=campaign) == 3
    assert _count(influent, StageChange) == 3


def test_an_unknown_or_foreign_creator_refuses_the_whole_list(
    influent: Influent, team: Team
) -> None:
    ws = team.workspace_id
    mine = new_creator(influent, ws, "lea")
    foreign = new_creator(influent, team.outsider.workspace_id, "spy")
    campaign = new_campaign(influent, ws)
    for wrong in (foreign, 987_654, 2**70):
        with pytest.raises(outreach.OutreachError) as refused, influent.session() as session:
            outreach.enter_campaign(
                session, workspace_id=ws, campaign_id=campaign, creator_ids=[mine, wrong]
            )
        assert refused.value.code == "outreach.error.creator_not_found"
        assert f"#{wrong}" in Translator("fr").say(refused.value.message)
    assert _count(influent, Opportunity) == 0
    with pytest.raises(outreach.OutreachError) as refused, influent.session() as session:
        outreach.enter_campaign(
            session,
            workspace_id=team.outsider.workspace_id,
            campaign_id=campaign,
            creator_ids=[foreign],
        )
    assert refused.value.code == "campaign.error.not_found"
    too_many = range(1, outreach.MAX_ENTRY + 2)
    with pytest.raises(outreach.OutreachError) as refused, influent.session() as session:
        outreach.enter_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=too_many
        )
    assert refused.value.code == "outreach.entry.too_many"
    with pytest.raises(outreach.OutreachError) as refused, influent.session() as session:
        outreach.enter_campaign(session, workspace_id=ws, campaign_id=campaign, creator_ids=[])
    assert refused.value.code == "outreach.entry.nobody"


def _filtered_setup(influent: Influent, team: Team) -> tuple[int, dict[str, int]]:
    """Four creators: two contacted by DM (one overdue, one due today), one emailed, one idle."""
    ws = team.workspace_id
    people = {
        "lea": new_creator(influent, ws, "lea", followers=42_000),
        "tom": new_creator(influent, ws, "tom", followers=8_000),
        "ana": new_creator(influent, ws, "ana", followers=250_000, platform=Platform.YOUTUBE),
        "max": new_creator(influent, ws, "max", followers=3_000, platform=Platform.TIKTOK),
    }
    campaign = new_campaign(influent, ws)
    with influent.session() as session:
        creators.tag_creator(session, workspace_id=ws, creator_id=people["ana"], tags=["bio"])
        outreach.add_contact_point(
            session,
            workspace_id=ws,
            creator_id=people["ana"],
            kind=ContactKind.EMAIL,
            value="ana@example.com",
        )
        creators.tag_creator(session, workspace_id=ws, creator_id=people["lea"], tags=["Bio"])
        outreach.enter_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=list(people.values())
        )
    touches = {
        "lea": (Channel.INSTAGRAM_DM, NOW - timedelta(days=6)),  # follow-up 2 days overdue
        "tom": (Channel.INSTAGRAM_DM, NOW - timedelta(days=4, hours=1)),  # due an hour ago
        "ana": (Channel.EMAIL, NOW - timedelta(days=1)),  # due in 3 days
    }
    with influent.session() as session:
        for who, (channel, at) in touches.items():
            opp = outreach.find_opportunity(
                session, workspace_id=ws, campaign_id=campaign, creator_id=people[who]
            )
            outreach.log_touch(
                session,
                workspace_id=ws,
                opportunity_id=opp.id,
                channel=channel,
                direction=Direction.OUT,
                at=at,
            )
    return campaign, people


def _names(columns: dict[str, list[outreach.Card]]) -> set[str]:
    return {card.name.lower() for cards in columns.values() for card in cards}


def test_the_board_filters_by_stage_platform_tier_due_channel_and_tag(
    influent: Influent, team: Team
) -> None:
    campaign, _ = _filtered_setup(influent, team)
    ws = team.workspace_id

    def shown(**query: str) -> set[str]:
        with influent.session() as session:
            return _names(
                outreach.board(
                    session,
                    workspace_id=ws,
                    campaign_id=campaign,
                    filters=outreach.BoardFilters.parse(query),
                    now=NOW,
                )
            )

    assert shown() == {"lea", "tom", "ana", "max"}
    assert shown(stage="contacted") == {"lea", "tom", "ana"}
    assert shown(stage="identified") == {"max"}
    assert shown(platform="youtube") == {"ana"}
    assert shown(tier="micro") == {"lea"}
    assert shown(tier="nano") == {"tom", "max"}
    assert shown(due="overdue") == {"lea"}
    assert shown(due="today") == {"lea", "tom"}
    assert shown(channel="instagram_dm") == {"lea", "tom"}
    assert shown(channel="email") == {"ana"}
    assert shown(tag="bio") == {"lea", "ana"}
    assert shown(tag="bio", platform="instagram") == {"lea"}
    assert shown(q="@TO") == {"tom"}
    # A value that names nothing is dropped, not an error: the board stays whole.
    assert shown(stage="nowhere", tier="giant") == {"lea", "tom", "ana", "max"}
    assert outreach.BoardFilters.parse({"stage": "Lost", "due": "x"}).params() == {"stage": "lost"}
    with influent.session() as session:
        columns = outreach.board(session, workspace_id=ws, campaign_id=campaign, now=NOW)
        assert list(columns) == [s.value for s in Stage if s is not Stage.LOST] + ["lost"]
        [lea] = [c for c in columns["contacted"] if c.name.lower() == "lea"]
        assert lea.last_channel == "instagram_dm" and lea.tier == "micro"
        assert [t.lower() for t in lea.tags] == ["bio"]
        tags = outreach.board_tags(session, workspace_id=ws, campaign_id=campaign)
        assert {t.lower() for t in tags} == {"bio"}


def test_a_bulk_move_moves_what_may_move_and_names_the_rest(influent: Influent, team: Team) -> None:
    campaign, people = _filtered_setup(influent, team)
    ws = team.workspace_id
    with influent.session() as session:
        opps = {
            who: outreach.find_opportunity(
                session, workspace_id=ws, campaign_id=campaign, creator_id=cid
            ).id
            for who, cid in people.items()
        }
    before = _count(influent, StageChange)
    with influent.session() as session:
        report = outreach.move_many(
            session,
            workspace_id=ws,
            campaign_id=campaign,
            opportunity_ids=[opps["lea"], opps["max"], opps["tom"], 10**9],
            stage=Stage.REPLIED,
            user_id=team.member.user_id,
        )
    assert report.moved == [opps["lea"], opps["tom"]]
    assert [(r.name.lower(), r.reason.code) for r in report.refused] == [
        ("max", "outreach.error.illegal_move"),
        (f"#{10**9}", "outreach.error.opportunity_not_found"),
    ]
    assert Translator("en").say(report.summary) == "2 moved, 2 left where they were."
    assert _count(influent, StageChange) == before + 2
    with influent.session() as session:
        stages = {
            who: outreach.get_opportunity(session, workspace_id=ws, opportunity_id=o).stage
            for who, o in opps.items()
        }
    assert stages == {"lea": "replied", "tom": "replied", "ana": "contacted", "max": "identified"}

    # Lost needs a reason: refused before any card moves.
    with pytest.raises(MoveError), influent.session() as session:
        outreach.move_many(
            session,
            workspace_id=ws,
            campaign_id=campaign,
            opportunity_ids=list(opps.values()),
            stage=Stage.LOST,
        )
    assert _count(influent, StageChange) == before + 2
    with influent.session() as session:
        lost = outreach.move_many(
            session,
            workspace_id=ws,
            campaign_id=campaign,
            opportunity_ids=list(opps.values()),
            stage=Stage.LOST,
            lost_reason=LostReason.NO_ANSWER,
        )
        assert len(lost.moved) == 4 and lost.refused == []
        cards = outreach.board(session, workspace_id=ws, campaign_id=campaign)["lost"]
        assert {c.lost_reason for c in cards} == {"no_answer"}


def test_a_bulk_move_cannot_reach_another_workspace(influent: Influent, team: Team) -> None:
    ws = team.workspace_id
    mine = new_creator(influent, ws, "lea")
    theirs = new_creator(influent, team.outsider.workspace_id, "spy")
    campaign = new_campaign(influent, ws)
    other = new_campaign(influent, team.outsider.workspace_id, "Ailleurs")
    with influent.session() as session:
        outreach.enter_campaign(session, workspace_id=ws, campaign_id=campaign, creator_ids=[mine])
        [foreign] = outreach.enter_campaign(
            session,
            workspace_id=team.outsider.workspace_id,
            campaign_id=other,
            creator_ids=[theirs],
        ).opportunity_ids
    with influent.session() as session:
        report = outreach.move_many(
            session,
            workspace_id=ws,
            campaign_id=campaign,
            opportunity_ids=[foreign],
            stage=Stage.CONTACTED,
        )
    assert report.moved == [] and len(report.refused) == 1
    with influent.session() as session:
        opp = outreach.get_opportunity(
            session, workspace_id=team.outsider.workspace_id, opportunity_id=foreign
        )
        assert opp.stage == "identified"
