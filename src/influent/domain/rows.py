"""Turning one spreadsheet row into a creator and its account, or into problems."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from influent.domain.accounts import AccountRef, parse_account, pending_account
from influent.domain.platforms import Platform
from influent.domain.tabular.checking import RowProblem, problem_at
from influent.domain.tabular.creators import CREATORS, Field, parse_platform
from influent.domain.tabular.schema import ColumnMapping
from influent.domain.values import (
    ValueProblem,
    is_missing,
    normalise_key,
    parse_percent,
)

__all__ = [
    "ACCOUNT_COLUMNS",
    "CREATOR_COLUMNS",
    "CreatorRow",
    "RowParser",
    "RowProblem",
    "search_text",
    "search_words",
    "split_tags",
]


# Where each checked value is stored: on the account (its numbers) or on the creator.
ACCOUNT_COLUMNS: dict[Field, str] = {
    Field.FOLLOWERS: "followers",
    Field.FOLLOWING: "following",
    Field.POSTS: "posts_count",
    Field.ENGAGEMENT: "engagement_rate",
}
CREATOR_COLUMNS: dict[Field, str] = {
    Field.EMAIL: "email",
    Field.AGENT: "agent",
    Field.CATEGORY: "category",
    Field.NOTES: "notes",
    Field.COUNTRY: "country",
    Field.LANGUAGE: "language",
}
_STORED = {**ACCOUNT_COLUMNS, **CREATOR_COLUMNS}


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
# Letters and digits make separate words ('durand92' -> 'durand', '92'), so that a search
# for the beginning of a name is not a prefix of every handle that numbers it.
_WORDS = re.compile(r"[^\W\d_]+|\d+")


def split_tags(text: str) -> tuple[str, ...]:
    """'vegan, beauté; DIY' -> ('vegan', 'beauté', 'DIY'), duplicates removed."""
    seen: dict[str, str] = {}
    for tag in _TAG_SPLIT.split(text.strip()):
        tag = tag.strip().lstrip("#")
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag[:100]
    return tuple(seen.values())


def search_text(*parts: str | None) -> str:
    """What the table's text search looks in: lower-case, without accents, each word once."""
    return " ".join(dict.fromkeys(search_words(" ".join(p for p in parts if p))))


def search_words(text: str) -> list[str]:
    """The words of `text` as the search text holds them (and as a search looks for them)."""
    return _WORDS.findall(normalise_key(text))


class RowParser:
    """Parses rows of one file, given its column mapping and what the user told us."""

    def __init__(
        self,
        headers: list[str],
        mapping: ColumnMapping[Field],
        *,
        platform_hint: Platform | None = None,
        engagement_is_fraction: bool = False,
    ) -> None:
        self.headers = headers
        self.mapping = mapping
        self.columns = {fld: index for index, fld in mapping.fields.items()}
        self.custom = sorted(mapping.custom.items())
        self.platform_hint = platform_hint
        self.engagement_is_fraction = engagement_is_fraction
        self._steps = self._plan()

    def _cell(self, cells: list[object], fld: Field) -> object:
        index = self.columns.get(fld)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def _plan(self) -> list[tuple[Field, int, Callable[[object], object]]]:
        """The schema's parser of each stored value this file has."""
        fraction = self.engagement_is_fraction
        steps: list[tuple[Field, int, Callable[[object], object]]] = []
        for name in _STORED:
            if name not in self.columns:
                continue
            column = CREATORS.column(name)
            parse = column.parse
            assert parse is not None
            if column.kind == "percent":
                # Spreadsheets store cells formatted as percentages as fractions (0.053).
                parse = lambda v: parse_percent(v, plain_is_fraction=fraction)  # noqa: E731
            steps.append((column.name, self.columns[column.name], parse))
        return steps

    def parse(self, row: int, cells: list[object]) -> CreatorRow | list[RowProblem]:
        problems: list[RowProblem] = []
        values: dict[Field, object] = {}
        width = len(cells)
        for fld, index, parser in self._steps:
            if index >= width:
                continue
            raw = cells[index]
            if raw is None or raw == "":
                continue
            try:
                value = parser(raw)
            except ValueProblem as problem:
                problems.append(self._problem(row, fld, raw, problem))
                continue
            if value is not None:
                values[fld] = value
        platform: Platform | None = None
        raw_platform = self._cell(cells, Field.PLATFORM)
        if raw_platform is not None and not is_missing(raw_platform):
            try:
                platform = parse_platform(raw_platform)
            except ValueProblem as problem:
                problems.append(self._problem(row, Field.PLATFORM, raw_platform, problem))
        name = self._read(row, cells, Field.NAME, _parser(Field.NAME), problems)
        account = self._account(
            row,
            cells,
            platform or self.platform_hint,
            platform,
            problems,
            name=name if isinstance(name, str) else None,
        )
        influent_id = self._read(
            row, cells, Field.INFLUENT_ID, _parser(Field.INFLUENT_ID), problems
        )
        tags_text = self._read(row, cells, Field.TAGS, _parser(Field.TAGS), problems)
        if problems or account is None:
            return problems
        resolved = account.platform
        assert resolved is not None
        custom = {}
        for index, header in self.custom:
            if index < width and not is_missing(cells[index]):
                custom[header] = _custom_text(cells[index])
        return CreatorRow(
            row=row,
            account=account,
            platform=resolved,
            name=name if isinstance(name, str) else account.handle,
            influent_id=influent_id if isinstance(influent_id, int) else None,
            values=values,
            tags=split_tags(tags_text) if isinstance(tags_text, str) else (),
            custom=custom,
        )

    def _read(
        self,
        row: int,
        cells: list[object],
        fld: Field,
        parser: Callable[[object], object],
        problems: list[RowProblem],
    ) -> object:
        raw = self._cell(cells, fld)
        if raw is None:
            return None
        try:
            return parser(raw)
        except ValueProblem as problem:
            problems.append(self._problem(row, fld, raw, problem))
            return None

    def _account(
        self,
        row: int,
        cells: list[object],
        hint: Platform | None,
        stated: object,
        problems: list[RowProblem],
        *,
        name: str | None = None,
    ) -> AccountRef | None:
        handle_raw = self._cell(cells, Field.HANDLE)
        url_raw = self._cell(cells, Field.URL)
        from_url: AccountRef | None = None
        from_handle: AccountRef | None = None
        try:
            from_url = parse_account(url_raw, hint)
        except ValueProblem as problem:
            problems.append(self._problem(row, Field.URL, url_raw, problem))
        try:
            from_handle = parse_account(handle_raw, from_url.platform if from_url else hint)
        except ValueProblem as problem:
            problems.append(self._problem(row, Field.HANDLE, handle_raw, problem))
        if problems:
            return None
        if from_url is None and from_handle is None:
            # A name and a platform are enough: the account's handle is then to confirm.
            name_key = normalise_key(name) if name else ""
            if name_key and hint is not None:
                return pending_account(hint, name_key)
            if name_key:
                problems.append(
                    self._problem(row, Field.PLATFORM, None, ValueProblem("platform_unknown"))
                )
            else:
                problems.append(self._problem(row, Field.HANDLE, None, ValueProblem("no_account")))
            return None
        # The handle column keys the account when it has one; the URL adds the link. When
        # both name the same account, the URL's key wins: a YouTube channel id or a podcast
        # id is keyed by its URL, and that is how an exported file reads back.
        chosen = from_handle or from_url
        assert chosen is not None
        key = chosen.key
        if from_url and from_handle and from_url.handle.lower() == from_handle.key:
            key = from_url.key
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
                    ValueProblem("platform_mismatch", found=from_url.platform, stated=stated),
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
                    ValueProblem("platform_unknown"),
                )
            )
            return None
        url = from_url.url if from_url else chosen.url
        stated_id = self._read(row, cells, Field.EXTERNAL_ID, _parser(Field.EXTERNAL_ID), problems)
        if problems:
            return None
        external_id = (
            stated_id
            if isinstance(stated_id, str)
            else chosen.external_id or (from_url.external_id if from_url else None)
        )
        return AccountRef(platform, chosen.handle, key, url, external_id)

    def _problem(self, row: int, fld: Field, raw: object, problem: ValueProblem) -> RowProblem:
        return problem_at(CREATORS, self.mapping, self.headers, row, fld, raw, problem)


def _parser(name: Field) -> Callable[[object], object]:
    parse = CREATORS.column(name).parse
    assert parse is not None
    return parse


def _custom_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
