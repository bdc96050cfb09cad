"""Creators entering a campaign from the pages that list them: the creators table, discovery's
finds and a brief's shortlist, ticked, one by one or the top of a ranking."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from influent.domain.messages import MessageError
from influent.services import campaigns, outreach
from influent.services.accounts import Actor
from influent.services.i18n import Translator
from influent.web.deps import MAX_ID, EditorActor, SessionDep, TranslatorDep
from influent.web.templating import flash, is_htmx, local_path, render

router = APIRouter()


def _chosen(
    pick: str, creator_id: int | None, ticked: list[int], ranked: list[int], top: int | None
) -> list[int]:
    if creator_id is not None:
        return [creator_id]
    if pick == "top":
        return ranked[: max(0, min(top or 0, outreach.MAX_ENTRY))]
    return ticked


def _campaign_id(session: SessionDep, actor: Actor, campaign_id: str, new_campaign: str) -> int:
    if new_campaign.strip():
        return campaigns.create_campaign(
            session, workspace_id=actor.workspace_id, name=new_campaign[:200]
        ).id
    if campaign_id.isdigit() and 0 < int(campaign_id) <= MAX_ID:
        return int(campaign_id)
    raise MessageError("outreach.entry.choose_campaign")


def _answer(
    request: Request,
    tr: Translator,
    back: str,
    *,
    text: str,
    ok: bool,
    campaign_id: int | None = None,
    campaign_name: str | None = None,
) -> Response:
    if is_htmx(request):
        return render(
            request,
            "outreach/_entry_result.html",
            tr=tr,
            text=text,
            ok=ok,
            campaign_id=campaign_id,
            campaign_name=campaign_name,
        )
    flash(request, text, "success" if ok else "error")
    board = f"/campaigns/{campaign_id}" if campaign_id else "/campaigns"
    return RedirectResponse(local_path(back, board), status_code=303)


@router.post("/campaigns/enter", response_class=HTMLResponse, include_in_schema=False)
def enter_campaign(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    campaign_id: Annotated[str, Form()] = "",
    new_campaign: Annotated[str, Form()] = "",
    creator_ids: Annotated[list[int] | None, Form()] = None,
    creator_id: Annotated[int | None, Form()] = None,
    ranked_ids: Annotated[list[int] | None, Form()] = None,
    top: Annotated[int | None, Form(ge=0, le=100_000)] = None,
    pick: Annotated[str, Form()] = "ticked",
    back: Annotated[str, Form()] = "",
) -> Response:
    """Add the chosen creators to a campaign (an existing one, or one made here and now).

    Answers with the result line for htmx, else goes back to `back` (the board when empty)
    with the result flashed. A refusal writes nothing, a new campaign included.
    """
    ids = _chosen(pick, creator_id, creator_ids or [], ranked_ids or [], top)
    try:
        target = _campaign_id(session, actor, campaign_id, new_campaign)
        entry = outreach.enter_campaign(
            session,
            workspace_id=actor.workspace_id,
            campaign_id=target,
            creator_ids=ids,
            user_id=actor.user_id,
        )
        campaign = campaigns.get_campaign(
            session, workspace_id=actor.workspace_id, campaign_id=target
        )
    except MessageError as error:
        session.rollback()
        return _answer(request, tr, back, text=tr.say(error.message), ok=False)
    return _answer(
        request,
        tr,
        back,
        text=tr.say(entry.summary),
        ok=True,
        campaign_id=campaign.id,
        campaign_name=campaign.name,
    )
