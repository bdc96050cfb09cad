"""The fair price of a creator's deliverables, from the creator's own vetted numbers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.deals import AGREED
from influent.domain.messages import Message
from influent.domain.metrics import EngagementBasis
from influent.domain.pricing import FORMATS, PastDeal, PriceEstimate, PriceRequest, estimate_price
from influent.services.deals._errors import DealError
from influent.services.vetting import audit_creator
from influent.store.deal_models import Deal
from influent.store.models import Account, Creator


@dataclass(frozen=True, slots=True)
class Audience:
    """The numbers a price rests on, for one account of the creator."""

    platform: str
    handle: str
    followers: int
    engagement_rate: float | None
    median_views: int | None
    quality_score: int | None


def audience_of(
    session: Session, *, workspace_id: int, creator: Creator, platform: str | None
) -> Audience:
    """The creator's account on `platform` (else the main one), with its vetted figures."""
    accounts = [a for a in creator.accounts if platform is None or a.platform == platform]
    if not accounts:
        raise DealError("deal.error.no_account", name=creator.name, platform=platform or "")
    account: Account = max(accounts, key=lambda a: a.followers or 0)
    audit = audit_creator(session, workspace_id=workspace_id, creator_id=creator.id)
    found = next((a for a in audit.accounts if a.account.id == account.id), None)
    followers = account.followers
    rate = account.engagement_rate
    views: int | None = None
    score: int | None = None
    if found is not None:
        followers = found.followers or followers
        if found.engagement.value is not None and found.engagement.basis in (
            EngagementBasis.FOLLOWERS,
            EngagementBasis.VIEWS,
        ):
            rate = found.engagement.value
        median = found.averages.views.median
        views = round(median) if median is not None else None
        score = found.quality.score
    if not followers:
        raise DealError("deal.error.no_audience", name=creator.name)
    return Audience(account.platform, account.handle, followers, rate, views, score)


def past_deals(session: Session, *, workspace_id: int) -> list[PastDeal]:
    """The workspace's agreed deals in EUR, each against the estimate it had when priced."""
    rows = session.execute(
        select(Deal.fee_minor, Deal.estimate_point_minor).where(
            Deal.workspace_id == workspace_id,
            Deal.status.in_(sorted(AGREED)),
            Deal.currency == "EUR",
            Deal.estimate_point_minor.is_not(None),
        )
    ).all()
    return [PastDeal(fee=fee / 100, estimate=(point or 0) / 100) for fee, point in rows]


def check_format(fmt: str) -> str:
    value = fmt.strip().lower().replace("-", "_").replace(" ", "_")
    if value not in FORMATS:
        raise DealError("deal.error.format", format=fmt, known=", ".join(FORMATS))
    return value


def estimate_for(
    session: Session,
    *,
    workspace_id: int,
    creator: Creator,
    fmt: str,
    platform: str | None = None,
    story_link: bool = False,
    refit: bool = True,
) -> tuple[PriceEstimate, Audience]:
    """The estimate for one unit of `fmt` by this creator, re-fitted on the workspace's deals."""
    audience = audience_of(session, workspace_id=workspace_id, creator=creator, platform=platform)
    request = PriceRequest(
        platform=audience.platform,
        format=check_format(fmt),
        followers=audience.followers,
        engagement_rate=audience.engagement_rate,
        median_views=audience.median_views,
        quality_score=audience.quality_score,
        story_link=story_link,
    )
    past = past_deals(session, workspace_id=workspace_id) if refit else []
    estimate = estimate_price(request, past)
    head = Message(
        "pricing.basis.account",
        {
            "platform": audience.platform,
            "handle": audience.handle,
            "followers": audience.followers,
            "count": audience.followers,
        },
    )
    return (
        PriceEstimate(
            estimate.low, estimate.point, estimate.high, estimate.currency, (head, *estimate.basis)
        ),
        audience,
    )
