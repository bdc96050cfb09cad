"""Spreadsheet rows as a polars frame of text columns, for the column-wise import checks.

Workbook cells can be numbers, dates or booleans; the checks read text. Whole numbers become
their digits; anything else that is not text is left to the row-by-row parser, which knows
what a date or a fraction in a workbook means.
"""

from __future__ import annotations

from typing import Any

import polars as pl

__all__ = ["text_frame"]


def text_frame(
    numbers: list[int], cells: list[list[object]], indexes: list[int], *, all_text: bool
) -> tuple[pl.DataFrame, set[int]]:
    """Rows as a frame of text columns "c<index>", plus the rows holding non-text values."""
    data: dict[str, list[Any]] = {"row": numbers}
    forced: set[int] = set()
    for index in indexes:
        column: list[Any] = [r[index] if index < len(r) else None for r in cells]
        if not all_text:
            column = [_as_text(v) for v in column]
            for number, value in zip(numbers, column, strict=True):
                if value is _NOT_TEXT:
                    # Dates, booleans and fractional numbers from workbooks: the exact parser decides.
                    forced.add(number)
            column = [None if v is _NOT_TEXT else v for v in column]
        data[f"c{index}"] = column
    schema = {k: (pl.Int64 if k == "row" else pl.String) for k in data}
    return pl.DataFrame(data, schema=schema), forced


class _NotText:
    pass


_NOT_TEXT: Any = _NotText()


def _as_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return _NOT_TEXT  # type: ignore[no-any-return]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return _NOT_TEXT  # type: ignore[no-any-return]
