"""Checking a whole creator spreadsheet column by column.

A million-row import cannot afford a Python function call per cell, so the common shapes
of each value (a plain count, '5,3%', '@handle', an ordinary email) are read here with
polars expressions over whole columns. Any cell outside those shapes sends its row to the
row-by-row parser in `influent.domain.rows`, which stays the reference: the fast path only
accepts inputs on which both give the same answer (tests compare them).

What each column holds comes from the creators schema (`CREATORS`): its kind of value
("count", "percent", "email", "text", "lookup"), its length limit, its parser (read once per
distinct value for lookups), and whether filled cells are left to the row parser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

import polars as pl

from influent.analytics import search_columns
from influent.analytics.text_frame import text_frame
from influent.domain.accounts import SOCIAL_PLATFORMS
from influent.domain.platforms import Platform
from influent.domain.rows import (
    ACCOUNT_COLUMNS,
    CREATOR_COLUMNS,
    CreatorRow,
    RowParser,
    RowProblem,
    search_text,
    split_tags,
)
from influent.domain.tabular.creators import CREATORS, Field, parse_platform
from influent.domain.tabular.schema import ColumnMapping
from influent.domain.values import (
    MISSING_TOKENS,
    ValueProblem,
    normalise_key,
    parse_text,
)

__all__ = ["ParsedRows", "parse_frame", "parse_rows"]

SOCIAL = sorted(p.value for p in SOCIAL_PLATFORMS)
_COUNT = r"^[0-9]{1,10}$"
_PERCENT = r"^[0-9]{1,3}(?:[.,][0-9]+)? ?%$"
_PLAIN_RATE = r"^[0-9]{1,3}(?:[.,][0-9]+)?$"
# ASCII only: Python's and polars' ideas of a word character, a space and lower case differ
# beyond it (combining marks, U+001C..U+001F), so other handles go to the row parser.
_HANDLE = r"^@?[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*$"
_EMAIL = r"(?i)^[^@\s\x1c-\x1f<>(),;:]+@[^@\s\x1c-\x1f<>(),;:]+\.[a-z]{2,}$"
_ASCII = r"^[\x00-\x7f]*$"
_PLAIN_TEXT = r"^[^\s\x1c-\x1f](?:[^\s\x1c-\x1f]| [^\s\x1c-\x1f])*$"

COLUMNS = (
    "row",
    "platform",
    "handle",
    "key",
    "url",
    "external_id",
    "name",
    "influent_id",
    "followers",
    "following",
    "posts_count",
    "engagement_rate",
    "email",
    "agent",
    "country",
    "language",
    "category",
    "notes",
    "tags",
    "custom",
    "search_text",
    "name_key",
)
_VALUE_COLUMNS = {**ACCOUNT_COLUMNS, **CREATOR_COLUMNS}


@dataclass(slots=True)
class ParsedRows:
    """Valid rows as columns (lists of equal length) plus every problem found."""

    columns: dict[str, list[Any]]
    problems: list[RowProblem] = field(default_factory=list)
    # True when no two rows name the same account (so no duplicate check is needed).
    distinct_accounts: bool = False

    def __len__(self) -> int:
        return len(self.columns["row"])

    def creator_row(self, i: int) -> CreatorRow:
        """Row `i` as the row-by-row parser would have returned it."""
        from influent.domain.accounts import AccountRef

        c = self.columns
        platform = Platform(c["platform"][i])
        values = {f: c[col][i] for f, col in _VALUE_COLUMNS.items() if c[col][i] is not None}
        return CreatorRow(
            row=c["row"][i],
            account=AccountRef(
                platform, c["handle"][i], c["key"][i], c["url"][i], c["external_id"][i]
            ),
            platform=platform,
            name=c["name"][i],
            influent_id=c["influent_id"][i],
            values=values,
            tags=c["tags"][i],
            custom=c["custom"][i],
        )


def _missing(col: pl.Expr) -> pl.Expr:
    return col.is_null() | col.str.strip_chars().str.to_lowercase().is_in(list(MISSING_TOKENS))


def parse_rows(
    numbers: list[int],
    cells: list[list[object]],
    parser: RowParser,
    mapping: ColumnMapping[Field],
    *,
    all_text: bool = False,
) -> ParsedRows:
    """Parse every row; rows the fast path cannot vouch for go through `parser`.

    `all_text` says every cell is a string or None (CSV), which skips a per-cell check.
    """
    frame, forced = text_frame(numbers, cells, sorted(mapping.fields), all_text=all_text)
    positions = {number: i for i, number in enumerate(numbers)}

    def cells_of(wanted: list[int]) -> dict[int, list[object]]:
        return {n: cells[positions[n]] for n in wanted}

    return parse_frame(frame, cells_of, parser, mapping, forced=forced)


def parse_frame(
    frame: pl.DataFrame,
    cells_of: Callable[[list[int]], dict[int, list[object]]],
    parser: RowParser,
    mapping: ColumnMapping[Field],
    *,
    forced: set[int] | None = None,
) -> ParsedRows:
    """Parse a frame of text columns ("row", "c0", …); `cells_of` gives rows for the parser."""
    by_field = {f: i for i, f in mapping.fields.items()}
    # Each mapped column once, trimmed, with missing-value tokens as null: every check
    # below reads these instead of trimming and comparing the raw text again.
    trimmed = frame.select(
        "row",
        *(
            pl.when(_missing(pl.col(f"c{i}")))
            .then(None)
            .otherwise(pl.col(f"c{i}").str.strip_chars())
            .alias(f"c{i}")
            for i in sorted(set(by_field.values()))
            if f"c{i}" in frame.columns
        ),
    )
    exprs, slow = _expressions(trimmed, by_field, parser)
    if forced:
        slow.append(pl.col("row").is_in(sorted(forced)))
    checked = trimmed.select(*exprs, pl.any_horizontal(slow).alias("_slow"))
    fast = checked.filter(~pl.col("_slow"))
    n = fast.height
    columns: dict[str, list[Any]] = {
        name: fast.get_column(f"_{name}").to_list() if f"_{name}" in fast.columns else [None] * n
        for name in COLUMNS
    }
    tag_index, custom = by_field.get(Field.TAGS), sorted(mapping.custom.items())
    fast_rows = columns["row"]
    fast_cells = cells_of(fast_rows) if tag_index is not None or custom else {}
    columns["tags"] = (
        [_tags(fast_cells[r], tag_index) for r in fast_rows] if tag_index is not None else [()] * n
    )
    # Rows without custom fields share one empty dict; nothing downstream mutates it.
    columns["custom"] = [_custom(fast_cells[r], custom) for r in fast_rows] if custom else [{}] * n
    problems: list[RowProblem] = []
    slow_rows = checked.filter(pl.col("_slow")).get_column("_row").to_list()
    slow_cells = cells_of(slow_rows) if slow_rows else {}
    for number in slow_rows:
        parsed = parser.parse(number, slow_cells[number])
        if isinstance(parsed, list):
            problems.extend(parsed)
        else:
            _append(columns, parsed)
    # A list of names has no key column on the fast path (every row goes to the parser).
    distinct = (
        not slow_rows
        and "_key" in fast.columns
        and not fast.select(pl.struct("_platform", "_key").is_duplicated().any()).item()
    )
    return ParsedRows(columns=columns, problems=problems, distinct_accounts=distinct)


def _expressions(
    frame: pl.DataFrame, by_field: dict[Field, int], parser: RowParser
) -> tuple[list[pl.Expr], list[pl.Expr]]:
    exprs: list[pl.Expr] = [pl.col("row").alias("_row")]
    slow: list[pl.Expr] = []

    def src(fld: Field) -> pl.Expr | None:
        index = by_field.get(fld)
        name = f"c{index}"
        if index is None:
            return None
        if name not in frame.columns:
            slow.append(pl.lit(True))
            return None
        return pl.col(name)

    # Columns arrive trimmed, with missing cells as null (see parse_frame).
    stripped: dict[Field, pl.Expr] = {}
    for column in CREATORS.columns:
        col = src(column.name)
        if col is None:
            continue
        if not column.columnar:
            slow.append(col.is_not_null())
        else:
            stripped[column.name] = col
    # Platform: each distinct spelling is read once by the reference parser.
    platform_col = stripped.get(Field.PLATFORM)
    hint = parser.platform_hint.value if parser.platform_hint else None
    if platform_col is not None:
        spellings = frame.select(platform_col.unique()).to_series().to_list()
        known = {s: _platform_or_none(s) for s in spellings if s is not None}
        mapped = platform_col.replace_strict(known, default=None, return_dtype=pl.String)
        slow.append(platform_col.is_not_null() & mapped.is_null())
        platform = pl.when(platform_col.is_null()).then(pl.lit(hint)).otherwise(mapped)
    else:
        platform = pl.lit(hint, dtype=pl.String)
    slow.append(platform.is_null())
    exprs.append(platform.alias("_platform"))
    handle = stripped.get(Field.HANDLE)
    if handle is None:
        slow.append(pl.lit(True))
    else:
        ok = (
            handle.str.contains(_HANDLE)
            & (handle.str.len_chars() <= 101)
            & (
                handle.str.starts_with("@")
                | ~handle.str.contains(".", literal=True)
                | platform.is_in(SOCIAL)
            )
        )
        slow.append(handle.is_null() | ~ok)
        bare = handle.str.strip_prefix("@")
        exprs += [bare.alias("_handle"), bare.str.to_lowercase().alias("_key")]
    for fld in _of_kind("count"):
        col = stripped.get(fld)
        if col is not None:
            ok = col.str.contains(_COUNT) & (col.str.len_chars() < 10)
            slow.append(col.is_not_null() & ~ok)
            exprs.append(
                pl.when(ok).then(col.cast(pl.Int64, strict=False)).alias(f"_{_VALUE_COLUMNS[fld]}")
            )
    for rate in (stripped[f] for f in _of_kind("percent") if f in stripped):
        signed = rate.str.contains(_PERCENT)
        plain = rate.str.contains(_PLAIN_RATE)
        digits = rate.str.replace(",", ".", literal=True).str.strip_chars_end("% ")
        number = digits.cast(pl.Float64, strict=False)
        hundredth = _hundredth(digits).cast(pl.Float64, strict=False)
        fraction = number if parser.engagement_is_fraction else hundredth
        value = pl.when(signed).then(hundredth).when(plain).then(fraction)
        slow.append(rate.is_not_null() & (~(signed | plain) | (value > 1)))
        exprs.append(value.alias("_engagement_rate"))
    email = next((stripped[f] for f in _of_kind("email") if f in stripped), None)
    if email is not None:
        # ASCII only, so that lower case is all the search text's folding does to it.
        ok = (
            email.str.contains(_EMAIL)
            & email.str.contains(_ASCII)
            & ~email.str.to_lowercase().str.starts_with("mailto:")
        )
        slow.append(email.is_not_null() & ~ok)
        exprs.append(email.str.to_lowercase().alias("_email"))
    for fld in _of_kind("text"):
        col = stripped.get(fld)
        if col is not None:
            limit = CREATORS.column(fld).max_length or 2000
            ok = col.str.contains(_PLAIN_TEXT) & (col.str.len_chars() <= limit)
            slow.append(col.is_not_null() & ~ok)
            if fld in _VALUE_COLUMNS:
                exprs.append(col.alias(f"_{_VALUE_COLUMNS[fld]}"))
    name = stripped.get(Field.NAME)
    bare_handle = (
        handle.str.strip_prefix("@") if handle is not None else pl.lit(None, dtype=pl.String)
    )
    display = pl.coalesce(name, bare_handle) if name is not None else bare_handle
    name_key = search_columns.name_key(display)
    exprs.append(display.alias("_name"))
    exprs.append(name_key.alias("_name_key"))
    # The search text folds the name, handle, email and category together. Folding works
    # character by character, so the name's key (already folded) stands in for the name;
    # handles and emails on this path are ASCII, so lower case folds them; categories
    # repeat, so each distinct one is folded once.
    parts = [name_key, bare_handle.str.to_lowercase()]
    if email is not None:
        parts.append(email.str.to_lowercase())
    category = stripped.get(Field.CATEGORY)
    if category is not None:
        distinct = frame.select(category.unique().alias("v")).filter(pl.col("v").is_not_null())
        folded = distinct.select("v", search_columns.folded(pl.col("v")).alias("f"))
        table = dict(zip(folded.get_column("v"), folded.get_column("f"), strict=True))
        parts.append(category.replace_strict(table, default=None, return_dtype=pl.String))
    exprs.append(search_columns.search_text(parts).alias("_search_text"))
    # Lookups (country, language): each distinct value is read once by the schema's parser.
    for fld in _of_kind("lookup"):
        col = stripped.get(fld)
        if col is not None:
            column = CREATORS.column(fld)
            assert column.parse is not None
            ok = col.str.contains(_PLAIN_TEXT) & (
                col.str.len_chars() <= (column.max_length or 2000)
            )
            slow.append(col.is_not_null() & ~ok)
            values = frame.select(col.unique()).to_series().to_list()
            table = {v: column.parse(v) for v in values if v is not None}
            exprs.append(
                col.replace_strict(table, default=None, return_dtype=pl.String).alias(
                    f"_{_VALUE_COLUMNS[fld]}"
                )
            )
    return exprs, slow


def _hundredth(digits: pl.Expr) -> pl.Expr:
    """'4.67' -> '0.0467': the decimal point moved two places as text, so that the one cast to
    a float rounds the same decimal as the row parser does (`parse_percent`)."""
    whole = digits.str.extract(r"^([0-9]*)", 1).str.zfill(3)
    decimals = digits.str.extract(r"\.([0-9]*)$", 1).fill_null("")
    return pl.concat_str([whole.str.head(-2), pl.lit("."), whole.str.tail(2), decimals])


def _of_kind(kind: str) -> list[Field]:
    return [c.name for c in CREATORS.columns if c.kind == kind and c.columnar]


def _platform_or_none(spelling: str) -> str | None:
    try:
        return parse_platform(spelling).value
    except ValueProblem:
        return None


def _tags(cells: list[object], index: int) -> tuple[str, ...]:
    text = parse_text(cells[index] if index < len(cells) else None)
    return split_tags(text) if text is not None else ()


def _custom(cells: list[object], custom: list[tuple[int, str]]) -> dict[str, str]:
    from influent.domain.rows import _custom_text
    from influent.domain.values import is_missing

    return {
        h: _custom_text(cells[i]) for i, h in custom if i < len(cells) and not is_missing(cells[i])
    }


def _append(columns: dict[str, list[Any]], row: CreatorRow) -> None:
    v = row.values
    record: dict[str, Any] = {
        "row": row.row,
        "platform": row.platform.value,
        "handle": row.account.handle,
        "key": row.account.key,
        "url": row.account.url,
        "external_id": row.account.external_id,
        "name": row.name,
        "influent_id": row.influent_id,
        "tags": row.tags,
        "custom": row.custom,
        "name_key": normalise_key(row.name),
        "search_text": search_text(
            row.name,
            row.account.handle,
            cast(str | None, v.get(Field.EMAIL)),
            cast(str | None, v.get(Field.CATEGORY)),
        ),
        **{col: v.get(f) for f, col in _VALUE_COLUMNS.items()},
    }
    for name in COLUMNS:
        columns[name].append(record[name])
