"""Campaign pages: the list, the kanban board, one opportunity (touches, draft, email)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from influent.domain.messages import MessageError
from influent.domain.pipeline import LostReason, Stage, parse_lost_reason, parse_stage
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
    session: SessionDep, actor: Actor, campaign_id: int, q: str = ""
) -> dict[str, Any]:
    campaign = campaigns.get_campaign(
        session, workspace_id=actor.workspace_id, campaign_id=campaign_id
    )
    columns = outreach.board(session, workspace_id=actor.workspace_id, campaign_id=campaign_id)
    needle = q.strip().lower().lstrip("@")
    if needle:
        columns = {
            stage: [
                c for c in cards if needle in c.name.lower() or needle in (c.handle or "").lower()
            ]
            for stage, cards in columns.items()
        }
    due = {
        item.opportunity_id: item
        for item in outreach.due_list(
            session, workspace_id=actor.workspace_id, campaign_id=campaign_id, upcoming_days=365
        )
    }
    return {"campaign": campaign, "columns": columns, "due": due, "reasons": REASONS, "q": q}


def _board(
    request: Request,
    session: SessionDep,
    actor: Actor,
    tr: Translator,
    campaign_id: int,
    *,
    error: str | None = None,
    notice: str | None = None,
) -> Response:
    """The board fragment for htmx, else back to the page (with the message flashed)."""
    if is_htmx(request):
        context = _board_context(session, actor, campaign_id)
        return render(
            request,
            "outreach/_board.html",
            tr=tr,
            actor=actor,
            error=error,
            notice=notice,
            **context,
        )
    if error or notice:
        flash(request, error or notice or "", "error" if error else "success")
    return RedirectResponse(f"/campaigns/{campaign_id}", status_code=303)


@router.get("/campaigns/{campaign_id}", response_class=HTMLResponse, include_in_schema=False)
def board_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign_id: int,
    q: str = "",
) -> HTMLResponse:
    try:
        context = _board_context(session, actor, campaign_id, q)
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
    return render(request, template, tr=tr, actor=actor, **context)


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
        added = outreach.add_to_campaign(
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
    flash(request, tr.t("outreach.web.added", count=len(added)), "success")
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
    return _board(request, session, actor, tr, campaign_id, error=error)


@router.post("/campaigns/{campaign_id}/bulk", include_in_schema=False)
def bulk_move(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    campaign_id: int,
    stage: Annotated[str, Form()],
    lost_reason: Annotated[str, Form()] = "",
    opportunity_ids: Annotated[list[int] | None, Form()] = None,
) -> Response:
    """Move every ticked card that may go there; the others stay and are counted."""
    moved = refused = 0
    for opportunity_id in opportunity_ids or []:
        try:
            with session.begin_nested():
                opportunity = outreach.get_opportunity(
                    session, workspace_id=actor.workspace_id, opportunity_id=opportunity_id
                )
                if opportunity.campaign_id != campaign_id:
                    raise MessageError("outreach.error.opportunity_not_found", ref=opportunity_id)
                _move(session, actor, opportunity_id, stage, lost_reason)
            moved += 1
        except MessageError:
            refused += 1
    notice = tr.t(
        "outreach.web.bulk_moved",
        moved=tr.t("outreach.web.moved_count", count=moved),
        refused=tr.t("outreach.web.refused_count", count=refused),
    )
    return _board(request, session, actor, tr, campaign_id, notice=notice)


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
