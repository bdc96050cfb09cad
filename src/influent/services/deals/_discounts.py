"""Consistent discounts: a campaign's levels, and the warning when a code departs from them.

Creators talk to each other: a code that gives one creator's audience more (or less) than the
others of the same tier got needs a written reason, which the deal keeps.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from influent.domain.messages import Message
from influent.domain.platforms import Tier, tier_for
from influent.services.campaigns import get_campaign
from influent.services.deals._errors import DealError
from influent.store.deal_models import CampaignDiscount, Deal, PromoCode
from influent.store.models import Creator

EVERYONE = "all"


def set_levels(
    session: Session, *, workspace_id: int, campaign_id: int, levels: dict[str, int]
) -> dict[str, int]:
    """Replace the campaign's levels: {"all": 15} or {"nano": 10, "micro": 10, "mid": 20, …}."""
    campaign = get_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
    known = {t.value for t in Tier} | {EVERYONE}
    for tier, percent in levels.items():
        if tier not in known:
            raise DealError("deal.error.tier", tier=tier, known=", ".join(sorted(known)))
        if not 1 <= percent <= 100:
            raise DealError("deal.error.percent", percent=percent)
    session.execute(delete(CampaignDiscount).where(CampaignDiscount.campaign_id == campaign.id))
    for tier, percent in levels.items():
        session.add(
            CampaignDiscount(
                campaign_id=campaign.id,
                tier=None if tier == EVERYONE else tier,
                percent_off=percent,
            )
        )
    session.flush()
    return levels_of(session, campaign.id)


def levels_of(session: Session, campaign_id: int) -> dict[str, int]:
    rows = session.scalars(
        select(CampaignDiscount).where(CampaignDiscount.campaign_id == campaign_id)
    ).all()
    return {row.tier or EVERYONE: row.percent_off for row in rows}


def level_for(session: Session, campaign_id: int, followers: int | None) -> int | None:
    """The campaign's discount for an audience size: its tier's level, else everyone's."""
    levels = levels_of(session, campaign_id)
    tier = tier_for(followers)
    if tier is not None and tier.value in levels:
        return levels[tier.value]
    return levels.get(EVERYONE)


def discount_warning(
    session: Session, *, campaign_id: int, creator: Creator, code: PromoCode, deal_id: int | None
) -> Message | None:
    """A warning when `code` offers another discount than the creator's tier gets elsewhere."""
    offered = code.percent_off if code.kind == "percent" else None
    tier = tier_for(creator.followers)
    tier_name = tier.value if tier else "unknown"
    expected = level_for(session, campaign_id, creator.followers)
    source = "level"
    if expected is None:
        rows = session.execute(
            select(PromoCode.percent_off, Creator.followers)
            .join(Deal, Deal.promo_code_id == PromoCode.id)
            .join(Creator, Creator.id == Deal.creator_id)
            .where(Deal.campaign_id == campaign_id, PromoCode.kind == "percent")
            .where(Deal.id != (deal_id or 0), Deal.status != "cancelled")
        ).all()
        same_tier = [p for p, f in rows if p is not None and tier_for(f) == tier]
        if not same_tier:
            return None
        expected, _ = Counter(same_tier).most_common(1)[0]
        source = "peers"
    if offered == expected:
        return None
    return Message(
        f"deal.warning.discount_{source}",
        {"code": code.code, "offered": offered or 0, "expected": expected, "tier": tier_name},
    )
