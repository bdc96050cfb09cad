"""Campaign use cases; errors are `MessageError`s with `campaign.error.*` codes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.domain.links import LinkRuleError, check_web_address
from influent.domain.messages import MessageError
from influent.domain.slugs import slugify
from influent.store.campaign_models import Campaign
from influent.store.models import Workspace

GOALS = ("sales", "branding")


class CampaignError(MessageError):
    """A campaign that cannot be created or found."""


def create_campaign(
    session: Session,
    *,
    workspace_id: int,
    name: str,
    goal: str = "sales",
    starts_on: date | None = None,
    ends_on: date | None = None,
    budget_minor: int | None = None,
    currency: str | None = None,
    brief: str | None = None,
    landing_url: str | None = None,
) -> Campaign:
    """A new campaign; its name (and so its slug) is unique in the workspace."""
    name = name.strip()
    if not name:
        raise CampaignError("campaign.error.name_required")
    if goal not in GOALS:
        raise CampaignError("campaign.error.goal", goal=goal, goals=", ".join(GOALS))
    if starts_on and ends_on and ends_on < starts_on:
        raise CampaignError("campaign.error.dates", starts=starts_on, ends=ends_on)
    if budget_minor is not None and budget_minor < 0:
        raise CampaignError("campaign.error.budget")
    landing_url = checked_landing(landing_url, CampaignError)
    slug = slugify(name, fallback="campaign")
    taken = session.scalar(
        select(Campaign.id).where(Campaign.workspace_id == workspace_id, Campaign.slug == slug)
    )
    if taken is not None:
        raise CampaignError("campaign.error.duplicate", name=name)
    workspace = session.get(Workspace, workspace_id)
    campaign = Campaign(
        workspace_id=workspace_id,
        name=name,
        slug=slug,
        goal=goal,
        starts_on=starts_on,
        ends_on=ends_on,
        budget_minor=budget_minor,
        currency=(currency or (workspace.currency if workspace else "EUR")).upper(),
        brief=brief,
        landing_url=landing_url,
    )
    session.add(campaign)
    session.flush()
    return campaign


def find_campaign(session: Session, *, workspace_id: int, ref: str) -> Campaign:
    """A campaign by id, slug or name (case and accents ignored)."""
    ref = ref.strip()
    query = select(Campaign).where(Campaign.workspace_id == workspace_id)
    if ref.isdigit() and len(ref) < 19:
        found = session.scalar(query.where(Campaign.id == int(ref)))
        if found is not None:
            return found
    found = session.scalar(query.where(Campaign.slug == slugify(ref, fallback="")))
    if found is None:
        found = session.scalar(query.where(func.lower(Campaign.name) == ref.lower()))
    if found is None:
        raise CampaignError("campaign.error.not_found", ref=ref)
    return found


def get_campaign(session: Session, *, workspace_id: int, campaign_id: int) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or campaign.workspace_id != workspace_id:
        raise CampaignError("campaign.error.not_found", ref=str(campaign_id))
    return campaign


def list_campaigns(session: Session, *, workspace_id: int) -> list[Campaign]:
    return list(
        session.scalars(
            select(Campaign)
            .where(Campaign.workspace_id == workspace_id)
            .order_by(Campaign.created_at.desc(), Campaign.id.desc())
        )
    )


def checked_landing(url: str | None, error: type[MessageError]) -> str | None:
    """A landing page as people will be sent to it (an absolute http(s) address), or None."""
    text = (url or "").strip()
    if not text:
        return None
    try:
        return check_web_address(text)
    except LinkRuleError as refused:
        raise error(refused.message.code, **refused.message.params) from None
