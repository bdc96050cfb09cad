"""Creators entering a campaign from any list (the table, discovery, a shortlist), in bulk."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.messages import Message
from influent.services.outreach._pipeline import OutreachError, add_to_campaign
from influent.store.campaign_models import Campaign
from influent.store.models import Creator
from influent.store.outreach_models import Opportunity

__all__ = ["MAX_ENTRY", "CampaignEntry", "enter_campaign"]

# More than a few pages of the creators table at once is a script, not a person choosing.
MAX_ENTRY = 500
_MAX_ID = 2**63 - 1  # ids past a 64-bit integer name nobody, on any database


@dataclass(frozen=True, slots=True)
class CampaignEntry:
    """Who entered the campaign, and who was in it already (left as they were)."""

    campaign_id: int
    added: tuple[int, ...]
    already_in: tuple[int, ...]
    opportunity_ids: tuple[int, ...]

    @property
    def summary(self) -> Message:
        if self.already_in:
            return Message(
                "outreach.entry.added_some_in",
                {"count": len(self.added), "already": len(self.already_in)},
            )
        return Message("outreach.entry.added", {"count": len(self.added)})


def enter_campaign(
    session: Session,
    *,
    workspace_id: int,
    campaign_id: int,
    creator_ids: Iterable[int],
    user_id: int | None = None,
    now: datetime | None = None,
) -> CampaignEntry:
    """Put the creators in the campaign at 'identified'; those already in it stay as they are.

    All or nothing: an unknown creator (or one of another workspace) refuses the whole list,
    naming the first few, and nothing is written.
    """
    wanted = list(dict.fromkeys(creator_ids))
    if not wanted:
        raise OutreachError("outreach.entry.nobody")
    if len(wanted) > MAX_ENTRY:
        raise OutreachError("outreach.entry.too_many", count=len(wanted), limit=MAX_ENTRY)
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or campaign.workspace_id != workspace_id:
        raise OutreachError("campaign.error.not_found", ref=str(campaign_id))
    storable = [cid for cid in wanted if 0 < cid <= _MAX_ID]
    known = set(
        session.scalars(
            select(Creator.id).where(Creator.workspace_id == workspace_id, Creator.id.in_(storable))
        )
    )
    missing = [cid for cid in wanted if cid not in known]
    if missing:
        refs = ", ".join(f"#{cid}" for cid in missing[:5]) + (" …" if len(missing) > 5 else "")
        raise OutreachError("outreach.error.creator_not_found", ref=refs)
    present = set(
        session.scalars(
            select(Opportunity.creator_id).where(
                Opportunity.campaign_id == campaign_id, Opportunity.creator_id.in_(wanted)
            )
        )
    )
    made = add_to_campaign(
        session,
        workspace_id=workspace_id,
        campaign_id=campaign_id,
        creator_ids=[cid for cid in wanted if cid not in present],
        user_id=user_id,
        now=now,
    )
    return CampaignEntry(
        campaign_id=campaign_id,
        added=tuple(o.creator_id for o in made),
        already_in=tuple(cid for cid in wanted if cid in present),
        opportunity_ids=tuple(o.id for o in made),
    )
