"""Link use cases: create, find and list tracked links, a workspace's allowed domains, QR codes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import segno
from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.accounts import parse_account
from influent.domain.links import (
    UTM_FIELDS,
    LinkRuleError,
    check_destination,
    check_key,
    key_candidates,
    normalise_domain,
    utm_of,
    with_utm,
)
from influent.domain.platforms import Platform
from influent.domain.values import ValueProblem
from influent.services.campaigns import find_campaign, get_campaign
from influent.store.campaign_models import Campaign
from influent.store.link_models import Link, LinkDay
from influent.store.models import Account, Workspace

__all__ = [
    "LinkError",
    "LinkStats",
    "add_link_domain",
    "create_link",
    "find_link",
    "link_days",
    "link_domains",
    "list_links",
    "qr_code",
    "remove_link_domain",
    "short_url",
]

TARGET_MAX = 3000


# One error for every refusal of the wing, the domain's rules included.
LinkError = LinkRuleError


@dataclass(frozen=True, slots=True)
class LinkStats:
    """A link's counters, read from the link row and its daily rollups (never raw clicks)."""

    human: int
    bot: int
    visitors: int
    days: list[tuple[date, int, int, int]]


def short_url(base_url: str, key: str) -> str:
    return f"{base_url.rstrip('/')}/r/{key}"


def link_domains(session: Session, *, workspace_id: int) -> list[str]:
    workspace = session.get(Workspace, workspace_id)
    return list(workspace.link_domains or []) if workspace else []


def add_link_domain(session: Session, *, workspace_id: int, domain: str) -> list[str]:
    """Allow links to send people to `domain` and its subdomains."""
    workspace = session.get(Workspace, workspace_id)
    assert workspace is not None
    clean = normalise_domain(domain)
    domains = sorted({*workspace.link_domains, clean})
    workspace.link_domains = domains
    session.flush()
    return domains


def remove_link_domain(session: Session, *, workspace_id: int, domain: str) -> list[str]:
    """Stop allowing `domain` for new links (existing links keep their destination)."""
    workspace = session.get(Workspace, workspace_id)
    assert workspace is not None
    clean = normalise_domain(domain)
    workspace.link_domains = [d for d in workspace.link_domains if d != clean]
    session.flush()
    return list(workspace.link_domains)


def _account(session: Session, workspace_id: int, ref: str) -> Account:
    text, platform = ref.strip(), None
    prefix, colon, rest = text.partition(":")
    if colon and prefix.lower() in {p.value for p in Platform}:
        text, platform = rest, Platform(prefix.lower())
    try:
        parsed = parse_account(text, platform)
    except ValueProblem:
        parsed = None
    if parsed is None:
        raise LinkError("links.error.creator_not_found", ref=ref)
    query = select(Account).where(
        Account.workspace_id == workspace_id, Account.handle_key == parsed.key
    )
    if parsed.platform is not None:
        query = query.where(Account.platform == parsed.platform.value)
    found = list(session.scalars(query.order_by(Account.followers.desc().nulls_last())))
    if not found:
        raise LinkError("links.error.creator_not_found", ref=ref)
    if len({a.platform for a in found}) > 1 and parsed.platform is None:
        raise LinkError("links.error.creator_ambiguous", ref=ref)
    return found[0]


def _free_key(session: Session, key: str | None, handle: str, campaign: Campaign) -> str:
    if key is not None:
        key = check_key(key)
        if session.scalar(select(Link.id).where(Link.key_lower == key.lower())) is not None:
            raise LinkError("links.error.key_taken", key=key)
        return key
    for candidate in key_candidates(handle, campaign.slug):
        if session.scalar(select(Link.id).where(Link.key_lower == candidate)) is None:
            return candidate
    raise AssertionError("key_candidates never ends")  # pragma: no cover


def create_link(
    session: Session,
    *,
    workspace_id: int,
    creator: str,
    campaign: str | int,
    to: str | None = None,
    key: str | None = None,
    utm: dict[str, str] | None = None,
    created_by: int | None = None,
) -> Link:
    """A tracked link for a creator's account in a campaign.

    `utm_source` is the account's platform, `utm_medium` "influencer", `utm_campaign` the
    campaign's slug and `utm_content` the handle; a UTM parameter already on the destination
    wins over those defaults, and `utm` overrides both.
    """
    found = (
        get_campaign(session, workspace_id=workspace_id, campaign_id=campaign)
        if isinstance(campaign, int)
        else find_campaign(session, workspace_id=workspace_id, ref=campaign)
    )
    account = _account(session, workspace_id, creator)
    destination = (to or "").strip() or found.landing_url
    if not destination:
        raise LinkError("links.error.no_destination")
    checked = check_destination(destination, link_domains(session, workspace_id=workspace_id))
    values: dict[str, str] = {
        "utm_source": account.platform,
        "utm_medium": "influencer",
        "utm_campaign": found.slug,
        "utm_content": account.handle,
    }
    values.update(utm_of(checked))
    values.update({k: v.strip() for k, v in (utm or {}).items() if k in UTM_FIELDS and v.strip()})
    target = with_utm(checked, values).url
    if len(target) > TARGET_MAX:
        raise LinkError("links.error.destination_invalid", url=destination[:200])
    chosen = _free_key(session, key, account.handle, found)
    link = Link(
        workspace_id=workspace_id,
        campaign_id=found.id,
        creator_id=account.creator_id,
        created_by=created_by,
        platform=account.platform,
        handle=account.handle,
        key=chosen,
        key_lower=chosen.lower(),
        destination=checked,
        target_url=target,
        clicks_human=0,
        clicks_bot=0,
        visitors=0,
        **{name: values.get(name) for name in UTM_FIELDS},
    )
    session.add(link)
    session.flush()
    return link


def find_link(session: Session, *, workspace_id: int, ref: str) -> Link:
    """A link of the workspace by key (any case) or id."""
    text = ref.strip().removeprefix("#")
    link = session.scalar(
        select(Link).where(Link.workspace_id == workspace_id, Link.key_lower == text.lower())
    )
    if link is None and text.isdigit() and len(text) < 19:
        link = session.get(Link, int(text))
    if link is None or link.workspace_id != workspace_id:
        raise LinkError("links.error.not_found", ref=ref)
    return link


def list_links(
    session: Session, *, workspace_id: int, campaign_id: int | None = None
) -> list[Link]:
    query = select(Link).where(Link.workspace_id == workspace_id)
    if campaign_id is not None:
        query = query.where(Link.campaign_id == campaign_id)
    return list(session.scalars(query.order_by(Link.created_at.desc(), Link.id.desc())))


def link_days(session: Session, *, link: Link) -> LinkStats:
    session.refresh(link)
    rows = session.execute(
        select(LinkDay.day, LinkDay.human, LinkDay.bot, LinkDay.visitors)
        .where(LinkDay.link_id == link.id)
        .order_by(LinkDay.day)
    ).all()
    return LinkStats(
        human=link.clicks_human,
        bot=link.clicks_bot,
        visitors=link.visitors,
        days=[(day, human, bot, visitors) for day, human, bot, visitors in rows],
    )


def qr_code(url: str, *, kind: str = "svg", scale: int = 8) -> bytes:
    """The QR code of a URL, as SVG or PNG (error correction M: survives print and video)."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    if kind == "png":
        code.save(buffer, kind="png", scale=scale, border=4)
    else:
        code.save(buffer, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True)
    return buffer.getvalue()
