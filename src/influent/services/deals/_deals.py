"""Deals: proposing one, the negotiation (offers and counter-offers), and its status history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from influent.domain.deals import PARTIES, check_transition
from influent.domain.money import Money, MoneyError, parse_money
from influent.domain.platforms import Platform
from influent.services.campaigns import checked_landing, get_campaign
from influent.services.deals._codes import Discount, check_discount, create_code
from influent.services.deals._discounts import discount_warning, level_for
from influent.services.deals._errors import DealError
from influent.services.deals._pricing import check_format, estimate_for
from influent.store.deal_models import Deal, DealEvent, Deliverable, PromoCode
from influent.store.models import Creator


@dataclass(frozen=True, slots=True)
class DeliverableIn:
    """One line of a proposal: `quantity` x `format` on `platform` (the main account's if None)."""

    format: str
    quantity: int = 1
    platform: str | None = None
    due_on: date | None = None
    story_link: bool = False
    creative_freedom: str | None = None


@dataclass(frozen=True, slots=True)
class CodeIn:
    """The promo code of a deal: given (`code`) or made from the creator's name."""

    code: str | None = None
    percent: int | None = None
    amount: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    usage_limit: int | None = None


def _money(text: str | None, currency: str, code: str) -> Money | None:
    """An amount typed by a person; an unreadable one is refused with `code`."""
    if text is None or not str(text).strip():
        return None
    try:
        return parse_money(text, default_currency=currency)
    except MoneyError as error:
        if error.code == "money.error.amount":
            raise DealError(code, text=str(text).strip()) from None
        raise


def _check_deliverables(items: Sequence[DeliverableIn], creator: Creator) -> list[Deliverable]:
    if not items:
        raise DealError("deal.error.no_deliverable")
    platforms = {a.platform for a in creator.accounts}
    rows = []
    for item in items:
        fmt = check_format(item.format)
        if item.quantity < 1:
            raise DealError("deal.error.quantity", quantity=item.quantity)
        platform = (item.platform or "").strip().lower() or None
        if platform is not None and platform not in {p.value for p in Platform}:
            raise DealError("deal.error.platform", platform=platform)
        if platform is None:
            main = max(creator.accounts, key=lambda a: a.followers or 0, default=None)
            platform = main.platform if main else (creator.platform or "instagram")
        elif platforms and platform not in platforms:
            raise DealError("deal.error.no_account", name=creator.name, platform=platform)
        rows.append(
            Deliverable(
                platform=platform,
                format=fmt,
                quantity=item.quantity,
                due_on=item.due_on,
                story_link=item.story_link and fmt == "story",
                creative_freedom=(item.creative_freedom or "").strip() or None,
            )
        )
    return rows


def _creator(session: Session, workspace_id: int, creator_id: int) -> Creator:
    creator = session.scalar(
        select(Creator)
        .where(Creator.id == creator_id, Creator.workspace_id == workspace_id)
        .options(selectinload(Creator.accounts))
    )
    if creator is None:
        raise DealError("deal.error.creator_not_found", ref=str(creator_id))
    return creator


def _estimate(
    session: Session, workspace_id: int, creator: Creator, rows: list[Deliverable]
) -> tuple[int, int, int] | None:
    total = [0.0, 0.0, 0.0]
    for row in rows:
        try:
            estimate, _ = estimate_for(
                session,
                workspace_id=workspace_id,
                creator=creator,
                fmt=row.format,
                platform=row.platform,
                story_link=row.story_link,
            )
        except DealError:
            return None
        for i, value in enumerate((estimate.low, estimate.point, estimate.high)):
            total[i] += value * row.quantity
    low, point, high = (round(v * 100) for v in total)
    return low, point, high


def create_deal(
    session: Session,
    *,
    workspace_id: int,
    campaign_id: int,
    creator_id: int,
    deliverables: Sequence[DeliverableIn],
    fee: str,
    gifted_value: str | None = None,
    commission_per_order: str | None = None,
    landing_url: str | None = None,
    code: CodeIn | None = None,
    discount_reason: str | None = None,
    author_id: int | None = None,
) -> Deal:
    """A proposed deal, priced against the fair-price estimate; nothing is written on refusal."""
    campaign = get_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
    creator = _creator(session, workspace_id, creator_id)
    rows = _check_deliverables(deliverables, creator)
    price = _money(fee, campaign.currency, "deal.error.fee")
    if price is None:
        raise DealError("deal.error.fee", text="")
    gifted = _money(gifted_value, price.currency, "deal.error.gifted")
    commission = _money(commission_per_order, price.currency, "deal.error.commission")
    discount: Discount | None = None
    if code is not None:
        amount = _money(code.amount, price.currency, "deal.error.amount_off")
        percent = code.percent
        if percent is None and amount is None:
            percent = level_for(session, campaign.id, creator.followers)
            if percent is None:
                raise DealError("deal.error.discount_needed", campaign=campaign.name)
        discount = check_discount(
            percent=percent,
            amount_minor=amount.minor if amount else None,
            currency=amount.currency if amount else price.currency,
        )
    estimate = _estimate(session, workspace_id, creator, rows)
    deal = Deal(
        workspace_id=workspace_id,
        campaign_id=campaign.id,
        creator_id=creator.id,
        status="proposed",
        fee_minor=price.minor,
        currency=price.currency,
        gifted_value_minor=gifted.minor if gifted else None,
        commission_per_order_minor=commission.minor if commission else None,
        landing_url=checked_landing(landing_url, DealError) or campaign.landing_url,
        estimate_low_minor=estimate[0] if estimate else None,
        estimate_point_minor=estimate[1] if estimate else None,
        estimate_high_minor=estimate[2] if estimate else None,
        deliverables=rows,
    )
    if code is not None and discount is not None:
        promo = create_code(
            session,
            workspace_id=workspace_id,
            discount=discount,
            code=code.code,
            creator=creator,
            campaign_id=campaign.id,
            starts_on=code.starts_on or campaign.starts_on,
            ends_on=code.ends_on or campaign.ends_on,
            usage_limit=code.usage_limit,
        )
        _keep_discount(session, deal, creator, promo, discount_reason)
    session.add(deal)
    session.flush()
    deal.events.append(DealEvent(kind="status", to_status="proposed", author_id=author_id))
    deal.events.append(
        DealEvent(
            kind="offer",
            party="brand",
            fee_minor=price.minor,
            currency=price.currency,
            author_id=author_id,
        )
    )
    session.flush()
    return deal


def _keep_discount(
    session: Session, deal: Deal, creator: Creator, promo: PromoCode, reason: str | None
) -> None:
    warning = discount_warning(
        session, campaign_id=deal.campaign_id, creator=creator, code=promo, deal_id=deal.id
    )
    if warning is not None:
        if not (reason or "").strip():
            raise DealError("deal.error.discount_reason", **warning.params)
        deal.discount_reason = (reason or "").strip()
    deal.promo_code = promo
    deal.promo_code_id = promo.id


def attach_code(
    session: Session,
    *,
    workspace_id: int,
    deal_id: int,
    code: CodeIn,
    discount_reason: str | None = None,
) -> Deal:
    """Give a deal its promo code (the campaign's level for the creator's tier by default)."""
    deal = get_deal(session, workspace_id=workspace_id, deal_id=deal_id)
    creator = _creator(session, workspace_id, deal.creator_id)
    campaign = get_campaign(session, workspace_id=workspace_id, campaign_id=deal.campaign_id)
    amount = _money(code.amount, deal.currency, "deal.error.amount_off")
    percent = code.percent
    if percent is None and amount is None:
        percent = level_for(session, campaign.id, creator.followers)
        if percent is None:
            raise DealError("deal.error.discount_needed", campaign=campaign.name)
    discount = check_discount(
        percent=percent,
        amount_minor=amount.minor if amount else None,
        currency=amount.currency if amount else deal.currency,
    )
    promo = create_code(
        session,
        workspace_id=workspace_id,
        discount=discount,
        code=code.code,
        creator=creator,
        campaign_id=campaign.id,
        starts_on=code.starts_on or campaign.starts_on,
        ends_on=code.ends_on or campaign.ends_on,
        usage_limit=code.usage_limit,
    )
    _keep_discount(session, deal, creator, promo, discount_reason)
    session.flush()
    return deal


def get_deal(session: Session, *, workspace_id: int, deal_id: int) -> Deal:
    deal = session.scalar(
        select(Deal)
        .where(Deal.id == deal_id, Deal.workspace_id == workspace_id)
        .options(selectinload(Deal.deliverables), selectinload(Deal.events))
    )
    if deal is None:
        raise DealError("deal.error.not_found", ref=str(deal_id))
    return deal


def list_deals(
    session: Session,
    *,
    workspace_id: int,
    campaign_id: int | None = None,
    creator_id: int | None = None,
    status: str | None = None,
) -> list[Deal]:
    query = (
        select(Deal)
        .where(Deal.workspace_id == workspace_id)
        .options(selectinload(Deal.deliverables), selectinload(Deal.events))
        .order_by(Deal.created_at.desc(), Deal.id.desc())
    )
    if campaign_id is not None:
        query = query.where(Deal.campaign_id == campaign_id)
    if creator_id is not None:
        query = query.where(Deal.creator_id == creator_id)
    if status is not None:
        query = query.where(Deal.status == status)
    return list(session.scalars(query))


def record_offer(
    session: Session,
    *,
    workspace_id: int,
    deal_id: int,
    party: str,
    fee: str,
    note: str | None = None,
    author_id: int | None = None,
) -> Deal:
    """An offer or counter-offer; the deal's fee becomes the latest one."""
    deal = get_deal(session, workspace_id=workspace_id, deal_id=deal_id)
    if party not in PARTIES:
        raise DealError("deal.error.party", party=party, known=", ".join(PARTIES))
    if deal.status != "proposed":
        raise DealError("deal.error.offer_closed", status=deal.status)
    price = _money(fee, deal.currency, "deal.error.fee")
    if price is None:
        raise DealError("deal.error.fee", text="")
    if price.currency != deal.currency:
        raise DealError("deal.error.offer_currency", currency=price.currency, deal=deal.currency)
    deal.fee_minor = price.minor
    deal.events.append(
        DealEvent(
            kind="offer",
            party=party,
            fee_minor=price.minor,
            currency=price.currency,
            note=(note or "").strip() or None,
            author_id=author_id,
        )
    )
    session.flush()
    return deal


def change_status(
    session: Session,
    *,
    workspace_id: int,
    deal_id: int,
    status: str,
    note: str | None = None,
    author_id: int | None = None,
) -> Deal:
    deal = get_deal(session, workspace_id=workspace_id, deal_id=deal_id)
    target = status.strip().lower()
    check_transition(deal.status, target)
    deal.events.append(
        DealEvent(
            kind="status",
            from_status=deal.status,
            to_status=target,
            note=(note or "").strip() or None,
            author_id=author_id,
        )
    )
    deal.status = target
    session.flush()
    return deal
