"""The JSON API under /api/v1, authenticated with Bearer tokens (`influent users token`)."""

from __future__ import annotations

import shutil
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile, status
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, ConfigDict
from pydantic import Field as Spec

from influent.domain.messages import MessageError
from influent.domain.platforms import Platform
from influent.domain.tabular.creators import parse_overrides
from influent.services import creators as service
from influent.services.creators import CreatorFilters
from influent.services.i18n import Translator
from influent.services.imports import UnreadableFile, import_creators, uploads
from influent.web.api_errors import (
    ERRORS,
    ErrorOut,
    ValidationOut,
    refuse_nul_characters,
    unprocessable,
)
from influent.web.deps import ApiActor, ApiEditor, CreatorId, PageNumber, SessionDep, SettingsDep
from influent.web.routes.imports import (
    SUFFIXES,
    export_file,
    save_upload,
    unreadable,
    upload_root,
)

router = APIRouter(
    prefix="/api/v1",
    tags=["api"],
    responses=ERRORS,
    dependencies=[Depends(refuse_nul_characters)],
)

_MAP_HELP = 'Column overrides, repeatable: "Column name=field" or "Column name=ignore".'


class QualityOut(BaseModel):
    """The stored audience-quality score (see docs/vetting.md)."""

    score: int | None
    provisional: bool = Spec(description="More than a third of the signals' weight is missing.")
    confidence: float = Spec(description="Share of the signals' weight present, 0 to 1.")
    signals_used: int
    score_low: int | None = Spec(description="The score if every missing signal were bad.")
    score_high: int | None = Spec(description="The score if every missing signal were good.")
    rank: float | None = Spec(description="What sort=-quality orders by.")
    worst_flag: str | None
    flags: list[str]
    computed_at: datetime


class CreatorOut(BaseModel):
    id: int
    name: str
    platform: str | None
    handle: str | None
    followers: int | None
    engagement_rate: float | None = Spec(description="A fraction: 0.053 is 5.3 %.")
    email: str | None
    agent: str | None
    country: str | None
    language: str | None
    category: str | None
    notes: str | None
    tags: list[str]
    custom_fields: dict[str, Any]
    quality: QualityOut | None = None


class AccountOut(BaseModel):
    id: int
    platform: str
    handle: str
    url: str | None
    external_id: str | None
    followers: int | None
    following: int | None
    posts: int | None
    engagement_rate: float | None
    stats_source: str | None
    stats_updated_at: str | None


class NoteOut(BaseModel):
    id: int
    body: str
    created_at: str
    author_id: int | None


class CreatorDetailOut(CreatorOut):
    accounts: list[AccountOut]
    note_items: list[NoteOut]


class CreatorPageOut(BaseModel):
    total: int = Spec(description="Capped: see total_is_exact.")
    total_is_exact: bool
    page: int
    per_page: int
    pages: int
    creators: list[CreatorOut]


class CreatorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    account: str = Spec(description="@handle or profile URL.", examples=["@marie.verte"])
    platform: Platform | None = Spec(None, description="Needed when account is a bare handle.")
    name: str = ""
    followers: int | None = Spec(None, ge=0)
    engagement_rate: float | None = Spec(None, ge=0, le=1, description="A fraction.")
    email: str | None = None
    agent: str | None = None
    country: str | None = None
    language: str | None = None
    category: str | None = None
    notes: str | None = None
    tags: list[str] = []


class CreatorPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    email: str | None = None
    agent: str | None = None
    country: str | None = None
    language: str | None = None
    category: str | None = None
    notes: str | None = None


class TagsIn(BaseModel):
    tags: list[str] = Spec(min_length=1)


class NoteIn(BaseModel):
    body: str = Spec(min_length=1)


class ProblemOut(BaseModel):
    row: int
    column: str
    value: str
    reason: str
    code: str = ""
    params: dict[str, str] = {}


class ImportReportOut(BaseModel):
    file: str
    kind: str
    encoding: str | None
    delimiter: str | None
    header_row: int
    mapping: dict[str, str]
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    problems: list[ProblemOut]
    dry_run: bool
    written: bool
    rejects_file: str | None


def _detail(session: SessionDep, actor: ApiActor, creator_id: CreatorId) -> CreatorDetailOut:
    try:
        creator = service.get_creator(
            session, workspace_id=actor.workspace_id, creator_id=creator_id
        )
    except service.NotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No creator #{creator_id}.") from None
    return CreatorDetailOut.model_validate(service.creator_detail(creator))


def _unprocessable(error: Exception) -> HTTPException:
    """A 422 whose detail is the refusal in English (the API's language)."""
    detail = Translator("en").say(error.message) if isinstance(error, MessageError) else str(error)
    return unprocessable(detail, "body")


@router.get("/creators", response_model=CreatorPageOut)
def list_creators(
    session: SessionDep,
    actor: ApiActor,
    settings: SettingsDep,
    filters: Annotated[CreatorFilters, Depends()],
    page: PageNumber = 1,
    per_page: int | None = None,
) -> CreatorPageOut:
    """Creators matching the filters (the same as the creators table), one page at a time."""
    size = max(1, min(per_page or settings.page_size, 500))
    query, problems = filters.query(page=page, per_page=size)
    if problems:
        problem = [
            {"loc": ["query", n], "msg": f"cannot read {n}", "type": "value_error"}
            for n in problems
        ]
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, problem)
    result = service.list_creators(session, workspace_id=actor.workspace_id, query=query)
    return CreatorPageOut(
        total=result.total,
        total_is_exact=result.total_is_exact,
        page=query.page,
        per_page=size,
        pages=result.pages,
        creators=[
            CreatorOut.model_validate(
                {**service.creator_summary(row.creator), "quality": service.quality_summary(row)}
            )
            for row in service.table_rows(session, result.items, None)
        ],
    )


@router.get("/creators/{creator_id}", response_model=CreatorDetailOut)
def get_creator(session: SessionDep, actor: ApiActor, creator_id: CreatorId) -> CreatorDetailOut:
    return _detail(session, actor, creator_id)


@router.post("/creators", response_model=CreatorDetailOut, status_code=201)
def add_creator(session: SessionDep, actor: ApiEditor, body: CreatorIn) -> CreatorDetailOut:
    fields = body.model_dump(
        include={"email", "agent", "country", "language", "category", "notes"}, exclude_none=True
    )
    try:
        creator = service.add_creator(
            session,
            workspace_id=actor.workspace_id,
            name=body.name,
            account=service.NewAccount(
                platform=body.platform,
                handle_or_url=body.account,
                followers=body.followers,
                engagement_rate=body.engagement_rate,
            ),
            fields=fields,
            tags=body.tags,
        )
    except service.CreatorError as error:
        raise _unprocessable(error) from None
    return _detail(session, actor, creator.id)


@router.patch("/creators/{creator_id}", response_model=CreatorDetailOut)
def edit_creator(
    session: SessionDep, actor: ApiEditor, creator_id: CreatorId, body: CreatorPatch
) -> CreatorDetailOut:
    _detail(session, actor, creator_id)
    try:
        service.edit_creator(
            session,
            workspace_id=actor.workspace_id,
            creator_id=creator_id,
            fields=body.model_dump(exclude_unset=True),
        )
    except service.CreatorError as error:
        raise _unprocessable(error) from None
    return _detail(session, actor, creator_id)


@router.post("/creators/{creator_id}/tags", response_model=CreatorDetailOut)
def add_tags(
    session: SessionDep, actor: ApiEditor, creator_id: CreatorId, body: TagsIn
) -> CreatorDetailOut:
    _detail(session, actor, creator_id)
    service.tag_creator(
        session, workspace_id=actor.workspace_id, creator_id=creator_id, tags=body.tags
    )
    return _detail(session, actor, creator_id)


@router.delete("/creators/{creator_id}/tags/{tag}", response_model=CreatorDetailOut)
def remove_tag(
    session: SessionDep, actor: ApiEditor, creator_id: CreatorId, tag: str
) -> CreatorDetailOut:
    _detail(session, actor, creator_id)
    service.untag_creator(
        session, workspace_id=actor.workspace_id, creator_id=creator_id, tags=[tag]
    )
    return _detail(session, actor, creator_id)


@router.post("/creators/{creator_id}/notes", response_model=NoteOut, status_code=201)
def add_note(session: SessionDep, actor: ApiEditor, creator_id: CreatorId, body: NoteIn) -> NoteOut:
    _detail(session, actor, creator_id)
    try:
        note = service.add_note(
            session,
            workspace_id=actor.workspace_id,
            creator_id=creator_id,
            body=body.body,
            author_id=actor.user_id,
        )
    except service.CreatorError as error:
        raise _unprocessable(error) from None
    return NoteOut(
        id=note.id, body=note.body, created_at=note.created_at.isoformat(), author_id=actor.user_id
    )


@router.post(
    "/imports",
    response_model=ImportReportOut,
    responses={
        400: {"model": ErrorOut, "description": "The file cannot be read, or is over a cap."},
        413: {"model": ErrorOut, "description": "The file is larger than INFLUENT_MAX_UPLOAD_MB."},
        422: {
            "model": ImportReportOut | ValidationOut,
            "description": "Invalid rows and not skip_invalid: the report, nothing written; "
            "or an invalid form field.",
        },
    },
)
def import_file(
    request: Request,
    session: SessionDep,
    actor: ApiEditor,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="CSV (any delimiter/encoding), XLSX or ODS.")],
    dry_run: Annotated[bool, Form()] = False,
    skip_invalid: Annotated[bool, Form()] = False,
    platform: Annotated[Platform | None, Form()] = None,
    map: Annotated[list[str] | None, Form(description=_MAP_HELP)] = None,
) -> Any:
    """Import a creator spreadsheet: all or nothing unless skip_invalid; merges by account."""
    if not file.filename or not file.filename.lower().endswith(SUFFIXES):
        raise HTTPException(400, f"Send a CSV, XLSX or ODS file ({', '.join(SUFFIXES)}).")
    try:
        overrides = parse_overrides(map or [])
    except MessageError as error:
        raise HTTPException(400, Translator("en").say(error.message)) from None
    try:
        _, path = save_upload(file, max_mb=settings.max_upload_mb, root=upload_root(request))
    except uploads.UploadTooLarge:
        raise HTTPException(413, f"The file is larger than {settings.max_upload_mb} MB.") from None
    try:
        report = import_creators(
            session,
            workspace_id=actor.workspace_id,
            path=path,
            overrides=overrides,
            platform_hint=platform,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
        )
    except UnreadableFile as error:
        raise HTTPException(400, unreadable(Translator("en"), error)) from None
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    data = ImportReportOut.model_validate(report.to_dict()).model_dump()
    if report.refused:
        return JSONResponse(data, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    return data


@router.get("/export", response_class=FileResponse)
def export(
    session: SessionDep, actor: ApiActor, format: Literal["csv", "xlsx"] = "xlsx"
) -> FileResponse:
    """Every creator and account as a spreadsheet that imports back without loss."""
    return export_file(session, actor.workspace_id, format)
