"""Personal settings: for now, the language of the interface."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from influent.services.accounts import users
from influent.services.i18n import LOCALES
from influent.web.deps import MaybeActor, SessionDep
from influent.web.templating import local_path

router = APIRouter()


@router.post("/settings/language", include_in_schema=False)
def set_language(
    request: Request,
    session: SessionDep,
    actor: MaybeActor,
    locale: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/creators",
) -> RedirectResponse:
    """Save the language on the user (it follows them to every browser) and on this browser."""
    if locale not in LOCALES:
        raise HTTPException(400, "unknown language")
    if actor is not None:
        users.set_locale(session, user_id=actor.user_id, locale=locale)
    request.session["locale"] = locale
    return RedirectResponse(local_path(next), status_code=303)
