"""The creators table and the creator page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from influent.domain.platforms import Platform, Tier
from influent.services import campaigns
from influent.services import creators as service
from influent.services.creators import CreatorFilters, CreatorRecord, sort_is_descending
from influent.services.i18n import Translator
from influent.web.deps import (
    MAX_PAGE,
    CreatorId,
    CurrentActor,
    EditorActor,
    SessionDep,
    SettingsDep,
    TranslatorDep,
)
from influent.web.templating import flash, is_htmx, render, url_with

router = APIRouter()

SORTABLE = {
    "name": "name",
    "followers": "followers",
    "engagement": "engagement",
    "quality": "quality",
}


def _page_number(text: str | None) -> int:
    if not text or not text.isdigit() or len(text) > 7:
        return 1
    return min(max(int(text), 1), MAX_PAGE)


def sort_links(filters: CreatorFilters) -> dict[str, dict[str, str]]:
    """For each sortable column: the sort a click asks for, and the arrow to show."""
    links: dict[str, dict[str, str]] = {}
    current = filters.sort
    for column, key in SORTABLE.items():
        if current.lstrip("-") == key:
            following = key if current.startswith("-") else f"-{key}"
            arrow = "↓" if sort_is_descending(current) else "↑"
        else:
            # A first click shows the largest (or A-Z for names) first.
            following = next(
                k for k in (key, f"-{key}") if sort_is_descending(k) != (key == "name")
            )
            arrow = ""
        links[column] = {"sort": following, "arrow": arrow}
    return links


@router.get("/creators", response_class=HTMLResponse)
def creators_table(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    filters: Annotated[CreatorFilters, Depends()],
    page: str | None = None,
) -> HTMLResponse:
    query, problems = filters.query(page=_page_number(page), per_page=settings.page_size)
    result = service.list_creators(session, workspace_id=actor.workspace_id, query=query)
    context: dict[str, Any] = {
        "result": result,
        "rows": service.table_rows(session, result.items, query.platform),
        "filters": filters,
        "params": filters.params(),
        "problems": problems,
        "sorts": sort_links(filters),
        "page": query.page,
        "entry_campaigns": (
            campaigns.list_campaigns(session, workspace_id=actor.workspace_id)
            if actor.role.can_edit
            else []
        ),
        "quality_total": service.QUALITY_SIGNALS,
    }
    if is_htmx(request):
        # oob: the filter form's hidden sort follows a click on a column header.
        fragment = render(request, "_creators_table.html", tr=tr, actor=actor, oob=True, **context)
        # The address bar shows the filters in use, not every empty field of the form.
        fragment.headers["HX-Push-Url"] = url_with(
            "/creators", context["params"], page=query.page if query.page > 1 else None
        )
        return fragment
    return render(
        request,
        "creators.html",
        tr=tr,
        actor=actor,
        facets=service.facets(session, workspace_id=actor.workspace_id),
        platforms=list(Platform),
        tiers=list(Tier),
        quality_flags=service.QUALITY_FLAGS,
        **context,
    )


def _creator_or_404(
    session: SessionDep, actor: CurrentActor, creator_id: CreatorId
) -> CreatorRecord:
    try:
        return service.get_creator(session, workspace_id=actor.workspace_id, creator_id=creator_id)
    except service.NotFound:
        raise HTTPException(404, "no such creator") from None


def _creator_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: Translator,
    creator_id: CreatorId,
    *,
    status_code: int = 200,
    error: str | None = None,
    form: dict[str, str] | None = None,
) -> HTMLResponse:
    creator = _creator_or_404(session, actor, creator_id)
    values = form or {key: getattr(creator, key) or "" for key in service.EDITABLE}
    return render(
        request,
        "creator.html",
        tr=tr,
        actor=actor,
        creator=creator,
        form=values,
        error=error,
        status_code=status_code,
    )


@router.get("/creators/{creator_id}", response_class=HTMLResponse)
def creator_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    creator_id: CreatorId,
) -> HTMLResponse:
    return _creator_page(request, session, actor, tr, creator_id)


@router.post("/creators/{creator_id}")
def edit_creator(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    creator_id: CreatorId,
    name: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    agent: Annotated[str, Form()] = "",
    country: Annotated[str, Form()] = "",
    language: Annotated[str, Form()] = "",
    category: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
    part: Annotated[str, Form()] = "details",
) -> Response:
    """Save the details form, or (`part=notes`) the notes card's Notes column."""
    fields: dict[str, str | None] = (
        {"notes": notes}
        if part == "notes"
        else {
            "name": name,
            "email": email,
            "agent": agent,
            "country": country,
            "language": language,
            "category": category,
        }
    )
    _creator_or_404(session, actor, creator_id)
    try:
        service.edit_creator(
            session, workspace_id=actor.workspace_id, creator_id=creator_id, fields=fields
        )
    except service.CreatorError as error:
        creator = _creator_or_404(session, actor, creator_id)
        form = {k: getattr(creator, k) or "" for k in service.EDITABLE}
        form.update({k: v or "" for k, v in fields.items()})
        return _creator_page(
            request,
            session,
            actor,
            tr,
            creator_id,
            status_code=422,
            error=tr.say(error.message),
            form=form,
        )
    flash(request, tr.t("creator.saved"), "success")
    return RedirectResponse(f"/creators/{creator_id}", status_code=303)


def _fragment_or_redirect(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: Translator,
    creator_id: CreatorId,
    fragment: str,
    error: str | None = None,
) -> Response:
    if is_htmx(request):
        creator = _creator_or_404(session, actor, creator_id)
        return render(request, fragment, tr=tr, actor=actor, creator=creator, error=error)
    if error:
        flash(request, error, "error")
    return RedirectResponse(f"/creators/{creator_id}", status_code=303)


@router.post("/creators/{creator_id}/tags")
def add_tag(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    creator_id: CreatorId,
    tag: Annotated[str, Form()] = "",
) -> Response:
    _creator_or_404(session, actor, creator_id)
    error = None
    if tag.strip():
        service.tag_creator(
            session, workspace_id=actor.workspace_id, creator_id=creator_id, tags=[tag]
        )
    else:
        error = tr.t("creator.tag_empty")
    return _fragment_or_redirect(
        request, session, actor, tr, creator_id, "_creator_tags.html", error
    )


@router.post("/creators/{creator_id}/tags/remove")
def remove_tag(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    creator_id: CreatorId,
    tag: Annotated[str, Form()],
) -> Response:
    _creator_or_404(session, actor, creator_id)
    service.untag_creator(
        session, workspace_id=actor.workspace_id, creator_id=creator_id, tags=[tag]
    )
    return _fragment_or_redirect(request, session, actor, tr, creator_id, "_creator_tags.html")


@router.post("/creators/{creator_id}/notes")
def add_note(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    creator_id: CreatorId,
    body: Annotated[str, Form()] = "",
) -> Response:
    _creator_or_404(session, actor, creator_id)
    error = None
    try:
        service.add_note(
            session,
            workspace_id=actor.workspace_id,
            creator_id=creator_id,
            body=body,
            author_id=actor.user_id,
        )
    except service.CreatorError:
        error = tr.t("creator.note_empty")
    session.expire_all()
    return _fragment_or_redirect(
        request, session, actor, tr, creator_id, "_creator_notes.html", error
    )
