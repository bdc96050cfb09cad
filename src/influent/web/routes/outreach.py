"""Campaign pages: the list, the kanban board, one opportunity (touches, draft, email)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from influent.domain.messages import MessageError
from influent.domain.pipeline import LostReason, Stage, parse_lost_reason, parse_stage
from influent.domain.platforms import Platform, Tier
from influent.domain.touches import Channel, ContactKind
from influent.services import campaigns, outreach
from influent.services.accounts import Actor
from influent.services.creators import NotFound, resolve_creator
from influent.services.i18n import Translator
from influent.web.deps import CurrentActor, EditorActor, SessionDep, TranslatorDep
from influent.web.templating import flash, is_htmx, render

router = APIRouter()

STAGES = [s.value for s in Stage]
REASONS = [r.value for r in LostReason]
CHANNELS = [c.value for c in Channel]
KINDS = [k.value for k in ContactKind]


def _error_text(tr: Translator, error: Exception) -> str:
    return tr.say(error.message) if isinstance(error, MessageError) else str(error)


@router.get("/campaigns", response_class=HTMLResponse, include_in_schema=False)
def campaigns_page(
    request: Request, session: SessionDep, actor: CurrentActor, tr: TranslatorDep
) -> HTMLResponse:
    return render(
        request,
        "outreach/campaigns.html",
        tr=tr,
        actor=actor,
        campaigns=campaigns.list_campaigns(session, workspace_id=actor.workspace_id),
        counts=outreach.campaign_counts(session, workspace_id=actor.workspace_id),
        goals=campaigns.GOALS,
    )


@router.post("/campaigns", include_in_schema=False)
def create_campaign(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    name: Annotated[str, Form()],
    goal: Annotated[str, Form()] = "sales",
    brief: Annotated[str, Form()] = "",
    landing_url: Annotated[str, Form()] = "",
) -> Response:
    try:
        made = campaigns.create_campaign(
            session,
            workspace_id=actor.workspace_id,
            name=name,
            goal=goal,
            brief=brief.strip() or None,
            landing_url=landing_url.strip() or None,
        )
    except MessageError as error:
        session.rollback()
        flash(request, _error_text(tr, error), "error")
        return RedirectResponse("/campaigns", status_code=303)
    return RedirectResponse(f"/campaigns/{made.id}", status_code=303)


def _board_context(
    session: SessionDep,
    actor: Actor,
    campaign_id: int,
    filters: outreach.BoardFilters | None = None,
) -> dict[str, Any]:
    campaign = campaigns.get_campaign(
        session, workspace_id=actor.workspace_id, campaign_id=campaign_id
    )
    filters = filters or outreach.BoardFilters()
    columns = outreach.board(
        session, workspace_id=actor.workspace_id, campaign_id=campaign_id, filters=filters
    )
    due = {
        item.opportunity_id: item
        for item in outreach.due_list(
            session, workspace_id=actor.workspace_id, campaign_id=campaign_id, upcoming_days=365
        )
    }
    return {
        "campaign": campaign,
        "columns": columns,
        "due": due,
        "reasons": REASONS,
        "filters": filters,
        "view": urlencode(filters.params()),
        "q": filters.q,
    }


def _filters_of(request: Request, view: str = "") -> outreach.BoardFilters:
    """The board's filters: the form's own copy, else the address the htmx request came from."""
    if not view:
        view = urlsplit(request.headers.get("HX-Current-URL", "")).query
    return outreach.BoardFilters.parse(dict(parse_qsl(view[:2000])))


def _board(
    request: Request,
    session: SessionDep,
    actor: Actor,
    tr: Translator,
    campaign_id: int,
    *,
    error: str | None = None,
    notice: str | None = None,
    refusals: list[str] | None = None,
    view: str = "",
) -> Response:
    """The board fragment for htmx, else back to the page (with the message flashed)."""
    filters = _filters_of(request, view)
    if is_htmx(request):
        context = _board_context(session, actor, campaign_id, filters)
        return render(
            request,
            "outreach/_board.html",
            tr=tr,
            actor=actor,
            error=error,
            notice=notice,
            refusals=refusals or [],
            **context,
        )
    if error or notice:
        text = " ".join([error or notice or "", *(refusals or [])])
        flash(request, text, "error" if error else "success")
    query = urlencode(filters.params())
    return RedirectResponse(
        f"/campaigns/{campaign_id}" + (f"?{query}" if query else ""), status_code=303
    )


@router.get("/campaigns/{campaign_id}", response_class=HTMLResponse, include_in_schema=False)
def board_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign_id: int,
) -> Response:
    """The kanban board; its filters (stage, platform, tier, due, channel, tag, name) are in
    the address, so a filtered board can be shared."""
    filters = outreach.BoardFilters.parse(dict(request.query_params))
    given = sorted(request.query_params.multi_items())
    if not is_htmx(request) and given != sorted(filters.params().items()):
        # The filter form sends its empty fields too: the address keeps only the filters in use.
        query = urlencode(filters.params())
        return RedirectResponse(
            f"/campaigns/{campaign_id}" + (f"?{query}" if query else ""), status_code=303
        )
    try:
        context = _board_context(session, actor, campaign_id, filters)
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
    template = "outreach/_board.html" if is_htmx(request) else "outreach/board.html"
    return render(
        request,
        template,
        tr=tr,
        actor=actor,
        platforms=[p.value for p in Platform],
        tiers=[t.value for t in Tier],
        channels=CHANNELS,
        due_filters=outreach.DUE_FILTERS,
        tags=outreach.board_tags(session, workspace_id=actor.workspace_id, campaign_id=campaign_id),
        **context,
    )


@router.post("/campaigns/{campaign_id}/add", include_in_schema=False)
def add_creators(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    campaign_id: int,
    handles: Annotated[str, Form()] = "",
    tag: Annotated[str, Form()] = "",
    creator_ids: Annotated[list[int] | None, Form()] = None,
) -> Response:
    """Creators by handle (one a line), by tag (a shortlist) or by id (from other pages)."""
    try:
        ids = list(creator_ids or [])
        for line in handles.replace(",", "\n").splitlines():
            if line.strip():
                ids.append(resolve_creator(session, workspace_id=actor.workspace_id, ref=line).id)
        if tag.strip():
            ids += outreach.tagged_creator_ids(session, workspace_id=actor.workspace_id, tag=tag)
        entry = outreach.enter_campaign(
            session,
            workspace_id=actor.workspace_id,
            campaign_id=campaign_id,
            creator_ids=ids,
            user_id=actor.user_id,
        )
    except (MessageError, NotFound) as error:
        session.rollback()
        flash(request, _error_text(tr, error), "error")
        return RedirectResponse(f"/campaigns/{campaign_id}", status_code=303)
    flash(request, tr.say(entry.summary), "success")
    return RedirectResponse(f"/campaigns/{campaign_id}", status_code=303)


def _move(
    session: SessionDep, actor: Actor, opportunity_id: int, stage: str, lost_reason: str
) -> None:
    outreach.move(
        session,
        workspace_id=actor.workspace_id,
        opportunity_id=opportunity_id,
        stage=parse_stage(stage),
        lost_reason=parse_lost_reason(lost_reason) if stage == Stage.LOST.value else None,
        user_id=actor.user_id,
    )


@router.post("/opportunities/{opportunity_id}/move", include_in_schema=False)
def move_card(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    opportunity_id: int,
    stage: Annotated[str, Form()],
    lost_reason: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
    view: Annotated[str, Form()] = "",
) -> Response:
    try:
        opportunity = outreach.get_opportunity(
            session, workspace_id=actor.workspace_id, opportunity_id=opportunity_id
        )
    except MessageError:
        return Response(status_code=404)
    campaign_id = opportunity.campaign_id
    error = None
    try:
        _move(session, actor, opportunity_id, stage, lost_reason)
    except MessageError as problem:
        session.rollback()
        error = _error_text(tr, problem)
    if back == "opportunity":
        if error:
            flash(request, error, "error")
        return RedirectResponse(f"/opportunities/{opportunity_id}", status_code=303)
    return _board(request, session, actor, tr, campaign_id, error=error, view=view)


@router.post("/campaigns/{campaign_id}/bulk", include_in_schema=False)
def bulk_move(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    campaign_id: int,
    stage: Annotated[str, Form()] = "",
    lost_reason: Annotated[str, Form()] = "",
    mark_lost: Annotated[str, Form()] = "",
    view: Annotated[str, Form()] = "",
    opportunity_ids: Annotated[list[int] | None, Form()] = None,
) -> Response:
    """Move every ticked card that may go there, or mark them lost with a reason; each other
    card stays where it was and is named with its reason."""
    try:
        target = Stage.LOST if mark_lost else parse_stage(stage)
        report = outreach.move_many(
            session,
            workspace_id=actor.workspace_id,
            campaign_id=campaign_id,
            opportunity_ids=opportunity_ids or [],
            stage=target,
            lost_reason=parse_lost_reason(lost_reason) if target is Stage.LOST else None,
            user_id=actor.user_id,
        )
    except MessageError as error:
        session.rollback()
        return _board(
            request, session, actor, tr, campaign_id, error=_error_text(tr, error), view=view
        )
    refusals = [
        tr.t("outreach.bulk.refused_line", name=r.name, reason=tr.say(r.reason))
        for r in report.refused
    ]
    return _board(
        request,
        session,
        actor,
        tr,
        campaign_id,
        notice=tr.say(report.summary),
        refusals=refusals,
        view=view,
    )


@router.get(
    "/creators/{creator_id}/campaigns", response_class=HTMLResponse, include_in_schema=False
)
def creator_campaigns(
    request: Request, session: SessionDep, actor: CurrentActor, tr: TranslatorDep, creator_id: int
) -> HTMLResponse:
    """The creator page's campaigns box: where they stand, and adding them to another one."""
    joined = outreach.creator_campaigns(
        session, workspace_id=actor.workspace_id, creator_id=creator_id
    )
    inside = {j.campaign_id for j in joined}
    others = [
        c
        for c in campaigns.list_campaigns(session, workspace_id=actor.workspace_id)
        if c.id not in inside
    ]
    return render(
        request,
        "outreach/_creator_campaigns.html",
        tr=tr,
        actor=actor,
        creator_id=creator_id,
        joined=joined,
        others=others,
    )


@router.post("/creators/{creator_id}/campaigns", include_in_schema=False)
def add_creator_to_campaign(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    creator_id: int,
    campaign_id: Annotated[int, Form()],
) -> Response:
    try:
        added = outreach.add_to_campaign(
            session,
            workspace_id=actor.workspace_id,
            campaign_id=campaign_id,
            creator_ids=[creator_id],
            user_id=actor.user_id,
        )
    except MessageError as error:
        session.rollback()
        flash(request, _error_text(tr, error), "error")
        return RedirectResponse(f"/creators/{creator_id}", status_code=303)
    flash(request, tr.t("outreach.web.added", count=len(added)), "success")
    return RedirectResponse(f"/creators/{creator_id}", status_code=303)
