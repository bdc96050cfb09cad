"""Logging in and out."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from influent.services import accounts
from influent.services.accounts import users
from influent.services.i18n import Translator
from influent.web.csrf import rotate_csrf_token
from influent.web.deps import SESSION_KEY, MaybeActor, SessionDep, SettingsDep, TranslatorDep
from influent.web.templating import flash, local_path, render

router = APIRouter()


@router.get("/", include_in_schema=False)
def home(actor: MaybeActor) -> RedirectResponse:
    return RedirectResponse("/creators" if actor else "/login", status_code=303)


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(
    request: Request, actor: MaybeActor, tr: TranslatorDep, next: str | None = None
) -> Response:
    if actor is not None:
        return RedirectResponse(local_path(next), status_code=303)
    return render(request, "login.html", tr=tr, next=local_path(next), email="")


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def throttle(request: Request) -> accounts.LoginThrottle:
    found: accounts.LoginThrottle = request.app.state.login_throttle
    return found


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    tr: TranslatorDep,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    address = client_address(request)
    guard = throttle(request)
    wait = guard.wait(email=email, address=address)
    if wait > 0:
        # Refused before the password hash runs: a flood of attempts costs next to nothing.
        seconds = math.ceil(wait)
        response = render(
            request,
            "login.html",
            tr=tr,
            status_code=429,
            next=local_path(next),
            email=email,
            error=tr.t("accounts.login.throttled", seconds=seconds),
        )
        response.headers["Retry-After"] = str(seconds)
        return response
    user = users.authenticate(session, email=email, password=password)
    if user is None or users.actor_for_user(session, user.id) is None:
        guard.failed(email=email, address=address)
        return render(
            request,
            "login.html",
            tr=tr,
            status_code=400,
            next=local_path(next),
            email=email,
            error=tr.t("login.error"),
        )
    guard.succeeded(email=email)
    token = accounts.start_session(
        session, user_id=user.id, max_age=settings.session_max_age, address=address
    )
    request.session.clear()
    # The language the login page was shown in stays, unless the account chose one: an
    # account without a choice keeps it from now on, an account with one is told it switched.
    if user.locale is None:
        users.set_locale(session, user_id=user.id, locale=tr.locale)
        request.session["locale"] = tr.locale
    else:
        request.session["locale"] = user.locale
        if user.locale != tr.locale:
            flash(request, Translator(user.locale).t("accounts.login.account_language"))
    request.session[SESSION_KEY] = token
    rotate_csrf_token(request)
    return RedirectResponse(local_path(next), status_code=303)


@router.post("/logout", include_in_schema=False)
def logout(request: Request, session: SessionDep) -> RedirectResponse:
    token = request.session.get(SESSION_KEY)
    if isinstance(token, str):
        accounts.end_session(session, token)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
