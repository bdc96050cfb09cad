"""The due list, its private calendar feed, and the funnel page with the planner."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from influent.domain.messages import MessageError
from influent.domain.pipeline import FUNNEL_STAGES
from influent.services import campaigns, outreach
from influent.web.deps import CurrentActor, SessionDep, SettingsDep, TranslatorDep
from influent.web.templating import render

router = APIRouter()


@router.get("/due", response_class=HTMLResponse, include_in_schema=False)
def due_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    days: int = 0,
) -> HTMLResponse:
    items = outreach.due_list(
        session, workspace_id=actor.workspace_id, upcoming_days=max(0, min(days, 60))
    )
    token = outreach.calendar_token(settings, workspace_id=actor.workspace_id)
    feed = str(request.url_for("calendar_feed", token=token))
    return render(
        request, "outreach/due.html", tr=tr, actor=actor, items=items, days=days, feed=feed
    )


@router.get("/calendar/{token}.ics", name="calendar_feed", include_in_schema=False)
def calendar_feed(session: SessionDep, settings: SettingsDep, token: str) -> Response:
    """The due list as iCalendar, for the user's own calendar: the token is the key."""
    workspace_id = outreach.check_calendar_token(settings, token)
    if workspace_id is None:
        return Response("Not found", status_code=404, media_type="text/plain")
    text = outreach.calendar_feed(
        session, workspace_id=workspace_id, locale=settings.default_locale
    )
    return Response(text, media_type="text/calendar; charset=utf-8")


@router.get("/campaigns/{campaign_id}/funnel", response_class=HTMLResponse, include_in_schema=False)
def funnel_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    campaign_id: int,
    deals: int | None = None,
    by: str | None = None,
) -> HTMLResponse:
    try:
        campaign = campaigns.get_campaign(
            session, workspace_id=actor.workspace_id, campaign_id=campaign_id
        )
    except MessageError:
        return render(
            request,
            "error.html",
            tr=tr,
            actor=actor,
            status_code=404,
            message=tr.t("errors.not_found"),
            code=404,
        )
    report = outreach.funnel(session, workspace_id=actor.workspace_id, campaign_id=campaign_id)
    plan = plan_error = None
    if deals is not None and by:
        try:
            plan = outreach.plan(
                session,
                workspace_id=actor.workspace_id,
                deals=deals,
                by=date.fromisoformat(by),
                today=date.today(),
                campaign_id=campaign_id,
                daily_cap=settings.outreach_daily_cap,
            )
        except ValueError as error:
            plan_error = (
                tr.say(error.message)
                if isinstance(error, MessageError)
                else tr.t("outreach.error.date", value=by)
            )
    return render(
        request,
        "outreach/funnel.html",
        tr=tr,
        actor=actor,
        campaign=campaign,
        report=report,
        stages=[s.value for s in FUNNEL_STAGES],
        plan=plan,
        plan_error=plan_error,
        deals=deals or 10,
        by=by or "",
    )
