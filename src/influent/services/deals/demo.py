"""Demo deals for Maison Verte: every status, fees spread around the fair estimates, codes at
the campaigns' levels, and one discount that departs from its tier, kept with its reason."""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from influent.services.campaigns import CampaignError, create_campaign, find_campaign
from influent.services.deals._deals import (
    CodeIn,
    DeliverableIn,
    change_status,
    create_deal,
    record_offer,
)
from influent.services.deals._discounts import set_levels
from influent.services.deals._errors import DealError
from influent.services.deals._pricing import estimate_for
from influent.store.campaign_models import Campaign
from influent.store.deal_models import Deal
from influent.store.models import Creator

__all__ = ["seed_deals"]

# Where each demo deal ends up; every status appears, agreed ones most often.
_PATHS = (
    ("proposed",),
    ("proposed",),
    ("proposed",),
    ("accepted",),
    ("accepted",),
    ("accepted", "live"),
    ("accepted", "live"),
    ("accepted", "live", "delivered"),
    ("accepted", "live", "delivered"),
    ("accepted", "live", "delivered", "paid"),
    ("accepted", "live", "delivered", "paid"),
    ("accepted", "live", "delivered", "paid"),
    ("cancelled",),
    ("accepted", "cancelled"),
)
_FORMATS = {
    "instagram": ("story", "post", "reel", "carousel"),
    "youtube": ("video_integration", "short"),
    "tiktok": ("short",),
}
_REASON = (
    "Créatrice à l’origine de la formule du sérum : 25 % négociés pour le lancement, "
    "validé par Camille."
)


def _campaign(
    session: Session, workspace_id: int, name: str, starts: date, ends: date, brief: str
) -> Campaign:
    try:
        return find_campaign(session, workspace_id=workspace_id, ref=name)
    except CampaignError:
        return create_campaign(
            session,
            workspace_id=workspace_id,
            name=name,
            starts_on=starts,
            ends_on=ends,
            budget_minor=1_500_000,
            currency="EUR",
            brief=brief,
            landing_url="https://maisonverte.fr/" + ("serum" if "sérum" in name else "hiver"),
        )


def _creators(session: Session, workspace_id: int, count: int, rng: random.Random) -> list[Creator]:
    rows = session.scalars(
        select(Creator)
        .where(
            Creator.workspace_id == workspace_id,
            Creator.platform.in_(sorted(_FORMATS)),
            Creator.followers.is_not(None),
            # A small brand's creators: no celebrities, no one-figure fees.
            Creator.followers >= 5_000,
            Creator.followers < 600_000,
        )
        .order_by(Creator.id)
        .options(selectinload(Creator.accounts))
    ).all()
    chosen = list(rows)
    rng.shuffle(chosen)
    return chosen[:count]


def seed_deals(session: Session, *, workspace_id: int, today: date, seed: int = 42) -> int:
    """Deals in the demo workspace (deterministic for a seed); returns how many were made."""
    rng = random.Random(f"deals-{seed}")
    launch = _campaign(
        session,
        workspace_id,
        "Lancement sérum",
        today - timedelta(days=40),
        today + timedelta(days=20),
        "Lancement du sérum éclat à la vitamine C : une routine du matin, sans filtre.",
    )
    winter = _campaign(
        session,
        workspace_id,
        "Routine hiver",
        today - timedelta(days=150),
        today - timedelta(days=60),
        "La routine peaux sèches de l’hiver : baume, huile et crème riche.",
    )
    set_levels(
        session,
        workspace_id=workspace_id,
        campaign_id=launch.id,
        levels={"nano": 10, "micro": 10, "mid": 20, "macro": 20, "mega": 20},
    )
    set_levels(session, workspace_id=workspace_id, campaign_id=winter.id, levels={"all": 15})
    creators = _creators(session, workspace_id, len(_PATHS), rng)
    made = 0
    odd_one_done = False
    for index, (creator, path) in enumerate(zip(creators, _PATHS, strict=False)):
        campaign = winter if index % 3 == 2 else launch
        fmt = rng.choice(_FORMATS[creator.platform or "instagram"])
        quantity = 3 if fmt == "story" else 1
        try:
            estimate, _ = estimate_for(
                session,
                workspace_id=workspace_id,
                creator=creator,
                fmt=fmt,
                story_link=fmt == "story",
            )
        except DealError:
            continue
        # Asking prices scatter around the estimate (log-normal); two fall far outside it.
        spread = 2.6 if index == 4 else 0.35 if index == 9 else math.exp(rng.gauss(0, 0.3))
        fee = _round(estimate.point * quantity * spread)
        micro = 10_000 <= (creator.followers or 0) < 100_000
        odd = campaign is launch and micro and not odd_one_done
        code = CodeIn(percent=25 if odd else None, usage_limit=200 if index == 7 else None)
        deal = create_deal(
            session,
            workspace_id=workspace_id,
            campaign_id=campaign.id,
            creator_id=creator.id,
            deliverables=[
                DeliverableIn(
                    fmt,
                    quantity,
                    creator.platform,
                    due_on=(campaign.ends_on or today) - timedelta(days=7),
                    story_link=fmt == "story",
                    creative_freedom="Votre routine du matin, avec vos mots ; pas de script imposé.",
                )
            ],
            fee=f"{_round(fee * 0.8)} €",
            gifted_value="89 €" if fmt in ("story", "post") else None,
            commission_per_order="4 €" if index % 4 == 0 else None,
            code=code if path[0] != "cancelled" else None,
            discount_reason=_REASON if odd else None,
        )
        odd_one_done = odd_one_done or odd
        record_offer(
            session,
            workspace_id=workspace_id,
            deal_id=deal.id,
            party="creator",
            fee=f"{_round(fee * 1.15)} €",
            note="Tarif habituel, lien en story inclus." if index % 2 else None,
        )
        record_offer(
            session, workspace_id=workspace_id, deal_id=deal.id, party="brand", fee=f"{fee} €"
        )
        for status in (s for s in path if s != "proposed"):
            change_status(session, workspace_id=workspace_id, deal_id=deal.id, status=status)
        _backdate(deal, today, campaign, rng)
        if deal.promo_code is not None:
            limit = deal.promo_code.usage_limit
            used = 0 if deal.status == "proposed" else rng.randint(3, 140)
            deal.promo_code.times_used = min(used, limit) if limit else used
            if index == 7 and limit:
                deal.promo_code.times_used = limit
        made += 1
    session.flush()
    return made


def _round(amount: float) -> int:
    """A fee as people write it: to the ten euros under 500, to the fifty above."""
    step = 10 if amount < 500 else 50
    return max(step, round(amount / step) * step)


def _backdate(deal: Deal, today: date, campaign: Campaign, rng: random.Random) -> None:
    """Spread the history over the campaign, a few days between steps."""
    start = campaign.starts_on or today - timedelta(days=30)
    moment = datetime.combine(start - timedelta(days=rng.randint(5, 15)), time(9, 30), UTC)
    deal.created_at = moment
    for event in deal.events:
        moment += timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
        event.created_at = min(moment, datetime.combine(today, time(18), UTC))
    deal.updated_at = deal.events[-1].created_at if deal.events else moment
