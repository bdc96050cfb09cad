"""Creators' private pages: /p/{token}, no login, only that creator's numbers."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from influent.services import orders
from influent.services.i18n import LOCALES, Translator, choose_locale
from influent.web.deps import SessionDep
from influent.web.templating import render

router = APIRouter()


@router.get("/p/{token}", response_class=HTMLResponse, include_in_schema=False)
def portal(request: Request, session: SessionDep, token: str) -> HTMLResponse:
    try:
        view = orders.open_portal(session, token)
    except orders.PortalError:
        raise HTTPException(404) from None
    language = (view.language or "").lower()[:2]
    locale = (
        language
        if language in LOCALES
        else choose_locale(
            user_locale=None,
            session_locale=None,
            accept_language=request.headers.get("accept-language"),
            default="en",
        )
    )
    tr = Translator(locale)
    response = render(request, "portal.html", tr=tr, view=view, money=tr.money)
    # A private page: never indexed, never cached by a shared cache.
    response.headers["x-robots-tag"] = "noindex, nofollow"
    response.headers["cache-control"] = "private, no-store"
    return response
