"""Brand-fit pages: the briefs (viewers read, members edit) and a brief's shortlist."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from influent.domain.brand_score import DEFAULT_WEIGHTS, PARTS
from influent.domain.messages import MessageError
from influent.domain.platforms import Platform, Tier
from influent.services import brandfit, campaigns
from influent.services import creators as creator_service
from influent.web.deps import CurrentActor, EditorActor, SessionDep, TranslatorDep
from influent.web.templating import flash, render

router = APIRouter()

_FORM_FIELDS = (
    "name", "product", "audience", "keywords", "adjacent", "values", "exclude_topics",
    "exclude_words", "competitors", "languages", "countries", "platforms", "tiers", "budget",
)  # fmt: skip
_LIST_FIELDS = _FORM_FIELDS[3:13]


def _form_of(brief: brandfit.BriefData | None) -> dict[str, str]:
    if brief is None:
        return dict.fromkeys(_FORM_FIELDS, "")
    form = {"name": brief.name, "product": brief.product, "audience": brief.audience}
    form |= {key: "\n".join(getattr(brief, key)) for key in _LIST_FIELDS}
    form["budget"] = brief.budget
    return form


def _brief_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    *,
    form: dict[str, str],
    brief_id: int | None,
    error: str | None = None,
) -> HTMLResponse:
    return render(
        request,
        "brandfit/briefs.html",
        tr=tr,
        actor=actor,
        briefs=brandfit.list_briefs(session, workspace_id=actor.workspace_id),
        form=form,
        brief_id=brief_id,
        error=error,
        status_code=400 if error else 200,
    )


@router.get("/briefs", response_class=HTMLResponse, include_in_schema=False)
def briefs_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    edit: str | None = None,
) -> HTMLResponse:
    brief = None
    if edit:
        try:
            brief = brandfit.find_brief(session, workspace_id=actor.workspace_id, ref=edit)
        except brandfit.BriefError:
            raise HTTPException(status.HTTP_404_NOT_FOUND) from None
    return _brief_page(
        request, session, actor, tr, form=_form_of(brief), brief_id=brief.id if brief else None
    )


@router.post("/briefs", include_in_schema=False, response_model=None)
async def save_brief(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    brief_id: Annotated[int | None, Form()] = None,
) -> HTMLResponse | RedirectResponse:
    received = await request.form()
    form = {key: str(received.get(key, ""))[:4000] for key in _FORM_FIELDS}
    try:
        data = brandfit.brief_from_form(form)
        saved = brandfit.save_brief(
            session, workspace_id=actor.workspace_id, data=data, brief_id=brief_id
        )
    except MessageError as error:
        return _brief_page(
            request, session, actor, tr, form=form, brief_id=brief_id, error=tr.say(error.message)
        )
    flash(request, tr.t("brandfit.web.saved", name=saved.name))
    return RedirectResponse(f"/briefs/{saved.slug}/shortlist", status_code=303)


def _weights(request: Request) -> dict[str, float]:
    weights = dict(DEFAULT_WEIGHTS)
    for part in PARTS:
        raw = request.query_params.get(f"w_{part}")
        if raw is None:
            continue
        try:
            value = float(raw)
        except ValueError:
            continue
        if 0 <= value <= 10:
            weights[part] = value
    return weights


@router.get("/briefs/{ref}/shortlist", response_class=HTMLResponse, include_in_schema=False)
def shortlist_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    ref: str,
    platform: str = "",
    tier: str = "",
    country: str = "",
    language: str = "",
    min_quality: str = "",
    limit: int = 50,
) -> HTMLResponse:
    weights = _weights(request)
    quality = float(min_quality) if min_quality.replace(".", "", 1).isdigit() else None
    try:
        result = brandfit.shortlist(
            session,
            workspace_id=actor.workspace_id,
            brief_ref=ref,
            platforms=[platform] if platform in {p.value for p in Platform} else [],
            tiers=[tier] if tier in {t.value for t in Tier} else [],
            countries=[country.upper()[:2]] if country.strip() else [],
            languages=[language.lower()[:2]] if language.strip() else [],
            min_quality=quality,
            limit=max(1, min(limit, 200)),
            weights=weights,
        )
    except brandfit.BriefError:
        raise HTTPException(status.HTTP_404_NOT_FOUND) from None
    return render(
        request,
        "brandfit/shortlist.html",
        tr=tr,
        actor=actor,
        result=result,
        parts=PARTS,
        weights=weights,
        platforms=[p.value for p in Platform],
        tiers=[t.value for t in Tier],
        filters={
            "platform": platform,
            "tier": tier,
            "country": country,
            "language": language,
            "min_quality": min_quality,
        },
        entry_campaigns=(
            campaigns.list_campaigns(session, workspace_id=actor.workspace_id)
            if actor.role.can_edit
            else []
        ),
        entry_back=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
    )


@router.post("/briefs/{ref}/tag", include_in_schema=False)
def tag_shortlisted(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    ref: str,
    creator_ids: Annotated[list[int] | None, Form()] = None,
    tag: Annotated[str, Form()] = "shortlist",
) -> RedirectResponse:
    """Tag every ticked creator of the shortlist."""
    ids = list(dict.fromkeys(creator_ids or []))
    name = tag.strip()[:100] or "shortlist"
    done = 0
    for cid in ids:
        try:
            creator_service.tag_creator(
                session, workspace_id=actor.workspace_id, creator_id=cid, tags=[name]
            )
            done += 1
        except creator_service.NotFound:
            continue
    flash(request, tr.t("brandfit.web.tagged", count=done, tag=name))
    return RedirectResponse(f"/briefs/{ref}/shortlist", status_code=303)
