"""Saving what a source says about an account: matched to a known account or created with
a new creator, its numbers and posts written, and empty contact fields filled from its bio.

Enrichment and discovery both save accounts this way, so an account found by a search and
one refreshed later are merged by the same handle key the spreadsheet import uses.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from influent.domain.accounts import normalise_handle, parse_account
from influent.domain.content import AccountData
from influent.domain.metrics import engagement_rate
from influent.domain.rows import search_text
from influent.domain.values import ValueProblem, normalise_key, parse_email
from influent.services.vetting.quality_table import refresh_quality_of
from influent.store import creator_writes as writes
from influent.store import source_queries as queries
from influent.store.models import Account, Creator

__all__ = ["SavedAccount", "refresh_creators", "save_account", "set_engagement"]


@dataclass(slots=True)
class SavedAccount:
    creator: Creator
    account: Account
    is_new: bool


def _identity(data: AccountData) -> tuple[str, str]:
    """(display handle, merge key) as the spreadsheet import computes them."""
    for value in (data.url, data.handle):
        try:
            ref = parse_account(value, data.platform)
        except ValueProblem:
            continue
        if ref is not None:
            return ref.handle, ref.key
    return data.handle, normalise_handle(data.handle)


def _contact_notes(data: AccountData) -> str | None:
    lines = [*data.contacts.agent_lines]
    sites = [w for w in data.contacts.websites if w != data.url][:3]
    if sites:
        lines.append("Websites: " + ", ".join(sites))
    return "\n".join(lines) or None


def _first_email(data: AccountData) -> str | None:
    for email in data.contacts.emails:
        try:
            return parse_email(email)
        except ValueProblem:
            continue
    return None


def save_account(
    session: Session, workspace_id: int, data: AccountData, *, now: datetime
) -> SavedAccount:
    """The account `data` describes, matched by handle key or external id, or created with
    a new creator; its numbers and posts are written and empty contact fields filled."""
    handle, key = _identity(data)
    platform = data.platform.value
    match = [Account.handle_key == key]
    if data.external_id:
        match.append(Account.external_id == data.external_id)
    account = session.scalar(
        select(Account)
        .where(Account.workspace_id == workspace_id, Account.platform == platform, or_(*match))
        .order_by(Account.id)
        .limit(1)
    )
    is_new = account is None
    if account is None:
        name = (data.name or handle)[:300]
        creator = Creator(
            workspace_id=workspace_id,
            name=name,
            name_key=normalise_key(name),
            country=(data.country or None),
            language=(data.language or None),
            category=data.categories[0][:200] if data.categories else None,
            custom_fields={},
            created_at=now,
            updated_at=now,
        )
        session.add(creator)
        session.flush()
        account = Account(
            workspace_id=workspace_id,
            creator_id=creator.id,
            platform=platform,
            handle=handle[:300],
            handle_key=key[:300],
            url=data.url,
            external_id=data.external_id,
            created_at=now,
        )
        session.add(account)
        session.flush()
    else:
        creator = account.creator
    if not creator.email:
        creator.email = _first_email(data)
    if not creator.notes:
        creator.notes = _contact_notes(data)
    queries.apply_account_data(session, account, data)
    set_engagement(account, data)
    creator.search_text = search_text(creator.name, handle, creator.email, creator.category)
    return SavedAccount(creator, account, is_new)


def set_engagement(account: Account, data: AccountData) -> None:
    if data.posts:
        rate = engagement_rate(data.platform, data.posts, account.followers)
        if rate.value is not None:
            account.engagement_rate = rate.value


def refresh_creators(session: Session, creator_ids: Iterable[int], now: datetime) -> None:
    """Copy each creator's largest account onto the creator row, and score it again."""
    creator_ids = list(creator_ids)
    session.flush()
    with warnings.catch_warnings():
        # Result.tuples() in creator_writes is deprecated from SQLAlchemy 2.1 on; harmless.
        warnings.filterwarnings("ignore", r"The Result\.tuples\(\) method", DeprecationWarning)
        writes.refresh_primary_accounts(session, creator_ids, now)
    refresh_quality_of(session, creator_ids)
