"""Finding creators: the filters, sorts and pages of the creators table."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    and_,
    column,
    exists,
    false,
    func,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session, aliased, selectinload

from influent.domain.creator_table import PROVISIONAL_FLAG, SORT_KEYS
from influent.domain.platforms import TIER_BOUNDS, Platform, Tier
from influent.domain.rows import search_words
from influent.store.models import Account, Creator, CreatorTag, Tag
from influent.store.quality_models import CreatorQuality

__all__ = [
    "COUNT_CAP",
    "PROVISIONAL_FLAG",
    "SORTS",
    "CreatorPage",
    "CreatorQuery",
    "find_creators",
    "largest_accounts_on",
]

# Counting a million filtered rows costs more than the page itself; above this we say "1,000+".
COUNT_CAP = 1_000

_SORT_COLUMNS = {
    "followers": Creator.followers,
    "name": Creator.name_key,
    "engagement": Creator.engagement_rate,
    "created": Creator.id,
    # Audience quality ranks by `rank`: a provisional score by the bottom of its range.
    "quality": CreatorQuality.rank,
}
# Sort key -> (column, descending); a leading '-' means largest first, as in Django and DRF.
SORTS = {key: (_SORT_COLUMNS[key.removeprefix("-")], key.startswith("-")) for key in SORT_KEYS}
_QUALITY_SORTS = frozenset({"quality", "-quality"})


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
    # Audience quality: the stored score within [min_quality, max_quality], and a flag
    # (a signal that lost points, "engagement_pod", or PROVISIONAL_FLAG).
    min_quality: int | None = None
    max_quality: int | None = None
    flag: str | None = None
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


def _conditions(
    workspace_id: int, q: CreatorQuery, tag_id: int | None
) -> list[ColumnElement[bool]]:
    """Every filter but the text search; `tag_id` is the id of `q.tag` (None: no such tag)."""
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
        # By the tag's id, so that each creator costs one primary-key probe.
        where.append(
            exists().where(_TAGGED.creator_id == Creator.id, _TAGGED.tag_id == tag_id)
            if tag_id is not None
            else false()
        )
    quality: list[ColumnElement[bool]] = []
    if q.min_quality is not None:
        quality.append(_SCORED.score >= q.min_quality)
    if q.max_quality is not None:
        quality.append(_SCORED.score <= q.max_quality)
    if q.flag == PROVISIONAL_FLAG:
        quality.append(_SCORED.provisional.is_(True))
    elif q.flag:
        quality.append(_SCORED.flags.contains(f",{q.flag},", autoescape=True))
    if quality:
        where.append(exists().where(_SCORED.creator_id == Creator.id, *quality))
    return where


# An alias, so that the tag filter stays its own subquery when counting joins creator_tags.
_TAGGED = aliased(CreatorTag)
# Likewise the quality filters, when the page also joins the scores to sort by them.
_SCORED = aliased(CreatorQuality)


def _tag_id(session: Session, workspace_id: int, name: str) -> int | None:
    return session.scalar(select(Tag.id).where(Tag.workspace_id == workspace_id, Tag.name == name))


def _text_condition(
    session: Session, words: list[str], *, from_matches: bool
) -> ColumnElement[bool]:
    """Every word must start a word of the creator's name, handle, email or category.

    On SQLite, `from_matches` starts from the FTS5 index's matches (best when they are
    few). Otherwise SQLite walks the table in the page's sort order and reads each
    creator's own search text, whose words are single-space separated, so ' dur' found in
    ' ' + text is exactly "a word starts with dur" (best when many match: the first page
    fills within a few hundred rows, with nothing to build first).
    On PostgreSQL each word is an ILIKE '%…%' answered by the pg_trgm GIN index.
    """
    if session.get_bind().dialect.name == "sqlite":
        if from_matches:
            return Creator.id.in_(_fts_matches(_match(words)))
        spaced = " " + Creator.search_text
        return and_(*(func.instr(spaced, " " + w) > 0 for w in words))
    return and_(
        *(
            Creator.search_text.ilike(
                "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",
                escape="\\",
            )
            for w in words
        )
    )


_FTS = table("creators_fts", column("rowid"))


def _match(words: list[str]) -> str:
    """An FTS5 query: every word, as the start of a word ('dup mar' finds 'Marie Dupont')."""
    return " ".join(f'"{w}"*' for w in words)


def _fts_matches(match: str) -> Select[Any]:
    return (
        select(text("rowid"))
        .select_from(text("creators_fts"))
        .where(text("creators_fts MATCH :match").bindparams(match=match))
    )


# Above this many text matches the page walks the sort order instead of sorting the matches.
_MANY_MATCHES = 2_000


def _many_matches(session: Session, words: list[str]) -> bool:
    if session.get_bind().dialect.name != "sqlite":
        return False
    capped = _fts_matches(_match(words)).limit(_MANY_MATCHES + 1).subquery()
    return (session.scalar(select(func.count()).select_from(capped)) or 0) > _MANY_MATCHES


def _ordered(stmt: Select[Any], sort: str) -> Select[Any]:
    column, descending = SORTS.get(sort, SORTS["-followers"])
    if descending:
        return stmt.order_by(column.desc().nulls_last(), Creator.id.desc())
    return stmt.order_by(column.asc().nulls_last(), Creator.id.asc())


def find_creators(session: Session, workspace_id: int, q: CreatorQuery) -> CreatorPage:
    """One page of creators matching `q`, with a total capped at COUNT_CAP."""
    tag_id = _tag_id(session, workspace_id, q.tag) if q.tag else None
    where = _conditions(workspace_id, q, tag_id)
    words = search_words(q.text) if q.text else []
    page_where = list(where)
    counted = select(Creator.id).where(*where)
    if tag_id is not None:
        # Counting starts from the tag's creators (an index), not from every creator.
        counted = (
            select(Creator.id)
            .select_from(CreatorTag)
            .join(Creator, Creator.id == CreatorTag.creator_id)
            .where(CreatorTag.tag_id == tag_id, *where)
        )
    if words:
        walk = _many_matches(session, words)
        page_where.append(_text_condition(session, words, from_matches=not walk))
        if session.get_bind().dialect.name == "sqlite":
            # Counting starts from the matches as FTS5 streams them, and stops at the cap.
            counted = (
                select(Creator.id)
                .select_from(_FTS)
                .join(Creator, Creator.id == _FTS.c.rowid)
                .where(text("creators_fts MATCH :match").bindparams(match=_match(words)), *where)
            )
        else:
            counted = counted.where(_text_condition(session, words, from_matches=True))
    per_page = max(1, min(q.per_page, 500))
    page = max(1, q.page)
    chosen = select(Creator)
    if q.sort in _QUALITY_SORTS:
        chosen = chosen.outerjoin(CreatorQuality, CreatorQuality.creator_id == Creator.id)
    stmt = _ordered(chosen.where(and_(*page_where)), q.sort)
    stmt = stmt.options(selectinload(Creator.tags)).limit(per_page).offset((page - 1) * per_page)
    capped = select(func.count()).select_from(counted.limit(COUNT_CAP + 1).subquery())
    counting = _count_aside(session, capped)
    items = list(session.scalars(stmt))
    total = (counting.result() if counting is not None else session.scalar(capped)) or 0
    exact = total <= COUNT_CAP
    total = min(total, COUNT_CAP)
    return CreatorPage(
        items=items, total=total, total_is_exact=exact, query=q, pages=max(1, -(-total // per_page))
    )


_COUNTERS = 4
_COUNTER = ThreadPoolExecutor(max_workers=_COUNTERS, thread_name_prefix="influent-count")
# Counts never queue: when every counting thread is busy (a loaded server), count inline.
_FREE_COUNTERS = threading.BoundedSemaphore(_COUNTERS)


def _count_aside(session: Session, capped: Select[Any]) -> Future[int | None] | None:
    """Count on a second SQLite connection while this one reads the page.

    SQLite releases the GIL while it searches, so on a machine with two cores the count
    (up to COUNT_CAP + 1 matches) no longer adds to the page's time. Only when this
    connection has written nothing yet: another connection would not see those writes.
    """
    bind = session.get_bind()
    if bind.dialect.name != "sqlite" or session.new or session.dirty or session.deleted:
        return None
    driver = session.connection().connection.dbapi_connection
    if driver is None or driver.in_transaction:
        return None
    engine = bind if isinstance(bind, Engine) else bind.engine
    if not _FREE_COUNTERS.acquire(blocking=False):
        return None

    def count() -> int | None:
        try:
            with Session(engine) as other:
                total: int | None = other.scalar(capped)
                return total
        finally:
            _FREE_COUNTERS.release()

    return _COUNTER.submit(count)


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


def largest_accounts_on(
    session: Session, creator_ids: Sequence[int], platform: str
) -> dict[int, Account]:
    """Each creator's largest account on `platform` (for a table filtered by platform)."""
    if not creator_ids:
        return {}
    found: dict[int, Account] = {}
    rows = session.scalars(
        select(Account)
        .where(Account.creator_id.in_(list(creator_ids)), Account.platform == platform)
        .order_by(Account.creator_id, Account.followers.desc().nulls_last(), Account.id)
    )
    for account in rows:
        found.setdefault(account.creator_id, account)
    return found
