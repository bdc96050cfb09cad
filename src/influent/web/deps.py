"""Route dependencies: the database session, who is acting, and in which language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from influent.services import accounts
from influent.services.accounts import Actor, actor_for_token
from influent.services.core import Influent
from influent.services.i18n import Translator, choose_locale
from influent.settings import Settings

__all__ = [
    "ApiActor",
    "ApiEditor",
    "CurrentActor",
    "EditorActor",
    "LocaleDep",
    "LoginRequired",
    "MaybeActor",
    "OwnerActor",
    "SessionDep",
    "SettingsDep",
    "TranslatorDep",
]

# The session cookie (signed) carries a random token naming a row of user_sessions; ending
# that row ends the session, wherever the cookie was copied to.
SESSION_KEY = "sid"


class LoginRequired(Exception):
    """Raised by page dependencies when nobody is logged in; the app redirects to /login."""


def get_influent(request: Request) -> Influent:
    influent: Influent = request.app.state.influent
    return influent


def get_settings(request: Request) -> Settings:
    return get_influent(request).settings


def get_session(request: Request) -> Iterator[Session]:
    """One unit of work per request, committed before the response leaves."""
    with get_influent(request).session() as session:
        yield session


# scope="function" commits before the response is sent, so a failed commit is a 500
# and the next request (an htmx swap, a redirect) always sees the change.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def maybe_actor(request: Request, session: SessionDep) -> Actor | None:
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str):
        if request.session.get("user_id") is not None:
            request.session.clear()  # a cookie from before server-side sessions
        return None
    actor = accounts.actor_for_session(session, token)
    if actor is not None:
        # The page header offers a switcher to people who belong to several workspaces.
        request.state.workspaces = accounts.user_workspaces(session, user_id=actor.user_id)
    if actor is None:
        # Logged out elsewhere, expired, or the user was deactivated: forget the cookie.
        locale = request.session.get("locale")
        request.session.clear()
        if isinstance(locale, str):
            request.session["locale"] = locale
    return actor


MaybeActor = Annotated[Actor | None, Depends(maybe_actor)]


def current_actor(actor: MaybeActor) -> Actor:
    if actor is None:
        raise LoginRequired
    return actor


CurrentActor = Annotated[Actor, Depends(current_actor)]


def editor_actor(actor: CurrentActor) -> Actor:
    if not actor.can_edit:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "read-only")
    return actor


EditorActor = Annotated[Actor, Depends(editor_actor)]


def owner_actor(actor: CurrentActor) -> Actor:
    if not actor.role.can_manage:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "owners only")
    return actor


OwnerActor = Annotated[Actor, Depends(owner_actor)]

_bearer = HTTPBearer(
    auto_error=False, description="An API token from `influent users token create`."
)


def api_actor(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    actor = None if credentials is None else actor_for_token(session, credentials.credentials)
    if actor is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Send a valid API token as 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return actor


ApiActor = Annotated[Actor, Depends(api_actor)]


def api_editor(actor: ApiActor) -> Actor:
    if not actor.can_edit:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "This token's user has read-only access.")
    return actor


ApiEditor = Annotated[Actor, Depends(api_editor)]


def get_locale(request: Request, actor: MaybeActor, settings: SettingsDep) -> str:
    session_locale = request.session.get("locale")
    locale = choose_locale(
        user_locale=actor.locale if actor else None,
        session_locale=session_locale if isinstance(session_locale, str) else None,
        accept_language=request.headers.get("accept-language"),
        default=settings.default_locale,
    )
    # Error pages rendered outside a route read it from here.
    request.state.locale = locale
    return locale


LocaleDep = Annotated[str, Depends(get_locale)]


def get_translator(locale: LocaleDep) -> Translator:
    return Translator(locale)


TranslatorDep = Annotated[Translator, Depends(get_translator)]


# Ids are 64-bit integers in both databases: a larger number in a URL is a 422, not an
# OverflowError deep in the driver.
MAX_ID = 2**63 - 1
# Far beyond any real table; keeps the offset (page × page size) a 64-bit integer.
MAX_PAGE = 1_000_000

CreatorId = Annotated[int, Path(ge=1, le=MAX_ID)]
# Any other row id in a path (a campaign, a deal, an opportunity): bounded the same way.
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE)]
