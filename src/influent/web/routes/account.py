"""The account page: one's password, "log out everywhere", the workspace switcher; for owners,
the workspace's people (deactivate, reactivate, log out) and API tokens (revoke)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from influent.services import accounts
from influent.web.deps import (
    SESSION_KEY,
    CurrentActor,
    OwnerActor,
    SessionDep,
    SettingsDep,
    TranslatorDep,
)
from influent.web.routes.auth import client_address
from influent.web.templating import flash, render

router = APIRouter()


def _page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    status_code: int = 200,
    error: str | None = None,
) -> Response:
    people = accounts.list_users(session, actor.workspace_id) if actor.role.can_manage else []
    tokens = accounts.list_tokens(
        session,
        workspace_id=actor.workspace_id,
        user_id=None if actor.role.can_manage else actor.user_id,
    )
    return render(
        request,
        "account/index.html",
        tr=tr,
        actor=actor,
        status_code=status_code,
        error=error,
        people=people,
        tokens=tokens,
        workspaces=accounts.user_workspaces(session, user_id=actor.user_id),
    )


@router.get("/account", response_class=HTMLResponse, include_in_schema=False)
def account_page(
    request: Request, session: SessionDep, actor: CurrentActor, tr: TranslatorDep
) -> Response:
    return _page(request, session, actor, tr)


@router.post("/account/password", include_in_schema=False)
def change_password(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    current: Annotated[str, Form()] = "",
    new: Annotated[str, Form()] = "",
    again: Annotated[str, Form()] = "",
) -> Response:
    guard: accounts.LoginThrottle = request.app.state.login_throttle
    address = client_address(request)
    wait = guard.wait(email=actor.email, address=address)
    if wait > 0:
        return _page(
            request,
            session,
            actor,
            tr,
            429,
            tr.t("accounts.login.throttled", seconds=int(wait + 0.999)),
        )
    if new != again:
        return _page(request, session, actor, tr, 400, tr.t("accounts.error.password_mismatch"))
    try:
        accounts.change_password(session, user_id=actor.user_id, current=current, new=new)
    except accounts.AccountError as error:
        if error.code == "accounts.error.wrong_password":
            guard.failed(email=actor.email, address=address)
        return _page(request, session, actor, tr, 400, tr.say(error.message))
    # Every session ended, this one too; this browser gets a fresh one in the same workspace.
    request.session[SESSION_KEY] = accounts.start_session(
        session,
        user_id=actor.user_id,
        max_age=settings.session_max_age,
        address=address,
        workspace_id=actor.workspace_id,
    )
    flash(request, tr.t("accounts.password.changed"), "success")
    return RedirectResponse("/account", status_code=303)


@router.post("/account/logout-everywhere", include_in_schema=False)
def logout_everywhere(request: Request, session: SessionDep, actor: CurrentActor) -> Response:
    accounts.end_all_sessions(session, user_id=actor.user_id)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.post("/account/workspace", include_in_schema=False)
def switch_workspace(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    workspace_id: Annotated[int, Form(ge=1, le=2**62)],
) -> Response:
    token = request.session.get(SESSION_KEY)
    switched = (
        accounts.switch_workspace(session, token, workspace_id=workspace_id)
        if isinstance(token, str)
        else None
    )
    if switched is None:
        raise HTTPException(403, "not a member")
    name = next(
        w.name
        for w in accounts.user_workspaces(session, user_id=actor.user_id)
        if w.id == workspace_id
    )
    flash(request, tr.t("accounts.workspace.switched", name=name), "success")
    return RedirectResponse("/creators", status_code=303)


def _member(session: SessionDep, actor: OwnerActor, user_id: int) -> str:
    for user, _role in accounts.list_users(session, actor.workspace_id):
        if user.id == user_id:
            return user.email
    raise HTTPException(404, "no such user")


@router.post("/account/users/{user_id}/{action}", include_in_schema=False)
def manage_user(
    request: Request,
    session: SessionDep,
    actor: OwnerActor,
    tr: TranslatorDep,
    user_id: int,
    action: str,
) -> Response:
    if not 1 <= user_id < 2**62 or action not in ("deactivate", "reactivate", "logout"):
        raise HTTPException(404, "unknown action")
    email = _member(session, actor, user_id)
    try:
        if action == "deactivate":
            accounts.deactivate_user(session, user_id=user_id, by_user_id=actor.user_id)
            flash(request, tr.t("accounts.users.deactivated", email=email), "success")
        elif action == "reactivate":
            accounts.reactivate_user(session, user_id=user_id)
            flash(request, tr.t("accounts.users.reactivated", email=email), "success")
        else:
            accounts.end_all_sessions(session, user_id=user_id)
            flash(request, tr.t("accounts.users.logged_out", email=email), "success")
    except accounts.AccountError as error:
        return _page(request, session, actor, tr, 400, tr.say(error.message))
    return RedirectResponse("/account", status_code=303)


@router.post("/account/tokens/{token_id}/revoke", include_in_schema=False)
def revoke_token(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    token_id: int,
) -> Response:
    if not 1 <= token_id < 2**62:
        raise HTTPException(404, "no such token")
    try:
        token = accounts.revoke_token(
            session,
            token_id=token_id,
            workspace_id=actor.workspace_id,
            user_id=None if actor.role.can_manage else actor.user_id,
        )
    except accounts.AccountError:
        raise HTTPException(404, "no such token") from None
    flash(request, tr.t("accounts.tokens.revoked", token=token.id, name=token.name), "success")
    return RedirectResponse("/account", status_code=303)
