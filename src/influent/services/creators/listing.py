"""The creators table as a query: filters, sort keys and pages, read from text the same way
whichever face received it (the web app's query string, the command line's options)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.orm import Session

from influent.domain.creator_table import (
    DEFAULT_SORT,
    QUALITY_FLAGS,
    QUALITY_SIGNALS,
    SORT_KEYS,
    sort_is_descending,
)
from influent.domain.platforms import PLATFORM_ALIASES, Platform, Tier
from influent.domain.values import ValueProblem, normalise_key, parse_count
from influent.services.creators.profiles import CreatorQuery
from influent.store.creator_queries import COUNT_CAP, largest_accounts_on
from influent.store.models import Creator
from influent.store.quality_queries import QualityRow, quality_of

__all__ = [
    "COUNT_CAP",
    "DEFAULT_SORT",
    "QUALITY_FLAGS",
    "QUALITY_SIGNALS",
    "SORT_KEYS",
    "CreatorFilters",
    "CreatorRecord",
    "QualityRow",
    "TableRow",
    "quality_summary",
    "sort_is_descending",
    "table_rows",
]

# The stored creator the services hand out, named so pages can annotate it.
CreatorRecord = Creator


@dataclass(slots=True)
class CreatorFilters:
    """The table's query parameters as typed; `problems` says which ones could not be read."""

    platform: str = ""
    tier: str = ""
    min_followers: str = ""
    max_followers: str = ""
    q: str = ""
    tag: str = ""
    country: str = ""
    language: str = ""
    min_quality: str = ""
    max_quality: str = ""
    flag: str = ""
    sort: str = DEFAULT_SORT

    def params(self) -> dict[str, str]:
        """The filters in use, for links that keep them (sort headers, pages)."""
        return {
            k: v for k, v in asdict(self).items() if v and not (k == "sort" and v == DEFAULT_SORT)
        }

    def query(self, *, page: int, per_page: int) -> tuple[CreatorQuery, dict[str, str]]:
        """The service query, and a problem (a msgid) for each filter that was ignored."""
        problems: dict[str, str] = {}
        platform: Platform | None = None
        if self.platform.strip():
            platform = PLATFORM_ALIASES.get(normalise_key(self.platform))
            if platform is None:
                problems["platform"] = "filters.problem.platform"
        tier: Tier | None = None
        if self.tier.strip():
            try:
                tier = Tier(self.tier.strip().lower())
            except ValueError:
                problems["tier"] = "filters.problem.tier"
        counts: dict[str, int | None] = {}
        for name in ("min_followers", "max_followers"):
            try:
                counts[name] = parse_count(getattr(self, name)) if getattr(self, name) else None
            except ValueProblem:
                counts[name] = None
                problems[name] = "filters.problem.count"
        scores: dict[str, int | None] = {}
        for name in ("min_quality", "max_quality"):
            scores[name] = _score(getattr(self, name))
            if getattr(self, name).strip() and scores[name] is None:
                problems[name] = "filters.problem.quality"
        flag: str | None = self.flag.strip().lower().replace("-", "_") or None
        if flag is not None and flag not in QUALITY_FLAGS:
            problems["flag"] = "filters.problem.flag"
            flag = None
        sort = self.sort if self.sort in SORT_KEYS else DEFAULT_SORT
        query = CreatorQuery(
            platform=platform,
            tier=tier,
            min_followers=counts["min_followers"],
            max_followers=counts["max_followers"],
            tag=self.tag.strip() or None,
            country=self.country.strip().upper() or None,
            language=self.language.strip().lower() or None,
            text=self.q.strip() or None,
            min_quality=scores["min_quality"],
            max_quality=scores["max_quality"],
            flag=flag,
            sort=sort,
            page=max(1, page),
            per_page=per_page,
        )
        return query, problems


def _score(text: str) -> int | None:
    """A score from 0 to 100 as typed ("50", "50/100"); None when it is not one."""
    cleaned = text.strip().removesuffix("/100").strip()
    if not cleaned.isdigit():
        return None
    value = int(cleaned)
    return value if 0 <= value <= 100 else None


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of the creators table: the creator, the account its columns show, and its
    stored audience-quality score (None until it has been computed)."""

    creator: CreatorRecord
    platform: str | None
    handle: str | None
    followers: int | None
    engagement_rate: float | None
    quality: QualityRow | None = None


def table_rows(
    session: Session, creators: Sequence[CreatorRecord], platform: Platform | None
) -> list[TableRow]:
    """The page's rows: each creator's main account, or, when the table is filtered by a
    platform, its largest account on that platform, so the numbers match the filter."""
    chosen = (
        largest_accounts_on(session, [c.id for c in creators], platform.value) if platform else {}
    )
    scores = quality_of(session, [c.id for c in creators])
    rows = []
    for c in creators:
        account = chosen.get(c.id)
        quality = scores.get(c.id)
        if account is not None:
            rows.append(
                TableRow(
                    c,
                    account.platform,
                    account.handle,
                    account.followers,
                    account.engagement_rate,
                    quality,
                )
            )
        else:
            rows.append(TableRow(c, c.platform, c.handle, c.followers, c.engagement_rate, quality))
    return rows


def quality_summary(row: TableRow) -> dict[str, Any] | None:
    """A row's stored audience-quality score as plain data, for --json and the API."""
    q = row.quality
    if q is None:
        return None
    data = asdict(q)
    data["flags"] = list(q.flags)
    data.pop("creator_id")
    return data
