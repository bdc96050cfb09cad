"""Promo codes: readable, unique in the workspace, with a discount, dates and a usage limit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.domain.deals import CodeBook, check_code, code_base, code_state
from influent.domain.money import check_currency
from influent.services.campaigns import get_campaign
from influent.services.deals._discounts import level_for
from influent.services.deals._errors import DealError
from influent.store.deal_models import Deal, PromoCode
from influent.store.models import Creator

KINDS = ("percent", "fixed")


@dataclass(frozen=True, slots=True)
class Discount:
    """What a code takes off: a whole percentage, or a fixed amount in minor units."""

    kind: str
    percent_off: int | None = None
    amount_off_minor: int | None = None
    currency: str = "EUR"

    @property
    def label_value(self) -> int | None:
        """The number written in a readable code (15 for 15 %, 10 for EUR 10)."""
        if self.kind == "percent":
            return self.percent_off
        return None if self.amount_off_minor is None else self.amount_off_minor // 100


def check_discount(
    *, percent: int | None = None, amount_minor: int | None = None, currency: str = "EUR"
) -> Discount:
    if (percent is None) == (amount_minor is None):
        raise DealError("deal.error.discount_one")
    if percent is not None:
        if not 1 <= percent <= 100:
            raise DealError("deal.error.percent", percent=percent)
        return Discount("percent", percent_off=percent, currency=check_currency(currency))
    assert amount_minor is not None
    if amount_minor <= 0:
        raise DealError("deal.error.amount_off")
    return Discount("fixed", amount_off_minor=amount_minor, currency=check_currency(currency))


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise DealError("deal.error.code_dates", starts=starts_on, ends=ends_on)


def taken_codes(session: Session, workspace_id: int) -> CodeBook:
    return CodeBook.of(
        session.scalars(select(PromoCode.code).where(PromoCode.workspace_id == workspace_id))
    )


def create_code(
    session: Session,
    *,
    workspace_id: int,
    discount: Discount,
    code: str | None = None,
    creator: Creator | None = None,
    campaign_id: int | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    usage_limit: int | None = None,
    book: CodeBook | None = None,
) -> PromoCode:
    """A new code: the one given (refused if taken), else one made from the creator's name."""
    _check_dates(starts_on, ends_on)
    if usage_limit is not None and usage_limit < 1:
        raise DealError("deal.error.usage_limit")
    if code is not None:
        wanted = check_code(code)
        exists = session.scalar(
            select(func.count())
            .select_from(PromoCode)
            .where(PromoCode.workspace_id == workspace_id, PromoCode.code == wanted)
        )
        if exists:
            raise DealError("deal.error.code_taken", code=wanted)
        if book is not None:
            book.taken.add(wanted)
    else:
        book = book or taken_codes(session, workspace_id)
        wanted = book.issue(code_base(creator.name if creator else "", discount.label_value))
    row = PromoCode(
        workspace_id=workspace_id,
        campaign_id=campaign_id,
        creator_id=creator.id if creator else None,
        code=wanted,
        kind=discount.kind,
        percent_off=discount.percent_off,
        amount_off_minor=discount.amount_off_minor,
        currency=discount.currency,
        starts_on=starts_on,
        ends_on=ends_on,
        usage_limit=usage_limit,
        times_used=0,
    )
    session.add(row)
    session.flush()
    return row


def state_of(code: PromoCode, today: date | None = None) -> str:
    return code_state(
        today=today or date.today(),
        starts_on=code.starts_on,
        ends_on=code.ends_on,
        usage_limit=code.usage_limit,
        times_used=code.times_used,
    )


def generate_campaign_codes(
    session: Session,
    *,
    workspace_id: int,
    campaign_id: int,
    discount: Discount | None = None,
    usage_limit: int | None = None,
) -> list[PromoCode]:
    """A code for every deal of the campaign that has none; dates from the campaign.

    Without `discount`, each deal gets its campaign's level for the creator's tier.
    """
    campaign = get_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
    _check_dates(campaign.starts_on, campaign.ends_on)
    deals = session.scalars(
        select(Deal)
        .where(Deal.campaign_id == campaign.id, Deal.promo_code_id.is_(None))
        .order_by(Deal.id)
    ).all()
    book = taken_codes(session, workspace_id)
    made: list[PromoCode] = []
    for deal in deals:
        creator = session.get(Creator, deal.creator_id)
        chosen = discount
        if chosen is None:
            percent = level_for(session, campaign.id, creator.followers if creator else None)
            if percent is None:
                raise DealError("deal.error.no_level", campaign=campaign.name)
            chosen = Discount("percent", percent_off=percent, currency=campaign.currency)
        code = create_code(
            session,
            workspace_id=workspace_id,
            discount=chosen,
            creator=creator,
            campaign_id=campaign.id,
            starts_on=campaign.starts_on,
            ends_on=campaign.ends_on,
            usage_limit=usage_limit,
            book=book,
        )
        deal.promo_code_id = code.id
        made.append(code)
    session.flush()
    return made


def campaign_codes(session: Session, *, workspace_id: int, campaign_id: int) -> Sequence[PromoCode]:
    return session.scalars(
        select(PromoCode)
        .where(PromoCode.workspace_id == workspace_id, PromoCode.campaign_id == campaign_id)
        .order_by(PromoCode.code)
    ).all()
