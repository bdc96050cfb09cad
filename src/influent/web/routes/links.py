"""Tracked links: a campaign's links with copy buttons and QR codes, one link's clicks, the
workspace's allowed domains, and the same under /api/v1/links."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, Response, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel
from pydantic import Field as Spec

from influent.domain.messages import MessageError
from influent.services import links as service
from influent.services.campaigns import list_campaigns
from influent.services.i18n import Translator
from influent.web.api_errors import ERRORS, ApiRefusal
from influent.web.deps import (
    ApiActor,
    ApiEditor,
    CurrentActor,
    EditorActor,
    SessionDep,
    SettingsDep,
    TranslatorDep,
)
from influent.web.templating import flash, render

router = APIRouter()
api_router = APIRouter(prefix="/api/v1", tags=["links"], responses=ERRORS)


def _base(request: Request, settings: Any) -> str:
    """Short links start with the configured public address, else the one the browser used."""
    configured: str | None = settings.links_base_url
    return (configured or str(request.base_url)).rstrip("/")


@router.get("/links", response_class=HTMLResponse, include_in_schema=False)
def links_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign: int | None = None,
) -> HTMLResponse:
    campaigns = list_campaigns(session, workspace_id=actor.workspace_id)
    rows = service.list_links(session, workspace_id=actor.workspace_id, campaign_id=campaign)
    return render(
        request,
        "links/list.html",
        tr=tr,
        actor=actor,
        campaigns=campaigns,
        campaign=campaign,
        names={c.id: c.name for c in campaigns},
        links=rows,
        base=_base(request, settings),
        domains=service.link_domains(session, workspace_id=actor.workspace_id),
        form={},
        error=None,
    )


@router.post("/links", response_class=HTMLResponse, include_in_schema=False, response_model=None)
def create_link_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    actor: EditorActor,
    tr: TranslatorDep,
    creator: Annotated[str, Form()],
    campaign: Annotated[int, Form()],
    to: Annotated[str, Form()] = "",
    key: Annotated[str, Form()] = "",
) -> HTMLResponse | RedirectResponse:
    try:
        link = service.create_link(
            session,
            workspace_id=actor.workspace_id,
            creator=creator,
            campaign=campaign,
            to=to or None,
            key=key or None,
            created_by=actor.user_id,
        )
    except MessageError as error:
        session.rollback()
        campaigns = list_campaigns(session, workspace_id=actor.workspace_id)
        return render(
            request,
            "links/list.html",
            tr=tr,
            actor=actor,
            status_code=422,
            campaigns=campaigns,
            campaign=campaign,
            names={c.id: c.name for c in campaigns},
            links=service.list_links(
                session, workspace_id=actor.workspace_id, campaign_id=campaign
            ),
            base=_base(request, settings),
            domains=service.link_domains(session, workspace_id=actor.workspace_id),
            form={"creator": creator, "to": to, "key": key},
            error=tr.say(error.message),
        )
    flash(request, tr.t("links.web.created", key=link.key), "success")
    return RedirectResponse(f"/links/{link.key}", status_code=303)


@router.get("/links/{key}", response_class=HTMLResponse, include_in_schema=False)
def link_page(
    request: Request,
    key: str,
    session: SessionDep,
    settings: SettingsDep,
    actor: CurrentActor,
    tr: TranslatorDep,
) -> HTMLResponse:
    link = _find(session, actor.workspace_id, key)
    stats = service.link_days(session, link=link)
    peak = max((human + bot for _, human, bot, _ in stats.days), default=0)
    return render(
        request,
        "links/show.html",
        tr=tr,
        actor=actor,
        link=link,
        stats=stats,
        peak=peak,
        short=service.short_url(_base(request, settings), link.key),
    )


@router.get("/links/{key}/qr.{kind}", include_in_schema=False)
def link_qr(
    request: Request,
    key: str,
    kind: str,
    session: SessionDep,
    settings: SettingsDep,
    actor: CurrentActor,
) -> Response:
    if kind not in ("svg", "png"):
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    link = _find(session, actor.workspace_id, key)
    image = service.qr_code(service.short_url(_base(request, settings), link.key), kind=kind)
    return Response(
        image,
        media_type="image/svg+xml" if kind == "svg" else "image/png",
        headers={"content-disposition": f'inline; filename="{link.key}.{kind}"'},
    )


@router.get("/settings/links", response_class=HTMLResponse, include_in_schema=False)
def domains_page(
    request: Request, session: SessionDep, actor: CurrentActor, tr: TranslatorDep
) -> HTMLResponse:
    return render(
        request,
        "links/domains.html",
        tr=tr,
        actor=actor,
        domains=service.link_domains(session, workspace_id=actor.workspace_id),
    )


@router.post("/settings/links", include_in_schema=False)
def change_domains(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    domain: Annotated[str, Form()],
    action: Annotated[str, Form()] = "add",
) -> RedirectResponse:
    """Only owners choose where the workspace's links may send people."""
    if not actor.role.can_manage:
        raise HTTPException(status.HTTP_403_FORBIDDEN)
    try:
        if action == "remove":
            service.remove_link_domain(session, workspace_id=actor.workspace_id, domain=domain)
        else:
            service.add_link_domain(session, workspace_id=actor.workspace_id, domain=domain)
    except MessageError as error:
        session.rollback()
        flash(request, tr.say(error.message), "error")
    return RedirectResponse("/settings/links", status_code=303)


def _find(session: Any, workspace_id: int, key: str) -> Any:
    try:
        return service.find_link(session, workspace_id=workspace_id, ref=key)
    except MessageError:
        raise HTTPException(status.HTTP_404_NOT_FOUND) from None


class LinkIn(BaseModel):
    creator: str = Spec(description="The creator's account: @handle or platform:handle.")
    campaign: str = Spec(description="Campaign id, slug or name.")
    to: str | None = Spec(None, description="Destination (default: the campaign's landing page).")
    key: str | None = Spec(None, description="Short-link key (default: handle-campaign).")
    utm: dict[str, str] = Spec(default_factory=dict, description="utm_* overrides.")


class LinkDayOut(BaseModel):
    day: date
    human: int
    bot: int
    visitors: int


class LinkOut(BaseModel):
    id: int
    key: str
    short_url: str
    campaign_id: int
    creator_id: int | None
    platform: str | None
    handle: str
    destination: str
    url: str = Spec(description="The destination with its UTM parameters: where the 302 goes.")
    utm: dict[str, str]
    clicks_human: int
    clicks_bot: int = Spec(
        description="Bots and link previewers (Slack, WhatsApp…), HEAD requests."
    )
    visitors: int = Spec(description="Unique visitors: daily-salted hash of IP and user agent.")
    created_at: datetime
    days: list[LinkDayOut] | None = None


def _out(link: Any, base: str, days: list[LinkDayOut] | None = None) -> LinkOut:
    utm = {n: getattr(link, n) for n in service.UTM_NAMES if getattr(link, n)}
    return LinkOut(
        id=link.id,
        key=link.key,
        short_url=service.short_url(base, link.key),
        campaign_id=link.campaign_id,
        creator_id=link.creator_id,
        platform=link.platform,
        handle=link.handle,
        destination=link.destination,
        url=link.target_url,
        utm=utm,
        clicks_human=link.clicks_human,
        clicks_bot=link.clicks_bot,
        visitors=link.visitors,
        created_at=link.created_at,
        days=days,
    )


@api_router.get("/links", response_model=list[LinkOut])
def api_links(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    actor: ApiActor,
    campaign_id: int | None = None,
) -> list[LinkOut]:
    """The workspace's tracked links, newest first, with their counters."""
    base = _base(request, settings)
    found = service.list_links(session, workspace_id=actor.workspace_id, campaign_id=campaign_id)
    return [_out(link, base) for link in found]


@api_router.post("/links", response_model=LinkOut, status_code=201)
def api_create_link(
    request: Request, body: LinkIn, session: SessionDep, settings: SettingsDep, actor: ApiEditor
) -> LinkOut:
    """Create a link; a destination outside the workspace's domains is refused (422)."""
    campaign: str | int = int(body.campaign) if body.campaign.isdigit() else body.campaign
    try:
        link = service.create_link(
            session,
            workspace_id=actor.workspace_id,
            creator=body.creator,
            campaign=campaign,
            to=body.to,
            key=body.key,
            utm=body.utm,
            created_by=actor.user_id,
        )
    except MessageError as error:
        raise ApiRefusal(422, error.code, Translator("en").say(error.message)) from None
    return _out(link, _base(request, settings))


@api_router.get("/links/{key}", response_model=LinkOut)
def api_link(
    request: Request, key: str, session: SessionDep, settings: SettingsDep, actor: ApiActor
) -> LinkOut:
    """One link with its clicks day by day (from the daily rollups)."""
    link = _find(session, actor.workspace_id, key)
    stats = service.link_days(session, link=link)
    days = [LinkDayOut(day=d, human=h, bot=b, visitors=v) for d, h, b, v in stats.days]
    return _out(link, _base(request, settings), days)
