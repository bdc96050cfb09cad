"""Opportunities: creators entering a campaign, moving through its stages, and the board."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.domain.messages import MessageError
from influent.domain.pipeline import (
    LostReason,
    Stage,
    StageMove,
    check_move,
    legal_moves,
)
from influent.store.campaign_models import Campaign
from influent.store.models import Creator, CreatorTag, Tag, User, utcnow
from influent.store.outreach_models import Opportunity, StageChange

__all__ = [
    "OutreachError",
    "add_to_campaign",
    "campaign_counts",
    "creator_campaigns",
    "find_opportunity",
    "get_opportunity",
    "legal_stage_moves",
    "move",
    "stage_history",
    "tagged_creator_ids",
]


class OutreachError(MessageError):
    """An outreach action refused; nothing was written."""


@dataclass(frozen=True, slots=True)
class HistoryLine:
    from_stage: str | None
    to_stage: str
    at: datetime
    by: str | None
    lost_reason: str | None


def _record(
    session: Session,
    opportunity: Opportunity,
    target: Stage,
    *,
    user_id: int | None,
    now: datetime,
    lost_reason: LostReason | None = None,
) -> None:
    previous = opportunity.stage
    session.add(
        StageChange(
            opportunity_id=opportunity.id,
            from_stage=previous,
            to_stage=target.value,
            lost_reason=lost_reason.value if lost_reason else None,
            at=now,
            user_id=user_id,
        )
    )
    if target is Stage.LOST:
        opportunity.lost_from = previous
        opportunity.lost_reason = lost_reason.value if lost_reason else None
    else:
        opportunity.lost_reason = None
    opportunity.stage = target.value
    opportunity.stage_changed_at = now


def add_to_campaign(
    session: Session,
    *,
    workspace_id: int,
    campaign_id: int,
    creator_ids: Iterable[int],
    user_id: int | None = None,
    now: datetime | None = None,
) -> list[Opportunity]:
    """Opportunities at 'identified' for the creators not yet in the campaign (others skipped)."""
    now = now or utcnow()
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or campaign.workspace_id != workspace_id:
        raise OutreachError("campaign.error.not_found", ref=str(campaign_id))
    wanted = list(dict.fromkeys(creator_ids))
    found = set(
        session.scalars(
            select(Creator.id).where(Creator.workspace_id == workspace_id, Creator.id.in_(wanted))
        )
    )
    missing = [cid for cid in wanted if cid not in found]
    if missing:
        raise OutreachError("outreach.error.creator_not_found", ref=f"#{missing[0]}")
    present = set(
        session.scalars(
            select(Opportunity.creator_id).where(
                Opportunity.campaign_id == campaign_id, Opportunity.creator_id.in_(wanted)
            )
        )
    )
    added = []
    for creator_id in wanted:
        if creator_id in present:
            continue
        opportunity = Opportunity(
            workspace_id=workspace_id,
            campaign_id=campaign_id,
            creator_id=creator_id,
            stage=Stage.IDENTIFIED.value,
            stage_changed_at=now,
            created_at=now,
        )
        session.add(opportunity)
        session.flush()
        session.add(
            StageChange(
                opportunity_id=opportunity.id,
                from_stage=None,
                to_stage=Stage.IDENTIFIED.value,
                at=now,
                user_id=user_id,
            )
        )
        added.append(opportunity)
    session.flush()
    return added


def get_opportunity(session: Session, *, workspace_id: int, opportunity_id: int) -> Opportunity:
    opportunity = session.get(Opportunity, opportunity_id)
    if opportunity is None or opportunity.workspace_id != workspace_id:
        raise OutreachError("outreach.error.opportunity_not_found", ref=f"#{opportunity_id}")
    return opportunity


def find_opportunity(
    session: Session, *, workspace_id: int, campaign_id: int, creator_id: int
) -> Opportunity:
    found = session.scalar(
        select(Opportunity).where(
            Opportunity.workspace_id == workspace_id,
            Opportunity.campaign_id == campaign_id,
            Opportunity.creator_id == creator_id,
        )
    )
    if found is None:
        raise OutreachError("outreach.error.not_in_campaign", ref=f"#{creator_id}")
    return found


def move(
    session: Session,
    *,
    workspace_id: int,
    opportunity_id: int,
    stage: Stage,
    lost_reason: LostReason | None = None,
    user_id: int | None = None,
    now: datetime | None = None,
) -> Opportunity:
    """Move an opportunity to `stage` if the pipeline allows it (MoveError otherwise)."""
    opportunity = get_opportunity(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    lost_from = Stage(opportunity.lost_from) if opportunity.lost_from else None
    check_move(Stage(opportunity.stage), stage, lost_reason=lost_reason, lost_from=lost_from)
    _record(
        session, opportunity, stage, user_id=user_id, now=now or utcnow(), lost_reason=lost_reason
    )
    session.flush()
    return opportunity


def stage_history(session: Session, *, workspace_id: int, opportunity_id: int) -> list[HistoryLine]:
    get_opportunity(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    rows = session.execute(
        select(StageChange, User.email)
        .outerjoin(User, User.id == StageChange.user_id)
        .where(StageChange.opportunity_id == opportunity_id)
        .order_by(StageChange.at, StageChange.id)
    ).all()
    return [HistoryLine(c.from_stage, c.to_stage, c.at, email, c.lost_reason) for c, email in rows]


def moves_of(session: Session, opportunity_ids: list[int]) -> dict[int, list[StageMove]]:
    """The stage history of each opportunity, as domain moves, oldest first."""
    found: dict[int, list[StageMove]] = {i: [] for i in opportunity_ids}
    if not opportunity_ids:
        return found
    for change in session.scalars(
        select(StageChange)
        .where(StageChange.opportunity_id.in_(opportunity_ids))
        .order_by(StageChange.at, StageChange.id)
    ):
        found[change.opportunity_id].append(
            StageMove(
                Stage(change.from_stage) if change.from_stage else None,
                Stage(change.to_stage),
                change.at,
                change.user_id,
                LostReason(change.lost_reason) if change.lost_reason else None,
            )
        )
    return found


def tagged_creator_ids(session: Session, *, workspace_id: int, tag: str) -> list[int]:
    """The creators carrying `tag` (a shortlist), to add them to a campaign at once."""
    return list(
        session.scalars(
            select(CreatorTag.creator_id)
            .join(Tag, Tag.id == CreatorTag.tag_id)
            .where(Tag.workspace_id == workspace_id, Tag.name == tag.strip())
            .order_by(CreatorTag.creator_id)
        )
    )


def campaign_counts(session: Session, *, workspace_id: int) -> dict[int, dict[str, int]]:
    """Opportunities per stage of each campaign."""
    counts: dict[int, dict[str, int]] = {}
    for campaign_id, stage, n in session.execute(
        select(Opportunity.campaign_id, Opportunity.stage, func.count(Opportunity.id))
        .where(Opportunity.workspace_id == workspace_id)
        .group_by(Opportunity.campaign_id, Opportunity.stage)
    ):
        counts.setdefault(campaign_id, {})[stage] = int(n)
    return counts


def legal_stage_moves(opportunity: Opportunity) -> list[str]:
    """The stages this opportunity may move to now, for its stage menu."""
    lost_from = Stage(opportunity.lost_from) if opportunity.lost_from else None
    return [s.value for s in legal_moves(Stage(opportunity.stage), lost_from)]


@dataclass(frozen=True, slots=True)
class CreatorCampaign:
    opportunity_id: int
    campaign_id: int
    campaign: str
    stage: str


def creator_campaigns(
    session: Session, *, workspace_id: int, creator_id: int
) -> list[CreatorCampaign]:
    """The campaigns a creator is in, and where they stand in each."""
    return [
        CreatorCampaign(o_id, c_id, name, stage)
        for o_id, c_id, name, stage in session.execute(
            select(Opportunity.id, Campaign.id, Campaign.name, Opportunity.stage)
            .join(Campaign, Campaign.id == Opportunity.campaign_id)
            .where(Opportunity.workspace_id == workspace_id, Opportunity.creator_id == creator_id)
            .order_by(Campaign.created_at.desc(), Campaign.id.desc())
        )
    ]
