"""Discovery pages: search the platforms, shortlist what was found; source keys (owner only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from influent.services import campaigns, discovery
from influent.services import creators as creator_service
from influent.services.accounts import Actor
from influent.services.enrichment import source_settings
from influent.web.deps import (
    MAX_ID,
    CurrentActor,
    EditorActor,
    SessionDep,
    SettingsDep,
    TranslatorDep,
)
from influent.web.templating import flash, render

router = APIRouter()


@router.get("/discovery", response_class=HTMLResponse, include_in_schema=False)
def discovery_page(
    request: Request, session: SessionDep, actor: CurrentActor, tr: TranslatorDep
) -> HTMLResponse:
    return render(
        request,
        "discovery.html",
        tr=tr,
        actor=actor,
        sources=discovery.SOURCES,
        chosen=discovery.DEFAULT_SOURCES,
        queries="",
        limit=25,
        result=None,
        past=discovery.past_discoveries(session, workspace_id=actor.workspace_id),
    )


@router.post("/discovery", response_class=HTMLResponse, include_in_schema=False)
def run_discovery(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    queries: Annotated[str, Form()],
    sources: Annotated[list[str] | None, Form()] = None,
    limit: Annotated[int, Form(ge=1, le=100)] = 25,
) -> HTMLResponse:
    """Run a discovery; the candidates are saved at once, so shortlisting is a tag away."""
    chosen = [s for s in (sources or []) if s in discovery.SOURCES] or list(
        discovery.DEFAULT_SOURCES
    )
    lines = [line.strip() for line in queries.splitlines() if line.strip()]
    error = None
    result = None
    with source_settings.http_client(settings) as http:
        try:
            result = discovery.discover(
                session,
                workspace_id=actor.workspace_id,
                queries=lines,
                sources=chosen,
                limit=limit,
                http=http,
            )
        except discovery.DiscoveryError as problem:
            error = tr.say(problem.message)
    return render(
        request,
        "discovery.html",
        tr=tr,
        actor=actor,
        sources=discovery.SOURCES,
        chosen=chosen,
        queries=queries,
        limit=limit,
        result=result,
        error=error,
        entry_campaigns=campaigns.list_campaigns(session, workspace_id=actor.workspace_id),
        past=discovery.past_discoveries(session, workspace_id=actor.workspace_id),
        status_code=400 if error else 200,
    )


@router.post("/discovery/shortlist", include_in_schema=False)
def shortlist(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    creator_ids: Annotated[list[int] | None, Form()] = None,
    creator_id: Annotated[int | None, Form()] = None,
    tag: Annotated[str, Form()] = "shortlist",
) -> RedirectResponse:
    """Tag the chosen candidates (one with its own button, or every ticked one)."""
    ids = [creator_id] if creator_id is not None else list(dict.fromkeys(creator_ids or []))
    ids = [i for i in ids if 0 < i <= MAX_ID]  # no such creator, and too big for the database
    name = tag.strip() or "shortlist"
    for cid in ids:
        try:
            creator_service.tag_creator(
                session, workspace_id=actor.workspace_id, creator_id=cid, tags=[name]
            )
        except creator_service.NotFound:
            continue
    flash(request, tr.t("discovery.shortlisted", count=len(ids), tag=name))
    return RedirectResponse(f"/creators?tag={name}", status_code=303)


def _owner(actor: Actor) -> Actor:
    if not actor.role.can_manage:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only the workspace owner manages keys")
    return actor


@router.get("/settings/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    settings: SettingsDep,
) -> HTMLResponse:
    _owner(actor)
    found = source_settings.list_sources(
        session, workspace_id=actor.workspace_id, settings=settings
    )
    return render(
        request,
        "sources_settings.html",
        tr=tr,
        actor=actor,
        statuses=found,
        fields=source_settings.SOURCE_FIELDS,
    )


@router.post("/settings/sources", include_in_schema=False)
def save_sources(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    source: Annotated[str, Form()],
    api_key: Annotated[str, Form()] = "",
    access_token: Annotated[str, Form()] = "",
    ig_user_id: Annotated[str, Form()] = "",
    remove: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Save the keys typed in; a field left empty keeps the stored value."""
    _owner(actor)
    typed = {"api_key": api_key, "access_token": access_token, "ig_user_id": ig_user_id}
    names = source_settings.SOURCE_FIELDS.get(source, ())
    values = {n: typed[n] for n in names if typed.get(n, "").strip()}
    if remove:
        values = dict.fromkeys(names, "")
    try:
        source_settings.set_source(
            session,
            workspace_id=actor.workspace_id,
            source=source,
            values=values,
            settings=settings,
        )
    except source_settings.SourceSettingsError as error:
        flash(request, tr.say(error.message), "error")
    else:
        flash(request, tr.t("sources.saved", source=source))
    return RedirectResponse("/settings/sources", status_code=303)
