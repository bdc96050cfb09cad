"""Deals in the JSON API under /api/v1 (Bearer tokens): deals, their moves, and fair prices."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from pydantic import Field as Spec

from influent.domain.messages import MessageError
from influent.services import deals as service
from influent.services.creators import NotFound, get_creator
from influent.services.i18n import Translator
from influent.web.api_errors import ERRORS, ApiRefusal
from influent.web.deps import ApiActor, ApiEditor, RowId, SessionDep, SettingsDep

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)


class CodeOut(BaseModel):
    code: str
    kind: str = Spec(description="percent or fixed")
    percent_off: int | None
    amount_off: float | None
    currency: str
    starts_on: date | None
    ends_on: date | None
    usage_limit: int | None
    times_used: int
    state: str = Spec(description="scheduled, active, expired or exhausted")
    campaign: str | None
    creator: str | None


class DeliverableOut(BaseModel):
    platform: str
    format: str
    quantity: int
    due_on: date | None
    story_link: bool
    creative_freedom: str | None


class EventOut(BaseModel):
    kind: str = Spec(description="status or offer")
    at: datetime
    from_status: str | None
    to_status: str | None
    party: str | None
    fee: float | None
    currency: str | None
    note: str | None
    author: str | None


class DealLinkOut(BaseModel):
    key: str
    path: str = Spec(description="The short link's path on the redirect host: /r/{key}.")
    destination: str = Spec(description="Where the redirect sends, UTM parameters included.")
    clicks_human: int


class DealOut(BaseModel):
    id: int
    status: str
    campaign_id: int
    campaign: str
    creator_id: int
    creator: str
    creator_language: str
    handle: str | None
    fee: float = Spec(description="In major units of `currency` (euros, not cents).")
    currency: str
    gifted_value: float | None
    commission_per_order: float | None
    landing_url: str | None
    code: CodeOut | None
    deliverables: list[DeliverableOut]
    events: list[EventOut]
    estimate_low: float | None = Spec(description="EUR, for all deliverables.")
    estimate_point: float | None
    estimate_high: float | None
    position: str | None = Spec(description="below, within or above the estimate's range.")
    discount_reason: str | None
    created_at: datetime
    links: list[DealLinkOut] = Spec(
        description="Tracked links of the deal's creator in the deal's campaign."
    )


class PriceOut(BaseModel):
    low: int
    point: int
    high: int
    currency: str
    basis: list[str] = Spec(description="Why: one sentence per step of the estimate.")


class DealIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    campaign_id: int
    creator_id: int
    format: str
    quantity: int = 1
    fee: str = Spec(description='As typed: "1 200 €", "1,200.50 EUR", "€1200".')
    platform: str | None = None
    story_link: bool = False
    creative_freedom: str | None = None
    code: str | None = None
    percent: int | None = None
    discount_reason: str | None = None


class StatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str
    note: str | None = None


class OfferIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    party: str = "creator"
    fee: str
    note: str | None = None


def _refusal(error: MessageError, locale: str) -> JSONResponse:
    message = service.say(Translator(locale), error.message)
    refusal = ApiRefusal(status.HTTP_422_UNPROCESSABLE_CONTENT, error.code, message)
    return JSONResponse(refusal.body(), status_code=refusal.status_code)


def _out(session: SessionDep, workspace_id: int, deal_id: int) -> DealOut:
    try:
        view = service.deal_view(
            session, service.get_deal(session, workspace_id=workspace_id, deal_id=deal_id)
        )
    except service.DealError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No deal #{deal_id}.") from None
    return DealOut.model_validate(_fields(view))


def _fields(view: service.DealView) -> dict[str, Any]:
    data: dict[str, Any] = {k: getattr(view, k) for k in view.__dataclass_fields__}
    data["code"] = None if view.code is None else service.code_json(view.code)
    data["deliverables"] = [
        {k: getattr(d, k) for k in d.__dataclass_fields__} for d in view.deliverables
    ]
    data["events"] = [{k: getattr(e, k) for k in e.__dataclass_fields__} for e in view.events]
    data["links"] = [{k: getattr(x, k) for k in x.__dataclass_fields__} for x in view.links]
    return data


@router.get("/deals", response_model=list[DealOut])
def list_deals(
    session: SessionDep,
    actor: ApiActor,
    campaign_id: int | None = None,
    creator_id: int | None = None,
    status_: Annotated[str | None, Query(alias="status")] = None,
) -> list[DealOut]:
    deals = service.list_deals(
        session,
        workspace_id=actor.workspace_id,
        campaign_id=campaign_id,
        creator_id=creator_id,
        status=status_,
    )
    return [DealOut.model_validate(_fields(service.deal_view(session, d))) for d in deals]


@router.get("/deals/{deal_id}", response_model=DealOut)
def get_deal(session: SessionDep, actor: ApiActor, deal_id: RowId) -> DealOut:
    return _out(session, actor.workspace_id, deal_id)


@router.post("/deals", response_model=DealOut, status_code=201)
def create_deal(
    session: SessionDep, actor: ApiEditor, settings: SettingsDep, body: DealIn, locale: str = "en"
) -> DealOut | JSONResponse:
    wants_code = body.code is not None or body.percent is not None
    try:
        with session.begin_nested():
            deal = service.create_deal(
                session,
                workspace_id=actor.workspace_id,
                campaign_id=body.campaign_id,
                creator_id=body.creator_id,
                deliverables=[
                    service.DeliverableIn(
                        body.format,
                        body.quantity,
                        body.platform,
                        story_link=body.story_link,
                        creative_freedom=body.creative_freedom,
                    )
                ],
                fee=body.fee,
                code=service.CodeIn(code=body.code, percent=body.percent) if wants_code else None,
                discount_reason=body.discount_reason,
                author_id=actor.user_id,
            )
    except MessageError as error:
        return _refusal(error, locale if locale in ("en", "fr") else settings.default_locale)
    return _out(session, actor.workspace_id, deal.id)


@router.post("/deals/{deal_id}/status", response_model=DealOut)
def move_deal(
    session: SessionDep, actor: ApiEditor, deal_id: RowId, body: StatusIn, locale: str = "en"
) -> DealOut | JSONResponse:
    _out(session, actor.workspace_id, deal_id)
    try:
        with session.begin_nested():
            service.change_status(
                session,
                workspace_id=actor.workspace_id,
                deal_id=deal_id,
                status=body.status,
                note=body.note,
                author_id=actor.user_id,
            )
    except MessageError as error:
        return _refusal(error, locale)
    return _out(session, actor.workspace_id, deal_id)


@router.post("/deals/{deal_id}/offers", response_model=DealOut)
def offer(
    session: SessionDep, actor: ApiEditor, deal_id: RowId, body: OfferIn, locale: str = "en"
) -> DealOut | JSONResponse:
    _out(session, actor.workspace_id, deal_id)
    try:
        with session.begin_nested():
            service.record_offer(
                session,
                workspace_id=actor.workspace_id,
                deal_id=deal_id,
                party=body.party,
                fee=body.fee,
                note=body.note,
                author_id=actor.user_id,
            )
    except MessageError as error:
        return _refusal(error, locale)
    return _out(session, actor.workspace_id, deal_id)


@router.get("/creators/{creator_id}/price", response_model=PriceOut)
def price(
    session: SessionDep,
    actor: ApiActor,
    creator_id: RowId,
    format: str = "post",
    quantity: int = 1,
    platform: str | None = None,
    link: bool = False,
    locale: str = "en",
) -> PriceOut | JSONResponse:
    """The fair price of a creator's deliverable: a range, a point value (EUR) and why."""
    try:
        creator = get_creator(session, workspace_id=actor.workspace_id, creator_id=creator_id)
    except NotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No creator #{creator_id}.") from None
    tr = Translator(locale if locale in ("en", "fr") else "en")
    if quantity < 1:
        return _refusal(service.DealError("deal.error.quantity", quantity=quantity), tr.locale)
    try:
        estimate, _ = service.estimate_for(
            session,
            workspace_id=actor.workspace_id,
            creator=creator,
            fmt=format,
            platform=platform,
            story_link=link,
        )
    except MessageError as error:
        return _refusal(error, tr.locale)
    return PriceOut.model_validate(service.estimate_json(estimate, tr, quantity))
