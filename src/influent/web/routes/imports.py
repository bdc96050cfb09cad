"""Spreadsheets in and out: the import wizard (upload, check, confirm) and the export downloads."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from influent.domain.platforms import Platform
from influent.domain.tabular.creators import Field
from influent.domain.values import normalise_key
from influent.services.accounts import Actor
from influent.services.core import Influent
from influent.services.i18n import Translator
from influent.services.imports import (
    ImportReport,
    UnreadableFile,
    export_creators,
    import_creators,
    uploads,
)
from influent.web.deps import CurrentActor, EditorActor, SessionDep, SettingsDep, TranslatorDep
from influent.web.templating import render

router = APIRouter()

SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")
SESSION_KEY = "import"


async def form_fields(request: Request) -> dict[str, str]:
    """The posted form's text fields, for forms whose field names vary (one per column)."""
    return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}


FormFields = Annotated[dict[str, str], Depends(form_fields)]


def upload_root(request: Request) -> Path:
    """The private upload folder under the data directory."""
    influent: Influent = request.app.state.influent
    return influent.upload_dir()


def save_upload(upload: UploadFile, *, max_mb: int, root: Path) -> tuple[str, Path]:
    """Copy an upload into its own private folder (services.imports.uploads)."""
    return uploads.save_upload(upload.file, upload.filename, max_mb=max_mb, root=root)


def unreadable(tr: Translator, error: UnreadableFile) -> str:
    """The sentence for a file that cannot be read."""
    return tr.say(error.message)


def _saved_upload(request: Request) -> Path | None:
    return uploads.saved_upload(upload_root(request), request.session.get(SESSION_KEY))


def _discard_upload(request: Request) -> None:
    uploads.discard_upload(upload_root(request), request.session.pop(SESSION_KEY, None))


def _overrides(form: dict[str, str]) -> dict[str, Field | None]:
    """The mapping the user chose: one select per column, named map:<header>."""
    overrides: dict[str, Field | None] = {}
    for name, value in form.items():
        if not name.startswith("map:") or not value:
            continue
        key = normalise_key(name[4:])
        if value == "ignore":
            overrides[key] = None
        elif value in {f.value for f in Field}:
            overrides[key] = Field(value)
    return overrides


def _platform(value: str) -> Platform | None:
    return Platform(value) if value in {p.value for p in Platform} else None


def _upload_form(
    request: Request, actor: Actor, tr: Translator, error: str | None = None, status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "import.html",
        tr=tr,
        actor=actor,
        error=error,
        platforms=list(Platform),
        status_code=status,
    )


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, actor: EditorActor, tr: TranslatorDep) -> HTMLResponse:
    return _upload_form(request, actor, tr)


@router.post("/import", response_class=HTMLResponse)
def upload(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File()],
    platform: Annotated[str, Form()] = "",
) -> HTMLResponse:
    if not file.filename or not file.filename.lower().endswith(SUFFIXES):
        return _upload_form(request, actor, tr, tr.t("import.error.type"), 400)
    try:
        token, _ = save_upload(file, max_mb=settings.max_upload_mb, root=upload_root(request))
    except uploads.UploadTooLarge:
        message = tr.t("import.error.too_large", mb=settings.max_upload_mb)
        return _upload_form(request, actor, tr, message, 413)
    _discard_upload(request)
    request.session[SESSION_KEY] = token
    return _review(request, session, actor, tr, overrides={}, platform=_platform(platform))


def _review(
    request: Request,
    session: Session,
    actor: Actor,
    tr: Translator,
    *,
    overrides: dict[str, Field | None],
    platform: Platform | None,
    skip_invalid: bool = False,
    message: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    path = _saved_upload(request)
    if path is None:
        return _upload_form(request, actor, tr, tr.t("import.error.expired"), 400)
    try:
        report = import_creators(
            session,
            workspace_id=actor.workspace_id,
            path=path,
            overrides=overrides,
            platform_hint=platform,
            dry_run=True,
        )
    except UnreadableFile as error:
        _discard_upload(request)
        return _upload_form(request, actor, tr, unreadable(tr, error), 400)
    return render(
        request,
        "import_review.html",
        tr=tr,
        actor=actor,
        report=report,
        fields=[f.value for f in Field],
        platforms=list(Platform),
        platform=platform.value if platform else "",
        skip_invalid=skip_invalid,
        message=message,
        status_code=status,
    )


@router.post("/import/review", response_class=HTMLResponse)
def review(
    request: Request, session: SessionDep, actor: EditorActor, tr: TranslatorDep, form: FormFields
) -> HTMLResponse:
    return _review(
        request,
        session,
        actor,
        tr,
        overrides=_overrides(form),
        platform=_platform(form.get("platform", "")),
        skip_invalid=form.get("skip_invalid") == "on",
    )


@router.post("/import/confirm", response_class=HTMLResponse)
def confirm(
    request: Request, session: SessionDep, actor: EditorActor, tr: TranslatorDep, form: FormFields
) -> Response:
    path = _saved_upload(request)
    if path is None:
        return _upload_form(request, actor, tr, tr.t("import.error.expired"), 400)
    overrides = _overrides(form)
    platform = _platform(form.get("platform", ""))
    skip_invalid = form.get("skip_invalid") == "on"
    try:
        report: ImportReport = import_creators(
            session,
            workspace_id=actor.workspace_id,
            path=path,
            overrides=overrides,
            platform_hint=platform,
            skip_invalid=skip_invalid,
        )
    except UnreadableFile as error:
        _discard_upload(request)
        return _upload_form(request, actor, tr, unreadable(tr, error), 400)
    if report.refused:
        return _review(
            request,
            session,
            actor,
            tr,
            overrides=overrides,
            platform=platform,
            skip_invalid=skip_invalid,
            message=tr.t("import.error.invalid_rows"),
            status=422,
        )
    _discard_upload(request)
    return render(request, "import_done.html", tr=tr, actor=actor, report=report)


@router.post("/import/cancel")
def cancel(request: Request, actor: EditorActor) -> RedirectResponse:
    _discard_upload(request)
    return RedirectResponse("/import", status_code=303)


def export_file(session: Session, workspace_id: int, kind: str) -> FileResponse:
    """The workspace's creators as a download; the temporary file goes once it is sent."""
    folder = Path(tempfile.mkdtemp(prefix="influent-export-"))
    name = f"influent-creators-{datetime.now(UTC):%Y-%m-%d}.{kind}"
    path = folder / name
    try:
        export_creators(session, workspace_id=workspace_id, path=path)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    media = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[kind]
    return FileResponse(
        path,
        media_type=media,
        filename=name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


@router.get("/export.xlsx")
def export_xlsx(session: SessionDep, actor: CurrentActor) -> FileResponse:
    return export_file(session, actor.workspace_id, "xlsx")


@router.get("/export.csv")
def export_csv(session: SessionDep, actor: CurrentActor) -> FileResponse:
    return export_file(session, actor.workspace_id, "csv")
