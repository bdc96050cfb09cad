"""Outreach in the JSON API: a campaign's pipeline, a move, the due list and the planner."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict
from pydantic import Field as Spec

from influent.domain.messages import MessageError
from influent.domain.pipeline import LostReason, Stage
from influent.domain.planner import MAX_DEALS
from influent.services import campaigns, outreach
from influent.services.i18n import Translator
from influent.web.api_errors import ERRORS, ApiRefusal
from influent.web.deps import MAX_ID, ApiActor, ApiEditor, RowId, SessionDep, SettingsDep

router = APIRouter(prefix="/api/v1", tags=["outreach"], responses=ERRORS)
_EN = Translator("en")


class CardOut(BaseModel):
    opportunity_id: int
    creator_id: int
    name: str
    handle: str | None
    platform: str | None
    followers: int | None
    engagement_rate: float | None
    stage: str
    lost_reason: str | None
    moves: list[str] = Spec(description="The stages this card may move to now.")
    last_touch_at: datetime | None
    touches: int
    tier: str | None = None
    last_channel: str | None = Spec(None, description="The channel of the latest touch.")
    tags: list[str] = []


class PipelineOut(BaseModel):
    campaign_id: int
    campaign: str
    stages: dict[str, list[CardOut]]


class MoveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stage: Stage
    lost_reason: LostReason | None = None


class EntryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    creator_ids: list[Annotated[int, Spec(ge=1, le=MAX_ID)]] = Spec(
        min_length=1,
        max_length=outreach.MAX_ENTRY,
        description=f"The creators to add, at most {outreach.MAX_ENTRY} a request.",
    )


class EntryOut(BaseModel):
    campaign_id: int
    added: list[int] = Spec(description="The creators who entered the campaign at 'identified'.")
    already_in: list[int] = Spec(
        description="The creators who were in it already, left as they were."
    )
    opportunity_ids: list[int] = Spec(description="The new opportunities, in the order of `added`.")
    summary: str


class DueOut(BaseModel):
    opportunity_id: int
    creator_id: int
    creator: str
    campaign_id: int
    campaign: str
    stage: str
    kind: str = Spec(description="follow_up, close or reply.")
    due_at: datetime
    follow_up_number: int | None


class PlanOut(BaseModel):
    deals: int
    by: date
    contact_for_50: int
    contact_for_90: int
    rates: dict[str, float]
    source: str = Spec(description="prior or history.")
    history_size: int
    days_to_deal: float
    contact_by: date
    per_day_50: int | None
    per_day_90: int | None
    too_late: bool
    over_cap: bool


def _refuse(error: MessageError, code: int = status.HTTP_400_BAD_REQUEST) -> ApiRefusal:
    return ApiRefusal(code, error.code, _EN.say(error.message))


def _pipeline(session: SessionDep, workspace_id: int, campaign_id: int) -> PipelineOut:
    try:
        campaign = campaigns.get_campaign(
            session, workspace_id=workspace_id, campaign_id=campaign_id
        )
    except MessageError as error:
        raise _refuse(error, status.HTTP_404_NOT_FOUND) from None
    columns = outreach.board(session, workspace_id=workspace_id, campaign_id=campaign_id)
    return PipelineOut(
        campaign_id=campaign.id,
        campaign=campaign.name,
        stages={
            stage: [CardOut.model_validate(card, from_attributes=True) for card in cards]
            for stage, cards in columns.items()
        },
    )


@router.get("/campaigns/{campaign_id}/pipeline", response_model=PipelineOut)
def pipeline(session: SessionDep, actor: ApiActor, campaign_id: RowId) -> PipelineOut:
    """The campaign's opportunities by stage."""
    return _pipeline(session, actor.workspace_id, campaign_id)


@router.post("/campaigns/{campaign_id}/opportunities", response_model=EntryOut)
def add_opportunities(
    session: SessionDep, actor: ApiEditor, campaign_id: RowId, body: EntryIn
) -> EntryOut:
    """Add creators to the campaign; adding one who is in it already changes nothing and says so.

    All or nothing: an unknown creator, or one of another workspace, is a 422 naming it.
    """
    try:
        campaigns.get_campaign(session, workspace_id=actor.workspace_id, campaign_id=campaign_id)
    except MessageError as error:
        raise _refuse(error, status.HTTP_404_NOT_FOUND) from None
    try:
        entry = outreach.enter_campaign(
            session,
            workspace_id=actor.workspace_id,
            campaign_id=campaign_id,
            creator_ids=body.creator_ids,
            user_id=actor.user_id,
        )
    except MessageError as error:
        session.rollback()
        raise ApiRefusal(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            error.code,
            _EN.say(error.message),
            "body",
            "creator_ids",
        ) from None
    return EntryOut(
        campaign_id=campaign_id,
        added=list(entry.added),
        already_in=list(entry.already_in),
        opportunity_ids=list(entry.opportunity_ids),
        summary=_EN.say(entry.summary),
    )


@router.post("/opportunities/{opportunity_id}/move", response_model=CardOut)
def move(session: SessionDep, actor: ApiEditor, opportunity_id: RowId, body: MoveIn) -> CardOut:
    """Move an opportunity; an illegal move is a 400 with the reason."""
    try:
        opportunity = outreach.move(
            session,
            workspace_id=actor.workspace_id,
            opportunity_id=opportunity_id,
            stage=body.stage,
            lost_reason=body.lost_reason,
            user_id=actor.user_id,
        )
    except MessageError as error:
        session.rollback()
        missing = error.code == "outreach.error.opportunity_not_found"
        raise _refuse(error, status.HTTP_404_NOT_FOUND if missing else 400) from None
    found = _pipeline(session, actor.workspace_id, opportunity.campaign_id)
    return next(c for c in found.stages[opportunity.stage] if c.opportunity_id == opportunity_id)


@router.get("/due", response_model=list[DueOut])
def due(session: SessionDep, actor: ApiActor, days: int = 0) -> list[DueOut]:
    """Follow-ups and answers due today (and in the next `days` days)."""
    items = outreach.due_list(
        session, workspace_id=actor.workspace_id, upcoming_days=max(0, min(days, 60))
    )
    return [DueOut.model_validate(i, from_attributes=True) for i in items]


@router.get("/plan", response_model=PlanOut)
def plan(
    session: SessionDep,
    settings: SettingsDep,
    actor: ApiActor,
    deals: Annotated[int, Query(ge=1, le=MAX_DEALS)],
    by: date,
    campaign_id: int | None = None,
) -> PlanOut:
    """How many creators to contact to sign `deals` deals by `by` (50% and 90% plans)."""
    try:
        if campaign_id is not None:
            campaigns.get_campaign(
                session, workspace_id=actor.workspace_id, campaign_id=campaign_id
            )
        made = outreach.plan(
            session,
            workspace_id=actor.workspace_id,
            deals=deals,
            by=by,
            today=date.today(),
            campaign_id=campaign_id,
            daily_cap=settings.outreach_daily_cap,
        )
    except MessageError as error:
        raise _refuse(error) from None
    return PlanOut.model_validate(made, from_attributes=True)
