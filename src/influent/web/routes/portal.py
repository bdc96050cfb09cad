"""Creators' private pages: /p/{token}, no login, only that creator's numbers.

The page and each QR image are read through the token: a QR code is served only for a key
among the token's own links, so no parameter reaches another creator's link.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from influent.services import links, orders
from influent.services.i18n import LOCALES, Translator, choose_locale
from influent.web.deps import SessionDep, SettingsDep
from influent.web.templating import render

router = APIRouter()

# A private page: never indexed, never cached by a shared cache.
_PRIVATE = {"x-robots-tag": "noindex, nofollow", "cache-control": "private, no-store"}


def _open(session: Any, token: str) -> orders.PortalView:
    try:
        return orders.open_portal(session, token)
    except orders.PortalError:
        raise HTTPException(404) from None


def _base(request: Request, settings: Any) -> str:
    configured: str | None = settings.links_base_url
    return (configured or str(request.base_url)).rstrip("/")


@router.get("/p/{token}", response_class=HTMLResponse, include_in_schema=False)
def portal(
    request: Request, session: SessionDep, settings: SettingsDep, token: str
) -> HTMLResponse:
    view = _open(session, token)
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
    base = _base(request, settings)
    response = render(
        request,
        "portal.html",
        tr=tr,
        view=view,
        token=token,
        shorts={link.key: links.short_url(base, link.key) for link in view.links},
        money=tr.money,
    )
    response.headers.update(_PRIVATE)
    return response


@router.get("/p/{token}/qr/{key}.{kind}", include_in_schema=False, response_model=None)
def portal_qr(
    request: Request, session: SessionDep, settings: SettingsDep, token: str, key: str, kind: str
) -> Response:
    view = _open(session, token)
    if kind not in ("svg", "png") or not view.has_link(key):
        raise HTTPException(404)
    image = links.qr_code(links.short_url(_base(request, settings), key), kind=kind)
    return Response(
        image,
        media_type="image/svg+xml" if kind == "svg" else "image/png",
        headers={**_PRIVATE, "content-disposition": f'inline; filename="{key}.{kind}"'},
    )
