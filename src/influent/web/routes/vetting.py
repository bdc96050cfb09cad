"""Vetting on the web: the creator page's audit, its charts, the JSON API and follower samples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import (
    APIRouter,
    Depends,
    File,
    Form,
    HTTPException,
    Query,
    Request,
    UploadFile,
    status,
)
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from influent.domain.quality import Locale
from influent.services import creators
from influent.services import vetting as service
from influent.services.enrichment import refresh, source_settings
from influent.services.i18n import Translator
from influent.services.vetting import charts
from influent.settings import Settings
from influent.web.api_errors import ERRORS, unprocessable
from influent.web.csrf import csrf_protect
from influent.web.deps import (
    ApiActor,
    CreatorId,
    CurrentActor,
    EditorActor,
    SessionDep,
    SettingsDep,
    TranslatorDep,
)
from influent.web.routes.vetting_models import CreatorAuditOut, HistoryOut
from influent.web.templating import flash, render

__all__ = ["router"]

router = APIRouter()
# The API speaks English: its sentences come from the English catalog.
_ENGLISH = Translator("en")

# A chart's URL carries the key of what it shows (`?v=`): under that URL the image never
# changes, so browsers keep it. Without the key (or with an old one) it may change any time.
_KEYED_IMAGE = {"Cache-Control": "private, max-age=31536000, immutable"}
_IMAGE_HEADERS = {"Cache-Control": "private, max-age=300"}


def _locale(value: str | None) -> Locale:
    return "fr" if value == "fr" else "en"


def _audit(
    session: SessionDep, workspace_id: int, creator_id: CreatorId, locale: Locale
) -> service.CreatorAudit:
    try:
        return service.audit_creator(
            session, workspace_id=workspace_id, creator_id=creator_id, locale=locale
        )
    except service.NotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No creator #{creator_id}.") from None


def _history(
    session: SessionDep, workspace_id: int, creator_id: CreatorId, locale: Locale
) -> service.History:
    try:
        return service.history(
            session, workspace_id=workspace_id, creator_id=creator_id, locale=locale
        )
    except service.NotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No creator #{creator_id}.") from None


def _measure_hint(
    session: SessionDep, workspace_id: int, settings: Any, main: service.AccountAudit | None
) -> str | None:
    """What would measure the figures that are stated or missing: "refresh" from the source
    (its key is set), "set_key" (the source needs one), "import" (posts and comments by file)."""
    if main is None or not (main.stated or main.quality.missing):
        return None
    platform = main.account.platform
    if platform not in refresh.API_PLATFORMS:
        return "import"
    source = platform if platform in source_settings.SOURCE_FIELDS else "feeds"
    found = source_settings.credentials_for(
        session, workspace_id=workspace_id, source=source, settings=settings
    )
    return "set_key" if found is None else "refresh"


# --- pages ---------------------------------------------------------------------------------


@router.get("/creators/{creator_id}/vetting", response_class=HTMLResponse)
def vetting_fragment(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    creator_id: CreatorId,
) -> HTMLResponse:
    """The creator page's vetting section, loaded by htmx once the page is shown."""
    locale = _locale(tr.locale)
    try:
        audit, found = service.audit_creator_with_history(
            session, workspace_id=actor.workspace_id, creator_id=creator_id, locale=locale
        )
    except service.NotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No creator #{creator_id}.") from None
    # The charts' URLs name what they show: the page never waits for a chart to be drawn.
    history_key = service.history_chart_key(found) if found is not None else None
    tier_key = service.tier_chart_key(audit.main, locale) if audit.main is not None else None
    main = audit.main
    return render(
        request,
        "_vetting_fragment.html",
        tr=tr,
        actor=actor,
        audit=audit,
        main=audit.main,
        signal_value=service.signal_value,
        is_tier=lambda tier: isinstance(tier, service.TierPercentile),
        tier_chart=main is not None and charts.has_tier_benchmarks(main.engagement.platform),
        # A chart of fewer than two snapshots would be an empty frame: a sentence says why.
        history_chart=main is not None and main.snapshots_read >= 2,
        measure=_measure_hint(session, actor.workspace_id, settings, main),
        history_key=history_key,
        tier_key=tier_key,
    )


@router.post(
    "/creators/{creator_id}/refresh", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def refresh_creator(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    creator_id: CreatorId,
) -> Response:
    """Refresh a creator's accounts from their sources, then show the page again."""
    audit = _audit(session, actor.workspace_id, creator_id, _locale(tr.locale))
    ids = [a.account.id for a in audit.accounts]
    with source_settings.http_client(settings) as http:
        report = refresh.enrich(
            session, workspace_id=actor.workspace_id, account_ids=ids, http=http
        )
    if report.refreshed:
        flash(request, tr.t("vetting.refreshed", count=report.refreshed))
    else:
        reasons = [tr.say(reason) for _, _, reason in (*report.errors, *report.skipped)]
        flash(request, tr.t("vetting.not_refreshed", reasons="; ".join(reasons)), "error")
    return RedirectResponse(f"/creators/{creator_id}#vetting", status_code=303)


def _charts_folder(settings: Settings) -> Path:
    return settings.data_dir / "charts"


def _kept_chart(
    session: SessionDep, actor: CurrentActor, settings: Settings, creator_id: int, asked: str | None
) -> Response | None:
    """The chart a page's URL names, when it was drawn already: no audit, no drawing."""
    if asked is None:
        return None
    image = service.kept_chart(_charts_folder(settings), asked)
    if image is None:
        return None
    try:
        creators.get_creator(session, workspace_id=actor.workspace_id, creator_id=creator_id)
    except creators.NotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No creator #{creator_id}.") from None
    return Response(image, media_type="image/png", headers=_KEYED_IMAGE)


def _chart_response(
    settings: Settings, key: str, asked: str | None, draw: Callable[[], bytes]
) -> Response:
    image = service.cached_chart(_charts_folder(settings), key, draw)
    headers = _KEYED_IMAGE if asked == key else _IMAGE_HEADERS
    return Response(image, media_type="image/png", headers=headers)


@router.get("/creators/{creator_id}/history.png")
def history_png(
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    creator_id: CreatorId,
    v: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    kept = _kept_chart(session, actor, settings, creator_id, v)
    if kept is not None:
        return kept
    found = _history(session, actor.workspace_id, creator_id, _locale(tr.locale))
    key = service.history_chart_key(found)
    return _chart_response(settings, key, v, lambda: charts.history_chart(found))


@router.get("/creators/{creator_id}/tier.png")
def tier_png(
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    creator_id: CreatorId,
    v: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    kept = _kept_chart(session, actor, settings, creator_id, v)
    if kept is not None:
        return kept
    locale = _locale(tr.locale)
    audit = _audit(session, actor.workspace_id, creator_id, locale)
    main = audit.main
    if main is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Creator #{creator_id} has no account.")
    key = service.tier_chart_key(main, locale)
    return _chart_response(
        settings, key, v, lambda: charts.engagement_tier_chart(main, locale=locale)
    )


# Creators offered in the upload page's creator field (any other can be typed).
_CHOICES = 200


def _audience_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: Translator,
    *,
    result: Any = None,
    error: str | None = None,
    filename: str | None = None,
    creator: str = "",
    attached: service.StoredAudit | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    choices = creators.list_creators(
        session,
        workspace_id=actor.workspace_id,
        query=creators.CreatorQuery(sort="name", per_page=_CHOICES),
    ).items
    return render(
        request,
        "audience.html",
        tr=tr,
        actor=actor,
        result=result,
        rates=service.rates_sentences(result, tr) if result is not None else [],
        error=error,
        filename=filename,
        creator=creator,
        choices=choices,
        attached=attached,
        named=result is not None and any(a.username for a in result.accounts),
        status_code=status_code,
    )


@router.get("/audience", response_class=HTMLResponse)
def audience_form(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    creator: str = "",
) -> HTMLResponse:
    return _audience_page(request, session, actor, tr, creator=creator[:300])


def _read_upload(upload: UploadFile, max_mb: int) -> bytes | None:
    """The upload's bytes, or None when it is larger than the limit."""
    limit = max_mb * 1024 * 1024
    data = upload.file.read(limit + 1)
    return None if len(data) > limit else data


@router.post("/audience", response_class=HTMLResponse, dependencies=[Depends(csrf_protect)])
def audience_upload(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="CSV of sampled followers.")],
    creator: Annotated[str, Form(max_length=300)] = "",
) -> HTMLResponse:
    ref = creator.strip()

    def page(**values: Any) -> HTMLResponse:
        return _audience_page(request, session, actor, tr, creator=ref, **values)

    data = _read_upload(file, settings.max_upload_mb)
    if data is None:
        return page(error=tr.t("audience.too_large", mb=settings.max_upload_mb), status_code=413)
    if ref and not actor.can_edit:
        return page(error=tr.t("audience.read_only"), status_code=403)
    try:
        result, attached = service.audit_upload_for(
            session,
            workspace_id=actor.workspace_id,
            data=data,
            file_name=file.filename or "",
            creator=ref,
        )
    except creators.NotFound as error:
        return page(error=tr.say(error.message), status_code=422)
    except service.SampleRefused as error:
        return page(error=tr.say(error.message), status_code=400)
    except service.SampleError as error:
        return page(error=tr.say(error.message), status_code=422)
    return page(result=result, filename=file.filename, attached=attached)


# --- JSON API ------------------------------------------------------------------------------


@router.get(
    "/api/v1/creators/{creator_id}/audit",
    tags=["api"],
    response_model=CreatorAuditOut,
    responses=ERRORS,
)
def api_audit(
    session: SessionDep, actor: ApiActor, creator_id: CreatorId, locale: str = "en"
) -> Any:
    """The creator's audit: every figure with its evidence, and the quality score's breakdown."""
    audit = _audit(session, actor.workspace_id, creator_id, _locale(locale))
    return service.audit_to_dict(audit)


@router.get(
    "/api/v1/creators/{creator_id}/history",
    tags=["api"],
    response_model=HistoryOut,
    responses=ERRORS,
)
def api_history(
    session: SessionDep, actor: ApiActor, creator_id: CreatorId, locale: str = "en"
) -> Any:
    """The main account's daily followers, gains, weekly rows and explained events."""
    found = _history(session, actor.workspace_id, creator_id, _locale(locale))
    return service.history_to_dict(found)


@router.post("/api/v1/audience/audit", tags=["api"], responses=ERRORS)
def api_audience_audit(
    session: SessionDep,
    actor: ApiActor,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="CSV of sampled followers.")],
    creator: Annotated[
        str,
        Form(
            max_length=300,
            description="Keep the audit with this creator ('@handle', '#12' or a profile "
            "URL), as their fake-follower signal; needs a token with write access.",
        ),
    ] = "",
) -> JSONResponse:
    """Which sampled followers look fake, and the audience's fake share with its interval;
    with `creator`, the audit is kept with that creator (`attached` in the answer)."""
    ref = creator.strip()
    if ref and not actor.can_edit:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "This token's user has read-only access.")
    data = _read_upload(file, settings.max_upload_mb)
    if data is None:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            _ENGLISH.t("audience.upload_too_large", mb=settings.max_upload_mb),
        )
    try:
        result, stored = service.audit_upload_for(
            session,
            workspace_id=actor.workspace_id,
            data=data,
            file_name=file.filename or "",
            creator=ref,
        )
    except creators.NotFound as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, _ENGLISH.say(error.message)) from None
    except service.SampleRefused as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, _ENGLISH.say(error.message)) from None
    except service.SampleError as error:
        raise unprocessable(_ENGLISH.say(error.message), "body", "file") from None
    body = result.to_json(_ENGLISH.say)
    if stored is not None:
        body["attached"] = {
            "creator_id": stored.creator_id,
            "creator_name": stored.creator_name,
            "audited_at": stored.audited_at.isoformat(),
        }
    return JSONResponse(body)
