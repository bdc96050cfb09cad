"""Writing a table back out as CSV or XLSX."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter

__all__ = ["FORMULA_TRIGGERS", "write_table"]

Cell = str | int | float | None

# A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write `rows` under `headers` to `path` (.csv or .xlsx); returns the number of rows."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _write_csv(path, headers, rows)
    if suffix == ".xlsx":
        return _write_xlsx(path, headers, rows)
    raise ValueError(f"cannot export to “{suffix or path.name}”: use .csv or .xlsx")


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    count = 0
    # UTF-8 with a BOM so that Excel opens accents correctly on a double-click.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if c is None else _as_text(c) for c in row])
            count += 1
    return count


def _as_text(cell: Cell) -> Cell:
    """A text cell a spreadsheet would run as a formula gets a leading single quote, which
    spreadsheets show as text (OWASP); the reader takes it off again. Text already starting
    with quotes before such a character gets one more, so the round trip stays lossless.
    Numbers are written as numbers: -5 is a negative number, not a formula."""
    if isinstance(cell, str) and cell.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    try:
        sheet = workbook.add_worksheet("Creators")
        bold = workbook.add_format({"bold": True})
        sheet.write_row(0, 0, list(headers), bold)
        sheet.freeze_panes(1, 0)
        count = 0
        for count, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(count, col, value)
                else:
                    sheet.write_number(count, col, value)
    finally:
        workbook.close()
    return count
