"""Handles to confirm on the web: search a creator's name on YouTube, confirm a candidate."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from influent.services.enrichment import handle_search
from influent.services.i18n import Translator
from influent.web.deps import CreatorId, EditorActor, SessionDep, TranslatorDep
from influent.web.templating import flash, render

__all__ = ["router"]

router = APIRouter()


def _back(creator_id: int) -> RedirectResponse:
    return RedirectResponse(f"/creators/{creator_id}", status_code=303)


def _account_of(session: SessionDep, workspace_id: int, creator_id: int, account_id: int) -> None:
    found = handle_search.pending_accounts(
        session, workspace_id=workspace_id, account_ids=[account_id]
    )
    if not found or found[0].creator_id != creator_id:
        raise HTTPException(404, "no handle to confirm")


@router.post("/creators/{creator_id}/accounts/{account_id}/find-handle")
def find_handle(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    creator_id: CreatorId,
    account_id: CreatorId,
) -> Response:
    """Search the creator's name; a sure match is attached, otherwise the candidates show."""
    _account_of(session, actor.workspace_id, creator_id, account_id)
    try:
        found = handle_search.find_handle(
            session, workspace_id=actor.workspace_id, account_id=account_id
        )
    except handle_search.HandleError as error:
        flash(request, tr.say(error.message), "error")
        return _back(creator_id)
    if found.attached is not None:
        if found.reason is not None:
            flash(request, tr.say(found.reason), "success")
        return _back(creator_id)
    return _candidates(request, actor, tr, creator_id, found)


def _candidates(
    request: Request,
    actor: EditorActor,
    tr: Translator,
    creator_id: int,
    found: handle_search.Resolution,
) -> HTMLResponse:
    return render(
        request, "handle_candidates.html", tr=tr, actor=actor, creator_id=creator_id, found=found
    )


@router.post("/creators/{creator_id}/accounts/{account_id}/confirm-handle")
def confirm_handle(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    creator_id: CreatorId,
    account_id: CreatorId,
    channel_id: Annotated[str, Form(max_length=200)],
) -> Response:
    """Attach the channel the user confirmed."""
    _account_of(session, actor.workspace_id, creator_id, account_id)
    try:
        done = handle_search.confirm_handle(
            session,
            workspace_id=actor.workspace_id,
            account_id=account_id,
            channel_id=channel_id,
        )
    except handle_search.HandleError as error:
        flash(request, tr.say(error.message), "error")
        return _back(creator_id)
    if done.reason is not None:
        flash(request, tr.say(done.reason), "success")
    return _back(creator_id)
