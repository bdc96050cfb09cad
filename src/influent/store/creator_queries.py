"""Finding creators: the filters, sorts and pages of the creators table."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, select, text
from sqlalchemy.orm import Session, selectinload

from influent.domain.platforms import TIER_BOUNDS, Platform, Tier
from influent.domain.values import normalise_key
from influent.store.models import Account, Creator, CreatorTag, Tag

__all__ = ["COUNT_CAP", "SORTS", "CreatorPage", "CreatorQuery", "find_creators"]

# Counting a million filtered rows costs more than the page itself; above this we say "1,000+".
COUNT_CAP = 1_000

# Sort key -> (column, descending); a leading '-' means largest first, as in Django and DRF.
SORTS = {
    "followers": (Creator.followers, False),
    "-followers": (Creator.followers, True),
    "name": (Creator.name_key, False),
    "-name": (Creator.name_key, True),
    "engagement": (Creator.engagement_rate, False),
    "-engagement": (Creator.engagement_rate, True),
    "created": (Creator.id, False),
    "-created": (Creator.id, True),
}


@dataclass(slots=True)
class CreatorQuery:
    """What a user asked the table for. Empty fields filter nothing."""

    platform: Platform | None = None
    tier: Tier | None = None
    min_followers: int | None = None
    max_followers: int | None = None
    tag: str | None = None
    country: str | None = None
    language: str | None = None
    text: str | None = None
    sort: str = "-followers"
    page: int = 1
    per_page: int = 50


@dataclass(slots=True)
class CreatorPage:
    items: list[Creator]
    total: int
    total_is_exact: bool
    query: CreatorQuery
    pages: int = field(default=1)


def _conditions(session: Session, workspace_id: int, q: CreatorQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Creator.workspace_id == workspace_id]
    if q.platform is not None:
        # Any account on the platform (the main one is an account too).
        where.append(
            exists().where(Account.creator_id == Creator.id, Account.platform == q.platform.value)
        )
    low, high = q.min_followers, q.max_followers
    if q.tier is not None:
        tier_low, tier_high = TIER_BOUNDS[q.tier]
        low = max(low or 0, tier_low)
        high = (
            tier_high - 1 if tier_high is not None and (high is None or high >= tier_high) else high
        )
    if low is not None:
        where.append(Creator.followers >= low)
    if high is not None:
        where.append(Creator.followers <= high)
    if q.country:
        where.append(Creator.country == q.country)
    if q.language:
        where.append(Creator.language == q.language)
    if q.tag:
        where.append(
            exists()
            .where(CreatorTag.creator_id == Creator.id, CreatorTag.tag_id == Tag.id)
            .where(Tag.workspace_id == workspace_id, Tag.name == q.tag)
        )
    if q.text and q.text.strip():
        where.append(_text_condition(session, normalise_key(q.text)))
    return where


def _text_condition(session: Session, needle: str) -> ColumnElement[bool]:
    words = re.findall(r"\w+", needle)
    if session.get_bind().dialect.name == "sqlite" and words:
        # FTS5: every word of the query must start a word of the creator's name, handle,
        # email or category ('dup mar' finds 'Marie Dupont').
        match = " ".join(f'"{w}"*' for w in words)
        return Creator.id.in_(
            select(text("rowid"))
            .select_from(text("creators_fts"))
            .where(text("creators_fts MATCH :match").bindparams(match=match))
        )
    # PostgreSQL answers ILIKE '%…%' from the pg_trgm GIN index: any part of the text matches.
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return Creator.search_text.ilike(pattern, escape="\\")


def _ordered(stmt: Select[Any], sort: str) -> Select[Any]:
    column, descending = SORTS.get(sort, SORTS["-followers"])
    if descending:
        return stmt.order_by(column.desc().nulls_last(), Creator.id.desc())
    return stmt.order_by(column.asc().nulls_last(), Creator.id.asc())


def find_creators(session: Session, workspace_id: int, q: CreatorQuery) -> CreatorPage:
    """One page of creators matching `q`, with a total capped at COUNT_CAP."""
    where = _conditions(session, workspace_id, q)
    per_page = max(1, min(q.per_page, 500))
    page = max(1, q.page)
    stmt = _ordered(select(Creator).where(and_(*where)), q.sort)
    stmt = stmt.options(selectinload(Creator.tags)).limit(per_page).offset((page - 1) * per_page)
    items = list(session.scalars(stmt))
    capped = select(Creator.id).where(and_(*where)).limit(COUNT_CAP + 1).subquery()
    total = session.scalar(select(func.count()).select_from(capped)) or 0
    exact = total <= COUNT_CAP
    total = min(total, COUNT_CAP)
    return CreatorPage(
        items=items, total=total, total_is_exact=exact, query=q, pages=max(1, -(-total // per_page))
    )


def facet_values(session: Session, workspace_id: int, column: str) -> Sequence[str]:
    """Distinct countries or languages, for the filter menus."""
    col = {"country": Creator.country, "language": Creator.language}[column]
    stmt = (
        select(col)
        .where(Creator.workspace_id == workspace_id, col.is_not(None))
        .group_by(col)
        .order_by(func.count().desc())
        .limit(200)
    )
    return [v for v in session.scalars(stmt) if v]
