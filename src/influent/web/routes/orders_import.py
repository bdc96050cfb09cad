"""The orders import page: upload a shop's export, read the preview, then write it all or nothing.

The file waits in the imports wing's upload staging (its own private folder, the upload limit
counted as it streams in) between the preview and the confirmation; the session keeps only
its token. Nothing is written before the confirmation, and nothing at all when a row is bad.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from influent.domain.values import normalise_key
from influent.services import orders
from influent.services.accounts import Actor
from influent.services.campaigns import list_campaigns
from influent.services.core import Influent
from influent.services.i18n import Translator
from influent.services.imports import uploads
from influent.web.deps import EditorActor, SessionDep, SettingsDep, TranslatorDep
from influent.web.templating import render

router = APIRouter()

SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".ods")
SESSION_KEY = "orders_import"
FORMATS = tuple(source.value for source in orders.Source)


async def _form_fields(request: Request) -> dict[str, str]:
    return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}


FormFields = Annotated[dict[str, str], Depends(_form_fields)]


def _root(request: Request) -> Path:
    influent: Influent = request.app.state.influent
    return influent.upload_dir()


def _source(value: str) -> orders.Source | None:
    return orders.Source(value) if value in FORMATS else None


def _overrides(form: dict[str, str]) -> dict[str, str | None] | None:
    """The generic columns the user named on the preview: one select per column, map:<header>."""
    found: dict[str, str | None] = {}
    for name, value in form.items():
        if name.startswith("map:") and value:
            if value == "ignore":
                found[normalise_key(name[4:])] = None
            elif value in orders.ORDER_FIELDS:
                found[normalise_key(name[4:])] = value
    return found or None


def _campaign(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


def _form(
    request: Request,
    session: Session,
    actor: Actor,
    tr: Translator,
    *,
    error: str | None = None,
    status: int = 200,
    campaign: int | None = None,
) -> HTMLResponse:
    return render(
        request,
        "orders/import.html",
        tr=tr,
        actor=actor,
        error=error,
        formats=FORMATS,
        campaigns=list_campaigns(session, workspace_id=actor.workspace_id),
        campaign=campaign,
        status_code=status,
    )


def _run(
    request: Request,
    session: Session,
    actor: Actor,
    tr: Translator,
    *,
    source: orders.Source | None,
    overrides: dict[str, str | None] | None,
    campaign: int | None,
    dry_run: bool,
) -> orders.OrdersImport | HTMLResponse:
    path = uploads.saved_upload(_root(request), request.session.get(SESSION_KEY))
    if path is None:
        message = tr.t("orders.import.expired")
        return _form(request, session, actor, tr, error=message, status=400, campaign=campaign)
    try:
        return orders.import_orders(
            session,
            workspace_id=actor.workspace_id,
            path=path,
            source=source,
            overrides=overrides,
            dry_run=dry_run,
        )
    except orders.OrderProblem as problem:
        uploads.discard_upload(_root(request), request.session.pop(SESSION_KEY, None))
        message = tr.say(problem.message)
        return _form(request, session, actor, tr, error=message, status=400, campaign=campaign)


def _review(
    request: Request,
    actor: Actor,
    tr: Translator,
    found: orders.OrdersImport,
    *,
    chosen: str,
    campaign: int | None,
    message: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "orders/import_review.html",
        tr=tr,
        actor=actor,
        found=found,
        formats=FORMATS,
        chosen=chosen,
        fields=orders.ORDER_FIELDS,
        campaign=campaign,
        message=message,
        status_code=status,
    )


@router.get("/orders/import", response_class=HTMLResponse)
def import_page(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    campaign: str | None = None,
) -> HTMLResponse:
    return _form(request, session, actor, tr, campaign=_campaign(campaign))


@router.post("/orders/import", response_class=HTMLResponse)
def upload(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File()],
    source: Annotated[str, Form()] = "",
    campaign: Annotated[str, Form()] = "",
) -> HTMLResponse:
    back = _campaign(campaign)
    if not file.filename or not file.filename.lower().endswith(SUFFIXES):
        message = tr.t("orders.import.type")
        return _form(request, session, actor, tr, error=message, status=400, campaign=back)
    try:
        token, _ = uploads.save_upload(
            file.file, file.filename, max_mb=settings.max_upload_mb, root=_root(request)
        )
    except uploads.UploadTooLarge:
        message = tr.t("import.error.too_large", mb=settings.max_upload_mb)
        return _form(request, session, actor, tr, error=message, status=413, campaign=back)
    uploads.discard_upload(_root(request), request.session.pop(SESSION_KEY, None))
    request.session[SESSION_KEY] = token
    found = _run(
        request,
        session,
        actor,
        tr,
        source=_source(source),
        overrides=None,
        campaign=back,
        dry_run=True,
    )
    if isinstance(found, HTMLResponse):
        return found
    return _review(
        request, actor, tr, found, chosen=source if _source(source) else "", campaign=back
    )


@router.post("/orders/import/review", response_class=HTMLResponse)
def review(
    request: Request, session: SessionDep, actor: EditorActor, tr: TranslatorDep, form: FormFields
) -> HTMLResponse:
    back = _campaign(form.get("campaign"))
    chosen = form.get("source", "")
    found = _run(
        request,
        session,
        actor,
        tr,
        source=_source(chosen),
        overrides=_overrides(form),
        campaign=back,
        dry_run=True,
    )
    if isinstance(found, HTMLResponse):
        return found
    return _review(request, actor, tr, found, chosen=chosen, campaign=back)


@router.post("/orders/import/confirm", response_class=HTMLResponse)
def confirm(
    request: Request, session: SessionDep, actor: EditorActor, tr: TranslatorDep, form: FormFields
) -> Response:
    back = _campaign(form.get("campaign"))
    chosen = form.get("source", "")
    found = _run(
        request,
        session,
        actor,
        tr,
        source=_source(chosen),
        overrides=_overrides(form),
        campaign=back,
        dry_run=False,
    )
    if isinstance(found, HTMLResponse):
        return found
    if found.refused:
        message = tr.t("orders.import.refused", count=len(found.problems))
        return _review(
            request, actor, tr, found, chosen=chosen, campaign=back, message=message, status=422
        )
    uploads.discard_upload(_root(request), request.session.pop(SESSION_KEY, None))
    return render(
        request, "orders/import_done.html", tr=tr, actor=actor, found=found, campaign=back
    )


@router.post("/orders/import/cancel")
def cancel(request: Request, actor: EditorActor) -> RedirectResponse:
    uploads.discard_upload(_root(request), request.session.pop(SESSION_KEY, None))
    return RedirectResponse("/orders/import", status_code=303)
