"""Deals on the web: a campaign's deals, one deal with its fair range and negotiation,
and the deals section of a creator's page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from influent.domain.messages import MessageError
from influent.domain.pricing import FORMATS
from influent.services import deals as service
from influent.services.campaigns import CampaignError, get_campaign, list_campaigns
from influent.services.creators import NotFound, resolve_creator
from influent.services.i18n import Translator
from influent.web.deps import CurrentActor, EditorActor, RowId, SessionDep, TranslatorDep
from influent.web.templating import flash, render

__all__ = ["router"]

router = APIRouter()

STATUS_ACTIONS = {
    "proposed": ("accepted", "cancelled"),
    "accepted": ("live", "cancelled"),
    "live": ("delivered", "cancelled"),
    "delivered": ("paid",),
}


def _campaign(session: SessionDep, workspace_id: int, campaign_id: int) -> Any:
    try:
        return get_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
    except CampaignError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No campaign #{campaign_id}.") from None


def _deal(session: SessionDep, workspace_id: int, deal_id: int) -> service.DealView:
    try:
        return service.deal_view(
            session, service.get_deal(session, workspace_id=workspace_id, deal_id=deal_id)
        )
    except service.DealError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No deal #{deal_id}.") from None


def _helpers(tr: Translator) -> dict[str, Any]:
    return {"money": lambda amount, currency="EUR": service.money(tr, amount, currency)}


@router.get("/deals", response_class=HTMLResponse)
def deals_index(
    request: Request, session: SessionDep, actor: CurrentActor, tr: TranslatorDep
) -> HTMLResponse:
    campaigns = list_campaigns(session, workspace_id=actor.workspace_id)
    views = [
        service.deal_view(session, d)
        for d in service.list_deals(session, workspace_id=actor.workspace_id)
    ]
    return render(
        request,
        "deals/index.html",
        tr=tr,
        actor=actor,
        campaigns=campaigns,
        deals=views,
        **_helpers(tr),
    )


def _campaign_page(
    request: Request,
    session: SessionDep,
    actor: Any,
    tr: Translator,
    campaign_id: RowId,
    *,
    form: dict[str, str] | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    campaign = _campaign(session, actor.workspace_id, campaign_id)
    views = [
        service.deal_view(session, d)
        for d in service.list_deals(
            session, workspace_id=actor.workspace_id, campaign_id=campaign.id
        )
    ]
    return render(
        request,
        "deals/campaign.html",
        tr=tr,
        actor=actor,
        campaign=campaign,
        deals=views,
        levels=service.levels_of(session, campaign.id),
        formats=FORMATS,
        form=form or {"format": "story", "quantity": "1"},
        error=error,
        status_code=status_code,
        **_helpers(tr),
    )


@router.get("/campaigns/{campaign_id}/deals", response_class=HTMLResponse)
def campaign_deals(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign_id: RowId,
) -> HTMLResponse:
    return _campaign_page(request, session, actor, tr, campaign_id)


@router.get("/campaigns/{campaign_id}/deals/price", response_class=HTMLResponse)
def price_preview(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign_id: RowId,
    creator: str = "",
    format: str = "story",
    quantity: int = 1,
    link: str = "",
) -> HTMLResponse:
    """The fair range of what the form describes, shown while the deal is being written."""
    _campaign(session, actor.workspace_id, campaign_id)
    estimate: dict[str, Any] | None = None
    error = None
    if creator.strip():
        try:
            found = resolve_creator(session, workspace_id=actor.workspace_id, ref=creator)
            result, _ = service.estimate_for(
                session,
                workspace_id=actor.workspace_id,
                creator=found,
                fmt=format,
                story_link=bool(link),
            )
            estimate = service.estimate_json(result, tr, max(quantity, 1))
        except MessageError as refused:
            error = service.say(tr, refused.message)
        except NotFound as missing:
            error = tr.say(missing.message)
    return render(
        request, "deals/_price.html", tr=tr, estimate=estimate, error=error, **_helpers(tr)
    )


@router.post("/campaigns/{campaign_id}/deals", response_model=None)
def create_deal(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    campaign_id: RowId,
    creator: Annotated[str, Form()],
    format: Annotated[str, Form()],
    fee: Annotated[str, Form()],
    quantity: Annotated[str, Form()] = "1",
    percent: Annotated[str, Form()] = "",
    code: Annotated[str, Form()] = "",
    link: Annotated[str, Form()] = "",
    freedom: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    form = {
        "creator": creator,
        "format": format,
        "fee": fee,
        "quantity": quantity,
        "percent": percent,
        "code": code,
        "freedom": freedom,
        "reason": reason,
    }
    campaign = _campaign(session, actor.workspace_id, campaign_id)
    try:
        count = int(quantity.strip() or "1")
    except ValueError:
        count = 0
    try:
        percent_off = int(percent.strip().rstrip("%").strip()) if percent.strip() else None
    except ValueError:
        percent_off = 0
    try:
        with session.begin_nested():
            found = resolve_creator(session, workspace_id=actor.workspace_id, ref=creator)
            wants_code = bool(code.strip()) or percent_off is not None
            deal = service.create_deal(
                session,
                workspace_id=actor.workspace_id,
                campaign_id=campaign.id,
                creator_id=found.id,
                deliverables=[
                    service.DeliverableIn(
                        format, count, story_link=bool(link), creative_freedom=freedom
                    )
                ],
                fee=fee,
                code=service.CodeIn(code=code.strip() or None, percent=percent_off)
                if wants_code
                else None,
                discount_reason=reason,
                author_id=actor.user_id,
            )
    except MessageError as refused:
        return _campaign_page(
            request,
            session,
            actor,
            tr,
            campaign_id,
            form=form,
            error=service.say(tr, refused.message),
            status_code=400,
        )
    except NotFound as missing:
        return _campaign_page(
            request,
            session,
            actor,
            tr,
            campaign_id,
            form=form,
            error=tr.say(missing.message),
            status_code=400,
        )
    return RedirectResponse(f"/deals/{deal.id}", status.HTTP_303_SEE_OTHER)


@router.get("/deals/{deal_id}", response_class=HTMLResponse)
def deal_page(
    request: Request, session: SessionDep, actor: CurrentActor, tr: TranslatorDep, deal_id: RowId
) -> HTMLResponse:
    view = _deal(session, actor.workspace_id, deal_id)
    return render(
        request,
        "deals/deal.html",
        tr=tr,
        actor=actor,
        deal=view,
        actions=STATUS_ACTIONS.get(view.status, ()),
        proposal=service.proposal_text(view),
        **_helpers(tr),
    )


@router.post("/deals/{deal_id}/status")
def deal_status(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    deal_id: RowId,
    status_: Annotated[str, Form(alias="status")],
    note: Annotated[str, Form()] = "",
) -> RedirectResponse:
    try:
        with session.begin_nested():
            service.change_status(
                session,
                workspace_id=actor.workspace_id,
                deal_id=deal_id,
                status=status_,
                note=note,
                author_id=actor.user_id,
            )
    except MessageError as refused:
        flash(request, service.say(tr, refused.message), "error")
    return RedirectResponse(f"/deals/{deal_id}", status.HTTP_303_SEE_OTHER)


@router.post("/deals/{deal_id}/offer")
def deal_offer(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    deal_id: RowId,
    fee: Annotated[str, Form()],
    party: Annotated[str, Form()] = "creator",
    note: Annotated[str, Form()] = "",
) -> RedirectResponse:
    try:
        with session.begin_nested():
            service.record_offer(
                session,
                workspace_id=actor.workspace_id,
                deal_id=deal_id,
                party=party,
                fee=fee,
                note=note,
                author_id=actor.user_id,
            )
    except MessageError as refused:
        flash(request, service.say(tr, refused.message), "error")
    return RedirectResponse(f"/deals/{deal_id}", status.HTTP_303_SEE_OTHER)


@router.get("/creators/{creator_id}/deals", response_class=HTMLResponse)
def creator_deals(
    request: Request, session: SessionDep, actor: CurrentActor, tr: TranslatorDep, creator_id: RowId
) -> HTMLResponse:
    views = [
        service.deal_view(session, d)
        for d in service.list_deals(session, workspace_id=actor.workspace_id, creator_id=creator_id)
    ]
    return render(
        request, "deals/_creator_deals.html", tr=tr, actor=actor, deals=views, **_helpers(tr)
    )
