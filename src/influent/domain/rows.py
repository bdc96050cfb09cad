"""Turning one spreadsheet row into a creator and its account, or into problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from influent.domain.accounts import AccountRef, parse_account
from influent.domain.columns import ColumnMapping, Field
from influent.domain.geo import normalise_country, normalise_language
from influent.domain.platforms import PLATFORM_ALIASES, Platform
from influent.domain.values import (
    ValueProblem,
    is_missing,
    normalise_key,
    parse_count,
    parse_email,
    parse_percent,
    parse_text,
)

__all__ = ["CreatorRow", "RowParser", "RowProblem", "search_text", "split_tags"]


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row was rejected: its number as the spreadsheet shows it, the column and value."""

    row: int
    column: str
    value: str
    reason: str


@dataclass(slots=True)
class CreatorRow:
    """A valid row: one creator and one account, with the values the file gave."""

    row: int
    account: AccountRef
    platform: Platform
    name: str
    influent_id: int | None = None
    values: dict[Field, object] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    custom: dict[str, str] = field(default_factory=dict)


_TAG_SPLIT = re.compile(r"\s*[,;|]\s*")
_COUNTS = (Field.FOLLOWERS, Field.FOLLOWING, Field.POSTS)
_TEXTS = (Field.AGENT, Field.CATEGORY, Field.NOTES)


def split_tags(text: str) -> tuple[str, ...]:
    """'vegan, beauté; DIY' -> ('vegan', 'beauté', 'DIY'), duplicates removed."""
    seen: dict[str, str] = {}
    for tag in _TAG_SPLIT.split(text.strip()):
        tag = tag.strip().lstrip("#")
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag[:100]
    return tuple(seen.values())


def search_text(*parts: str | None) -> str:
    """What the table's text search looks in: lower-case, without accents."""
    return " ".join(normalise_key(p) for p in parts if p)


@lru_cache(maxsize=1024)
def _platform(value: object) -> Platform:
    key = normalise_key(str(value))
    if key in PLATFORM_ALIASES:
        return PLATFORM_ALIASES[key]
    raise ValueProblem(
        f"“{value}” is not a platform we know ({', '.join(p.value for p in Platform)})"
    )


class RowParser:
    """Parses rows of one file, given its column mapping and what the user told us."""

    def __init__(
        self,
        headers: list[str],
        mapping: ColumnMapping,
        *,
        platform_hint: Platform | None = None,
        engagement_is_fraction: bool = False,
    ) -> None:
        self.headers = headers
        self.columns = {fld: index for index, fld in mapping.fields.items()}
        self.custom = sorted(mapping.custom.items())
        self.platform_hint = platform_hint
        self.engagement_is_fraction = engagement_is_fraction

    def _cell(self, cells: list[object], fld: Field) -> object:
        index = self.columns.get(fld)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def parse(self, row: int, cells: list[object]) -> CreatorRow | list[RowProblem]:
        problems: list[RowProblem] = []
        values: dict[Field, object] = {}

        def read(fld: Field, parser: object) -> object:
            raw = self._cell(cells, fld)
            if raw is None:
                return None
            try:
                return parser(raw)  # type: ignore[operator]
            except ValueProblem as problem:
                problems.append(self._problem(row, fld, raw, str(problem)))
                return None

        platform = read(Field.PLATFORM, lambda v: None if is_missing(v) else _platform(v))
        hint = platform if isinstance(platform, Platform) else self.platform_hint
        account = self._account(row, cells, hint, platform, problems)
        for fld in _COUNTS:
            values[fld] = read(fld, parse_count)
        values[Field.ENGAGEMENT] = read(
            Field.ENGAGEMENT,
            lambda v: parse_percent(v, plain_is_fraction=self.engagement_is_fraction),
        )
        values[Field.EMAIL] = read(Field.EMAIL, parse_email)
        for fld in _TEXTS:
            values[fld] = read(fld, parse_text)
        country = read(Field.COUNTRY, parse_text)
        values[Field.COUNTRY] = normalise_country(country) if isinstance(country, str) else None
        language = read(Field.LANGUAGE, parse_text)
        values[Field.LANGUAGE] = normalise_language(language) if isinstance(language, str) else None
        name = read(Field.NAME, lambda v: parse_text(v, max_length=300))
        influent_id = read(Field.INFLUENT_ID, parse_count)
        tags_text = read(Field.TAGS, parse_text)
        if problems or account is None:
            return problems
        resolved = account.platform
        assert resolved is not None
        custom = {}
        for index, header in self.custom:
            if index < len(cells) and not is_missing(cells[index]):
                custom[header] = _custom_text(cells[index])
        return CreatorRow(
            row=row,
            account=account,
            platform=resolved,
            name=name if isinstance(name, str) else account.handle,
            influent_id=influent_id if isinstance(influent_id, int) else None,
            values={k: v for k, v in values.items() if v is not None},
            tags=split_tags(tags_text) if isinstance(tags_text, str) else (),
            custom=custom,
        )

    def _account(
        self,
        row: int,
        cells: list[object],
        hint: Platform | None,
        stated: object,
        problems: list[RowProblem],
    ) -> AccountRef | None:
        handle_raw = self._cell(cells, Field.HANDLE)
        url_raw = self._cell(cells, Field.URL)
        from_url: AccountRef | None = None
        from_handle: AccountRef | None = None
        try:
            from_url = parse_account(url_raw, hint)
        except ValueProblem as problem:
            problems.append(self._problem(row, Field.URL, url_raw, str(problem)))
        try:
            from_handle = parse_account(handle_raw, from_url.platform if from_url else hint)
        except ValueProblem as problem:
            problems.append(self._problem(row, Field.HANDLE, handle_raw, str(problem)))
        if problems:
            return None
        if from_url is None and from_handle is None:
            problems.append(
                self._problem(row, Field.HANDLE, None, "a creator needs a handle or a profile URL")
            )
            return None
        # The handle column keys the account when it has one; the URL adds the link.
        chosen = from_handle or from_url
        assert chosen is not None
        platform = chosen.platform
        if (
            isinstance(stated, Platform)
            and from_url is not None
            and from_url.platform not in (stated, Platform.BLOG)
        ):
            problems.append(
                self._problem(
                    row,
                    Field.URL,
                    url_raw,
                    f"is a {from_url.platform} link but the platform column says {stated}",
                )
            )
            return None
        if isinstance(stated, Platform):
            platform = stated
        if platform is None:
            problems.append(
                self._problem(
                    row,
                    Field.PLATFORM,
                    None,
                    "the platform is unknown: add a platform column, a profile URL or pass --platform",
                )
            )
            return None
        url = from_url.url if from_url else chosen.url
        external_id = chosen.external_id or (from_url.external_id if from_url else None)
        return AccountRef(platform, chosen.handle, chosen.key, url, external_id)

    def _problem(self, row: int, fld: Field, raw: object, reason: str) -> RowProblem:
        index = self.columns.get(fld)
        column = self.headers[index] if index is not None else fld.value
        return RowProblem(
            row=row, column=column, value="" if raw is None else str(raw), reason=reason
        )


def _custom_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
