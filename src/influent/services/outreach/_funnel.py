"""The funnel report and the planner, fed from the workspace's opportunities and touches."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.funnel import FunnelReport, OpportunityFacts, funnel_report
from influent.domain.pipeline import Stage, StageMove, furthest, stage_index
from influent.domain.planner import DEFAULT_DAILY_CAP, FunnelHistory, Plan, make_plan
from influent.domain.platforms import tier_for
from influent.domain.touches import Direction, channel_family
from influent.services.outreach._followups import follow_up_rule
from influent.services.outreach._pipeline import moves_of
from influent.store.campaign_models import Campaign
from influent.store.models import Creator
from influent.store.outreach_models import Opportunity, Touch

__all__ = ["funnel", "funnel_history", "plan"]


def _facts(session: Session, workspace_id: int, campaign_id: int | None) -> list[OpportunityFacts]:
    query = (
        select(Opportunity, Campaign.name, Creator.followers)
        .join(Campaign, Campaign.id == Opportunity.campaign_id)
        .join(Creator, Creator.id == Opportunity.creator_id)
        .where(Opportunity.workspace_id == workspace_id)
    )
    if campaign_id is not None:
        query = query.where(Opportunity.campaign_id == campaign_id)
    rows = session.execute(query).all()
    ids = [row[0].id for row in rows]
    history = moves_of(session, ids)
    first_channel: dict[int, str] = {}
    if ids:
        for opportunity_id, channel in session.execute(
            select(Touch.opportunity_id, Touch.channel)
            .where(Touch.opportunity_id.in_(ids), Touch.direction == Direction.OUT.value)
            .order_by(Touch.at.desc(), Touch.id.desc())
        ):
            first_channel[opportunity_id or 0] = channel  # the earliest wins, written last
    facts = []
    for opportunity, campaign_name, followers in rows:
        tier = tier_for(followers)
        facts.append(
            OpportunityFacts(
                campaign=campaign_name,
                stage=Stage(opportunity.stage),
                history=tuple(history[opportunity.id]),
                channel=channel_family(first_channel.get(opportunity.id)),
                tier=tier.value if tier else None,
                lost_reason=opportunity.lost_reason,
            )
        )
    return facts


def funnel(session: Session, *, workspace_id: int, campaign_id: int | None = None) -> FunnelReport:
    """Conversion at each stage and median days in it: overall, by campaign, channel and tier."""
    return funnel_report(_facts(session, workspace_id, campaign_id))


def _days_to_deal(moves: tuple[StageMove, ...]) -> float | None:
    contacted = next((m.at for m in moves if m.to_stage is Stage.CONTACTED), None)
    signed = next((m.at for m in moves if m.to_stage is Stage.DEAL), None)
    if contacted is None or signed is None or signed < contacted:
        return None
    return (signed - contacted).total_seconds() / 86_400


def funnel_history(session: Session, *, workspace_id: int) -> FunnelHistory:
    """Settled contacted opportunities of the whole workspace: a deal (or later), or lost."""
    settled = replied = deals = 0
    durations: list[float] = []
    deal_at = stage_index(Stage.DEAL)
    for fact in _facts(session, workspace_id, None):
        top = stage_index(furthest(list(fact.history)))
        if top < stage_index(Stage.CONTACTED):
            continue
        if top < deal_at and fact.stage is not Stage.LOST:
            continue  # still open: its outcome is not known yet
        settled += 1
        replied += top >= stage_index(Stage.REPLIED)
        if top >= deal_at:
            deals += 1
            days = _days_to_deal(fact.history)
            if days is not None:
                durations.append(days)
    return FunnelHistory(settled, replied, deals, tuple(durations))


def plan(
    session: Session,
    *,
    workspace_id: int,
    deals: int,
    by: date,
    today: date,
    campaign_id: int | None = None,
    follow_ups: bool | None = None,
    daily_cap: int = DEFAULT_DAILY_CAP,
) -> Plan:
    """How many creators to contact for `deals` deals by `by`.

    Follow-ups are assumed when the campaign's rule sends any (every campaign has one, by
    default 2), and not assumed without a campaign, unless `follow_ups` says otherwise.
    """
    if follow_ups is None:
        follow_ups = (
            campaign_id is not None
            and follow_up_rule(session, campaign_id=campaign_id).max_follow_ups > 0
        )
    return make_plan(
        deals=deals,
        by=by,
        today=today,
        history=funnel_history(session, workspace_id=workspace_id),
        follow_ups=follow_ups,
        daily_cap=daily_cap,
    )
