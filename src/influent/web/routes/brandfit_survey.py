"""The public customer survey (no login) and the survey's leads for the team."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile, status
from fastapi.responses import HTMLResponse, RedirectResponse

from influent.domain.messages import MessageError
from influent.services import brandfit
from influent.services.i18n import Translator
from influent.web.deps import CurrentActor, EditorActor, SessionDep, TranslatorDep
from influent.web.templating import flash, render

router = APIRouter()

# Answers per visitor address and survey: enough for a household, not for a script.
RATE_LIMIT = 5
RATE_WINDOW_S = 600.0


class _Limiter:
    """A sliding window of recent answers per (address, survey), in this process."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: tuple[str, str]) -> bool:
        now = time.monotonic()
        with self._lock:
            if len(self._seen) > 50_000:
                self._seen.clear()
            recent = self._seen.setdefault(key, deque())
            while recent and now - recent[0] > RATE_WINDOW_S:
                recent.popleft()
            if len(recent) >= RATE_LIMIT:
                return False
            recent.append(now)
            return True


limiter = _Limiter()


def _survey_tr(request: Request, tr: Translator, lang: str | None) -> Translator:
    return Translator(lang) if lang in ("en", "fr") else tr


@router.get("/s/{slug}", response_class=HTMLResponse, include_in_schema=False)
def survey_page(
    request: Request, session: SessionDep, tr: TranslatorDep, slug: str, lang: str | None = None
) -> HTMLResponse:
    try:
        _, name = brandfit.survey_workspace(session, slug=slug)
    except brandfit.SurveyError:
        raise HTTPException(status.HTTP_404_NOT_FOUND) from None
    tr = _survey_tr(request, tr, lang)
    return render(request, "brandfit/survey.html", tr=tr, brand=name, slug=slug, lang=tr.locale)


@router.post("/s/{slug}", response_class=HTMLResponse, include_in_schema=False)
def survey_answer(
    request: Request,
    session: SessionDep,
    tr: TranslatorDep,
    slug: str,
    answer: Annotated[str, Form(max_length=brandfit.MAX_SURVEY_BYTES)] = "",
    website: Annotated[str, Form()] = "",
    lang: Annotated[str | None, Form()] = None,
) -> HTMLResponse:
    """Store an answer; a filled honeypot gets the same thanks and stores nothing."""
    try:
        workspace_id, name = brandfit.survey_workspace(session, slug=slug)
    except brandfit.SurveyError:
        raise HTTPException(status.HTTP_404_NOT_FOUND) from None
    tr = _survey_tr(request, tr, lang)
    address = request.client.host if request.client else "unknown"
    if not limiter.allow((address, slug)):
        return render(
            request,
            "brandfit/survey.html",
            tr=tr,
            brand=name,
            slug=slug,
            lang=tr.locale,
            error=tr.t("brandfit.survey.too_many"),
            status_code=429,
        )
    if not website.strip():
        try:
            brandfit.submit_answer(session, workspace_id=workspace_id, answer=answer)
        except MessageError as error:
            return render(
                request,
                "brandfit/survey.html",
                tr=tr,
                brand=name,
                slug=slug,
                lang=tr.locale,
                error=tr.say(error.message),
                status_code=400,
            )
    return render(
        request, "brandfit/survey.html", tr=tr, brand=name, slug=slug, lang=tr.locale, thanks=True
    )


@router.get("/survey", response_class=HTMLResponse, include_in_schema=False)
def survey_leads_page(
    request: Request, session: SessionDep, actor: CurrentActor, tr: TranslatorDep
) -> HTMLResponse:
    return render(
        request,
        "brandfit/survey_leads.html",
        tr=tr,
        actor=actor,
        leads=brandfit.survey_leads(session, workspace_id=actor.workspace_id),
        survey_url=str(
            request.url_for(
                "survey_page",
                slug=brandfit.survey_slug(session, workspace_id=actor.workspace_id),
            )
        ),
    )


@router.post("/survey/import", include_in_schema=False)
async def survey_import(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    file: Annotated[UploadFile, File()],
) -> RedirectResponse:
    data = await file.read(brandfit.MAX_SURVEY_BYTES + 1)
    try:
        done = brandfit.import_survey_csv(session, workspace_id=actor.workspace_id, data=data)
    except MessageError as error:
        flash(request, tr.say(error.message), "error")
    else:
        flash(
            request,
            tr.t(
                "brandfit.survey.imported",
                answers=tr.t("brandfit.survey.answers", count=done.answers),
                skipped=tr.t("brandfit.survey.skipped", count=done.skipped_known),
                matched=tr.t("brandfit.survey.matched", count=done.matched),
                leads=tr.t("brandfit.survey.leads", count=done.leads),
            ),
        )
    return RedirectResponse("/survey", status_code=303)
