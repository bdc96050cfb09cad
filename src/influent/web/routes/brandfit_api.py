"""Brand fit in the JSON API: a brief's shortlist, as `influent shortlist --json` prints it."""

from __future__ import annotations

from fastapi import APIRouter, Query, status
from pydantic import BaseModel

from influent.domain.brand_score import DEFAULT_WEIGHTS, PARTS
from influent.domain.messages import MessageError
from influent.services import brandfit
from influent.services.i18n import Translator
from influent.web.api_errors import ERRORS, ApiRefusal
from influent.web.deps import ApiActor, SessionDep

router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)


class AccountOut(BaseModel):
    platform: str
    handle: str
    url: str | None


class EvidenceOut(BaseModel):
    text: str
    url: str | None
    similarity: float


class FlagOut(BaseModel):
    kind: str
    term: str | None
    topic: str | None
    text: str
    url: str | None


class ShortlistRowOut(BaseModel):
    rank: int
    creator_id: int
    name: str
    accounts: list[AccountOut]
    score: float
    parts: dict[str, float | None]
    missing: list[str]
    evidence: list[EvidenceOut]
    keywords_hit: list[str]
    flags: list[FlagOut]


class ShortlistOut(BaseModel):
    brief: str
    weights: dict[str, float]
    considered: int
    results: list[ShortlistRowOut]


@router.get("/briefs/{ref}/shortlist", response_model=ShortlistOut)
def api_shortlist(
    session: SessionDep,
    actor: ApiActor,
    ref: str,
    platform: list[str] = Query(default=[]),
    tier: list[str] = Query(default=[]),
    country: list[str] = Query(default=[]),
    language: list[str] = Query(default=[]),
    min_quality: float | None = Query(default=None, ge=0, le=100),
    limit: int = Query(default=50, ge=1, le=1000),
    weight: list[str] = Query(default=[], description="part=number, e.g. fit=4"),
) -> ShortlistOut:
    """Creators ranked against a brief, each part of the score with its evidence and flags."""
    try:
        weights = brandfit.parse_weights(weight)
        result = brandfit.shortlist(
            session,
            workspace_id=actor.workspace_id,
            brief_ref=ref,
            platforms=platform,
            tiers=tier,
            countries=country,
            languages=language,
            min_quality=min_quality,
            limit=limit,
            weights=weights,
        )
    except brandfit.BriefError as error:
        code = (
            status.HTTP_404_NOT_FOUND
            if error.code == "brandfit.error.not_found"
            else status.HTTP_422_UNPROCESSABLE_CONTENT
        )
        raise ApiRefusal(code, error.code, Translator("en").say(error.message)) from None
    except MessageError as error:
        raise ApiRefusal(
            status.HTTP_422_UNPROCESSABLE_CONTENT, error.code, Translator("en").say(error.message)
        ) from None
    except ValueError as error:
        raise ApiRefusal(status.HTTP_422_UNPROCESSABLE_CONTENT, "value_error", str(error)) from None
    return ShortlistOut(
        brief=result.brief.name,
        weights={p: result.weights.get(p, DEFAULT_WEIGHTS[p]) for p in PARTS},
        considered=result.considered,
        results=[
            ShortlistRowOut(
                rank=r.rank,
                creator_id=r.creator_id,
                name=r.name,
                accounts=[AccountOut(platform=p, handle=h, url=u) for p, h, u in r.accounts],
                score=round(r.score, 4),
                parts={k: None if v is None else round(v, 4) for k, v in r.parts.items()},
                missing=list(r.missing),
                evidence=[
                    EvidenceOut(text=e.text, url=e.url, similarity=round(e.similarity, 4))
                    for e in r.evidence
                ],
                keywords_hit=list(r.keywords_hit),
                flags=[
                    FlagOut(kind=f.kind, term=f.term, topic=f.topic, text=f.text, url=f.url)
                    for f in r.flags
                ],
            )
            for r in result.results
        ],
    )
