"""Reading the spreadsheet people already have: CSV in any delimiter and encoding, XLSX, ODS."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from charset_normalizer import from_bytes
from python_calamine import CalamineError, CalamineWorkbook

from influent.domain.tabular.creators import CREATORS
from influent.sources.spreadsheet.bounds import (
    DEFAULT_LIMITS,
    Limits,
    OverLimit,
    UnreadableFile,
    check_cells,
    check_workbook,
    legacy_workbook,
)
from influent.sources.spreadsheet.writer import FORMULA_TRIGGERS

__all__ = ["HeaderFinder", "Limits", "OverLimit", "Sheet", "UnreadableFile", "read_sheet"]

# Given the first non-blank rows, the index of the header row (a schema's find_header_row).
HeaderFinder = Callable[[list[list[Any]]], int]

_SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
_WESTERN = {"utf_8", "cp1252", "latin_1", "iso8859_15", "mac_roman", "ascii", "iso8859_1"}


@dataclass(slots=True)
class Sheet:
    """A table: its header row, its data rows with their spreadsheet row numbers.

    A large CSV is held as a polars frame (`frame`: a "row" column with each row's number,
    then "c0", "c1", … as text, blank rows left out); `rows` builds the Python lists only
    when something asks for them.
    """

    headers: list[str]
    _rows: list[tuple[int, list[object]]] | None
    kind: str
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 1
    frame: pl.DataFrame | None = None

    @property
    def rows(self) -> list[tuple[int, list[object]]]:
        if self._rows is None:
            assert self.frame is not None
            self._rows = [(r[0], list(r[1:])) for r in self.frame.iter_rows()]
        return self._rows

    @property
    def row_count(self) -> int:
        return self.frame.height if self.frame is not None else len(self.rows)

    def cells_of(self, numbers: list[int]) -> dict[int, list[object]]:
        """The cells of the rows numbered `numbers`."""
        if self.frame is None or self._rows is not None:
            wanted = set(numbers)
            return {n: cells for n, cells in self.rows if n in wanted}
        picked = self.frame.filter(pl.col("row").is_in(numbers))
        return {r[0]: list(r[1:]) for r in picked.iter_rows()}


def read_sheet(
    path: Path,
    *,
    find_header: HeaderFinder = CREATORS.find_header_row,
    limits: Limits = DEFAULT_LIMITS,
) -> Sheet:
    """Read the first sheet of `path`; raises UnreadableFile with a clear sentence
    (OverLimit, which names the cap, for a file over one of `limits`).

    `find_header` picks the header row among the first rows (titles may sit above it).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile("spreadsheet.error.missing", name=path.name) from None
    except IsADirectoryError:
        raise UnreadableFile("spreadsheet.error.folder", name=path.name) from None
    except OSError as error:
        raise UnreadableFile(
            "spreadsheet.error.unreadable", name=path.name, why=str(error.strerror)
        ) from None
    if not data.strip():
        raise UnreadableFile("spreadsheet.error.empty", name=path.name)
    if legacy_workbook(data):
        raise OverLimit("spreadsheet.error.legacy", name=path.name)
    if data[:4] == b"PK\x03\x04":
        return _read_workbook(path, data, find_header, limits)
    if path.suffix.lower() in _SPREADSHEET_SUFFIXES:
        raise UnreadableFile(
            "spreadsheet.error.invalid", name=path.name, kind=path.suffix.lstrip(".").upper()
        )
    return _read_csv(path.name, data, find_header, limits)


def _read_workbook(path: Path, data: bytes, find_header: HeaderFinder, limits: Limits) -> Sheet:
    try:
        # Bounded first (bounds.py): calamine is only handed what fits the caps.
        check_workbook(path.name, data, limits)
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not workbook.sheet_names:
            raise UnreadableFile("spreadsheet.error.no_sheets", name=path.name)
        cells: list[list[Any]] = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnreadableFile(
            "spreadsheet.error.cannot_open", name=path.name, why=error.__class__.__name__
        ) from None
    check_cells(path.name, len(cells), max(map(len, cells), default=0), limits)
    if any(isinstance(c, str) and "\x00" in c for r in cells for c in r):
        cells = [[c.replace("\x00", "") if isinstance(c, str) else c for c in r] for r in cells]
    _check_lengths(path.name, (c for r in cells for c in r), limits)
    kind = "ods" if b"opendocument" in data[:200] else "xlsx"
    rows = [(n, list(r)) for n, r in enumerate(cells, start=1) if any(_filled(c) for c in r)]
    return _table(path.name, rows, kind, find_header)


def _check_lengths(name: str, cells: Iterable[object], limits: Limits) -> None:
    most = limits.cell_chars
    if any(isinstance(c, str) and len(c) > most for c in cells):
        raise OverLimit("spreadsheet.limit.cell_length", name=name, chars=most)


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:8192]:
        raise UnreadableFile("spreadsheet.error.binary", name=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = from_bytes(data[:200_000]).best()
    encoding = guess.encoding if guess is not None and guess.encoding in _WESTERN else "cp1252"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps them all.
        return data.decode("latin-1"), "latin-1"


def _delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|").delimiter
    except csv.Error:
        # Pick the candidate that appears the same number of times on most lines.
        counts = {d: sum(1 for line in lines if line.count(d) > 0) for d in ",;\t|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _read_csv(name: str, data: bytes, find_header: HeaderFinder, limits: Limits) -> Sheet:
    text, encoding = _decode(name, data)
    read_as = encoding
    if "\x00" in text:
        # A stray NUL (past the binary check) means nothing in a table; PostgreSQL refuses it.
        text = text.replace("\x00", "")
        data, read_as = text.encode("utf-8"), "utf-8"
    _check_csv_width(name, text, limits)
    head = text[:8192]
    unprintable = sum(1 for c in head if (c < " " and c not in "\t\r\n") or c == "\ufffd")
    if unprintable > len(head) * 0.02:
        raise UnreadableFile("spreadsheet.error.binary", name=name)
    delimiter = _delimiter(text[:50_000])
    sheet = _read_csv_frame(name, data, text, read_as, delimiter, find_header)
    if sheet is None:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            # Cells are all strings here, so a blank row is one whose joined text is blank.
            rows = [(n, r) for n, r in enumerate(reader, start=1) if "".join(r).strip()]
            sheet = _table(name, rows, "csv", find_header)
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise OverLimit(
                    "spreadsheet.limit.cell_length", name=name, chars=limits.cell_chars
                ) from None
            raise UnreadableFile("spreadsheet.error.bad_csv", name=name, why=str(error)) from None
    if "'" in text:
        _unquote(sheet)
    if sheet.frame is not None:
        longest = sheet.frame.select(
            pl.max_horizontal(pl.col(c).str.len_chars().max() for c in sheet.frame.columns[1:])
        ).item()
        if longest is not None and longest > limits.cell_chars:
            raise OverLimit("spreadsheet.limit.cell_length", name=name, chars=limits.cell_chars)
    else:
        _check_lengths(name, (c for _, r in sheet.rows for c in r), limits)
    sheet.encoding, sheet.delimiter = encoding, delimiter
    return sheet


def _unquote(sheet: Sheet) -> None:
    """Take off the single quote the CSV export puts before a cell that would read as a
    formula (writer.py): `'=x` reads as `=x`, `''=x` as `'=x`; other quotes stay."""
    if sheet.frame is not None:
        quoted = r"^'+[=+\-@\t\r]"  # FORMULA_TRIGGERS
        sheet.frame = sheet.frame.with_columns(
            pl.when(pl.col(c).str.contains(quoted))
            .then(pl.col(c).str.slice(1))
            .otherwise(pl.col(c))
            .alias(c)
            for c in sheet.frame.columns[1:]
        )
    else:
        sheet.rows[:] = [(n, [_unquoted(c) for c in cells]) for n, cells in sheet.rows]


def _unquoted(cell: object) -> object:
    if isinstance(cell, str) and cell[:1] == "'" and cell.lstrip("'").startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell


def _check_csv_width(name: str, text: str, limits: Limits) -> None:
    """Refuse a line of more cells than the column cap before the csv module builds it."""
    if max(map(len, text.split("\n")), default=0) <= limits.columns:
        return
    for line in text.split("\n"):
        if len(line) > limits.columns and max(line.count(d) for d in ",;\t|") >= limits.columns:
            raise OverLimit("spreadsheet.limit.columns", name=name, columns=limits.columns)


# Below this size the csv module is as fast as anything, and it is the reference reader.
FRAME_MIN_BYTES = 1_000_000
_CHECKED_ROWS = 2_000


def _read_csv_frame(
    name: str, data: bytes, text: str, encoding: str, delimiter: str, find_header: HeaderFinder
) -> Sheet | None:
    """Read a large CSV with polars, or None when the csv module must decide.

    polars reads a million rows in a fraction of a second where the csv module takes
    seconds, but it numbers records, not lines, and reads some malformed quoting its own
    way. So it is used only when each record is one line (no cell holds a line break),
    every line is accounted for, and its first rows match the csv module's cell for cell.
    """
    if len(data) < FRAME_MIN_BYTES:
        return None
    reader = csv.reader(io.StringIO(text[:2_000_000], newline=""), delimiter=delimiter)
    head: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number > _CHECKED_ROWS:
                break
            head.append((number, cells))
        preview = _table(name, [(n, r) for n, r in head if "".join(r).strip()], "csv", find_header)
    except (csv.Error, UnreadableFile):
        return None
    start = preview.header_row
    if any("\n" in c or "\r" in c for _, cells in head[: start + 1] for c in cells):
        return None
    utf8 = data[3:] if encoding == "utf-8-sig" else data
    if encoding not in ("utf-8", "utf-8-sig"):
        utf8 = text.encode("utf-8")
    try:
        raw = pl.read_csv(
            utf8,
            has_header=False,
            separator=delimiter,
            infer_schema=False,
            skip_lines=start - 1,
            empty_string_is_null=False,
        )
    except Exception:  # any disagreement sends the file to the csv module
        return None
    width = len(preview.headers)
    if raw.width > width or raw.height == 0:
        return None
    # Columns c0… as wide as the header; short rows and missing columns read as empty cells.
    read = raw.columns
    raw = raw.select(
        *(pl.col(name).fill_null("").alias(f"c{i}") for i, name in enumerate(read)),
        *(pl.lit("").alias(f"c{i}") for i in range(len(read), width)),
    )
    columns = raw.columns
    lines = utf8.count(b"\n") + (0 if utf8.endswith(b"\n") else 1)
    if start - 1 + raw.height != lines:
        return None
    broken = raw.select(
        pl.any_horizontal(pl.col(c).str.contains(r"[\r\n]").any() for c in columns)
    ).item()
    if broken:
        return None
    frame = raw.with_row_index("row", offset=start).with_columns(pl.col("row").cast(pl.Int64))
    blank = pl.all_horizontal(pl.col(c).str.strip_chars() == "" for c in columns)
    frame = frame.slice(1).filter(~blank)
    # The first rows, cell for cell, as the csv module reads them.
    expected = [(n, r + [""] * (width - len(r))) for n, r in head[start:] if "".join(r).strip()]
    got = [(r[0], list(r[1:])) for r in frame.head(len(expected)).iter_rows()]
    if got != expected:
        return None
    return Sheet(
        headers=preview.headers,
        _rows=None,
        kind="csv",
        header_row=start,
        frame=frame,
    )


def _table(
    name: str, rows: list[tuple[int, list[Any]]], kind: str, find_header: HeaderFinder
) -> Sheet:
    """Find the header row among non-blank `rows` and build the sheet."""
    if not rows:
        raise UnreadableFile("spreadsheet.error.no_rows", name=name)
    header_index = find_header([r for _, r in rows[:15]])
    header_number, header_cells = rows[header_index]
    headers = [_header(c) for c in header_cells]
    width = max(
        len(headers),
        max(len(r) for _, r in rows[header_index + 1 :]) if rows[header_index + 1 :] else 0,
    )
    headers += [""] * (width - len(headers))
    if sum(1 for h in headers if h) < 1 or (width < 2 and not rows[header_index + 1 :]):
        raise UnreadableFile("spreadsheet.error.not_a_table", name=name)
    return Sheet(
        headers=headers, _rows=rows[header_index + 1 :], kind=kind, header_row=header_number
    )


def _filled(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _header(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())
