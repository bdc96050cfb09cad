"""Posts, comments and daily numbers from a file, for accounts no source can measure.

The same readers and writers as `influent sources import-posts|import-comments|import-snapshots`
(services.imports.manual_sources): the file is checked whole, then written all or nothing, and
every bad row is listed with its reason in the reader's language.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from influent.services.accounts import Actor
from influent.services.i18n import Translator
from influent.services.imports import TableReport, manual_sources, uploads
from influent.web.deps import EditorActor, SessionDep, SettingsDep, TranslatorDep
from influent.web.routes.imports import SUFFIXES, save_upload, upload_root
from influent.web.templating import render

router = APIRouter()

KINDS = ("posts", "comments", "snapshots")


def _page(
    request: Request,
    actor: Actor,
    tr: Translator,
    *,
    kind: str,
    report: TableReport | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "import_activity.html",
        tr=tr,
        actor=actor,
        kinds=KINDS,
        kind=kind if kind in KINDS else KINDS[0],
        report=report,
        error=error,
        status_code=status,
    )


@router.get("/import/activity", response_class=HTMLResponse)
def activity_page(
    request: Request, actor: EditorActor, tr: TranslatorDep, kind: str = "posts"
) -> HTMLResponse:
    return _page(request, actor, tr, kind=kind)


@router.post("/import/activity", response_class=HTMLResponse)
def activity_upload(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File()],
    kind: Annotated[str, Form(max_length=20)] = "posts",
) -> HTMLResponse:
    if kind not in KINDS:
        return _page(request, actor, tr, kind=kind, error=tr.t("activity.error.kind"), status=400)
    if not file.filename or not file.filename.lower().endswith(SUFFIXES):
        return _page(request, actor, tr, kind=kind, error=tr.t("import.error.type"), status=400)
    root = upload_root(request)
    try:
        token, path = save_upload(file, max_mb=settings.max_upload_mb, root=root)
    except uploads.UploadTooLarge:
        message = tr.t("import.error.too_large", mb=settings.max_upload_mb)
        return _page(request, actor, tr, kind=kind, error=message, status=413)
    run = {
        "posts": manual_sources.import_posts,
        "comments": manual_sources.import_comments,
        "snapshots": manual_sources.import_snapshots,
    }[kind]
    try:
        report = run(session, workspace_id=actor.workspace_id, path=path)
    except manual_sources.UnreadableFile as error:
        session.rollback()
        return _page(request, actor, tr, kind=kind, error=tr.say(error.message), status=422)
    finally:
        uploads.discard_upload(root, token)
    if not report.ok:
        session.rollback()  # all or nothing: a file with a bad row writes no row
        return _page(request, actor, tr, kind=kind, report=report, status=422)
    return _page(request, actor, tr, kind=kind, report=report)
