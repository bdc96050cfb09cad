"""Each creator's private page for a campaign: their own numbers, nothing about anyone else.

The link carries an unguessable token (256 random bits); only its SHA-256 is stored, so a
leaked database does not leak the links. Revoking a creator's links ends them at once. Every
figure on the page is read with the link's workspace, campaign and creator as the only keys.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from influent.domain.messages import MessageError
from influent.store.campaign_models import Campaign
from influent.store.models import Creator
from influent.store.order_models import OrderRollup, PortalLink

__all__ = [
    "PortalDay",
    "PortalError",
    "PortalView",
    "create_portal_link",
    "open_portal",
    "revoke_portal_links",
]

_PREFIX = "p_"


class PortalError(MessageError):
    """No such portal link, or it was revoked (shown as a plain 404)."""


@dataclass(frozen=True, slots=True)
class PortalDay:
    day: date
    orders: int
    revenue_minor: int


@dataclass(frozen=True, slots=True)
class PortalView:
    creator_name: str
    language: str | None
    campaign_name: str
    currency: str
    orders: int
    revenue_minor: int
    refunded_minor: int
    days: tuple[PortalDay, ...]

    @property
    def net_minor(self) -> int:
        return self.revenue_minor - self.refunded_minor


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_portal_link(
    session: Session, *, workspace_id: int, campaign_id: int, creator_id: int
) -> str:
    """A new link token for this creator and campaign; shown once, stored only as a hash."""
    campaign = session.get(Campaign, campaign_id)
    creator = session.get(Creator, creator_id)
    if (
        campaign is None
        or creator is None
        or campaign.workspace_id != workspace_id
        or creator.workspace_id != workspace_id
    ):
        raise PortalError("portal.error.unknown")
    token = _PREFIX + secrets.token_urlsafe(32)
    session.add(
        PortalLink(
            workspace_id=workspace_id,
            campaign_id=campaign_id,
            creator_id=creator_id,
            token_hash=_hash(token),
        )
    )
    session.flush()
    return token


def revoke_portal_links(
    session: Session, *, workspace_id: int, campaign_id: int, creator_id: int
) -> int:
    """End every live link of this creator for this campaign; returns how many."""
    result = session.execute(
        update(PortalLink)
        .where(
            PortalLink.workspace_id == workspace_id,
            PortalLink.campaign_id == campaign_id,
            PortalLink.creator_id == creator_id,
            PortalLink.revoked_at.is_(None),
        )
        .values(revoked_at=datetime.now(UTC))
    )
    return int(getattr(result, "rowcount", 0) or 0)


def open_portal(session: Session, token: str) -> PortalView:
    """The page behind a token; PortalError for an unknown or revoked one."""
    if not token.startswith(_PREFIX) or len(token) > 100:
        raise PortalError("portal.error.unknown")
    link = session.scalar(
        select(PortalLink).where(
            PortalLink.token_hash == _hash(token), PortalLink.revoked_at.is_(None)
        )
    )
    if link is None:
        raise PortalError("portal.error.unknown")
    campaign = session.get(Campaign, link.campaign_id)
    creator = session.get(Creator, link.creator_id)
    assert campaign is not None and creator is not None  # cascades remove links with them
    mine = (
        OrderRollup.workspace_id == link.workspace_id,
        OrderRollup.campaign_id == link.campaign_id,
        OrderRollup.creator_id == link.creator_id,
        OrderRollup.currency == campaign.currency,
    )
    rows = session.execute(
        select(
            OrderRollup.day,
            func.sum(OrderRollup.orders),
            func.sum(OrderRollup.revenue_minor),
            func.sum(OrderRollup.refunded_minor),
        )
        .where(*mine)
        .group_by(OrderRollup.day)
        .order_by(OrderRollup.day)
    ).all()
    days = tuple(PortalDay(day, int(o), int(r) - int(f)) for day, o, r, f in rows)
    return PortalView(
        creator_name=creator.name,
        language=creator.language,
        campaign_name=campaign.name,
        currency=campaign.currency,
        orders=sum(int(o) for _, o, _, _ in rows),
        revenue_minor=sum(int(r) for _, _, r, _ in rows),
        refunded_minor=sum(int(f) for _, _, _, f in rows),
        days=days,
    )
