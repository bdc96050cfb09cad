"""Logging in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from influent.services.accounts import users
from influent.web.csrf import rotate_csrf_token
from influent.web.deps import USER_KEY, MaybeActor, SessionDep, TranslatorDep
from influent.web.templating import local_path, render

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


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    session: SessionDep,
    tr: TranslatorDep,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    user = users.authenticate(session, email=email, password=password)
    if user is None or users.actor_for_user(session, user.id) is None:
        return render(
            request,
            "login.html",
            tr=tr,
            status_code=400,
            next=local_path(next),
            email=email,
            error=tr.t("login.error"),
        )
    locale = request.session.get("locale")
    request.session.clear()
    if locale:
        request.session["locale"] = locale
    request.session[USER_KEY] = user.id
    rotate_csrf_token(request)
    return RedirectResponse(local_path(next), status_code=303)


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> RedirectResponse:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
