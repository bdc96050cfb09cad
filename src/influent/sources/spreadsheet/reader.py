"""Reading the spreadsheet people already have: CSV in any delimiter and encoding, XLSX, ODS."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes
from python_calamine import CalamineError, CalamineWorkbook

from influent.domain.columns import find_header_row

__all__ = ["Sheet", "UnreadableFile", "read_sheet"]

_SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
_WESTERN = {"utf_8", "cp1252", "latin_1", "iso8859_15", "mac_roman", "ascii", "iso8859_1"}


class UnreadableFile(Exception):
    """A file that is not a table we can read; the message is one sentence for the user."""


@dataclass(slots=True)
class Sheet:
    """A table: its header row, its data rows with their spreadsheet row numbers."""

    headers: list[str]
    rows: list[tuple[int, list[object]]]
    kind: str
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 1


def read_sheet(path: Path) -> Sheet:
    """Read the first sheet of `path`; raises UnreadableFile with a clear sentence."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(f"{path.name}: no such file.") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path.name} is a folder, not a spreadsheet.") from None
    except OSError as error:
        raise UnreadableFile(f"{path.name} cannot be read: {error.strerror}.") from None
    if not data.strip():
        raise UnreadableFile(f"{path.name} is empty.")
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _read_workbook(path, data)
    if path.suffix.lower() in _SPREADSHEET_SUFFIXES:
        raise UnreadableFile(f"{path.name} is not a valid {path.suffix.lstrip('.').upper()} file.")
    return _read_csv(path.name, data)


def _read_workbook(path: Path, data: bytes) -> Sheet:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not workbook.sheet_names:
            raise UnreadableFile(f"{path.name} has no sheets.")
        cells: list[list[Any]] = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnreadableFile(
            f"{path.name} looks like a spreadsheet but cannot be opened ({error.__class__.__name__})."
        ) from None
    kind = "ods" if b"opendocument" in data[:200] else "xlsx"
    rows = [(n, list(r)) for n, r in enumerate(cells, start=1) if any(_filled(c) for c in r)]
    return _table(path.name, rows, kind)


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:8192]:
        raise UnreadableFile(f"{name} is not a text or spreadsheet file (it looks binary).")
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


def _read_csv(name: str, data: bytes) -> Sheet:
    text, encoding = _decode(name, data)
    head = text[:8192]
    unprintable = sum(1 for c in head if (c < " " and c not in "\t\r\n") or c == "\ufffd")
    if unprintable > len(head) * 0.02:
        raise UnreadableFile(f"{name} is not a text or spreadsheet file (it looks binary).")
    delimiter = _delimiter(text[:50_000])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Cells are all strings here, so a blank row is one whose joined text is blank.
        rows = [(n, r) for n, r in enumerate(reader, start=1) if "".join(r).strip()]
        sheet = _table(name, rows, "csv")
    except csv.Error as error:
        raise UnreadableFile(f"{name} is not valid CSV: {error}.") from None
    sheet.encoding, sheet.delimiter = encoding, delimiter
    return sheet


def _table(name: str, rows: list[tuple[int, list[Any]]], kind: str) -> Sheet:
    """Find the header row among non-blank `rows` and build the sheet."""
    if not rows:
        raise UnreadableFile(f"{name} has no rows.")
    header_index = find_header_row([r for _, r in rows[:15]])
    header_number, header_cells = rows[header_index]
    headers = [_header(c) for c in header_cells]
    width = max(
        len(headers),
        max(len(r) for _, r in rows[header_index + 1 :]) if rows[header_index + 1 :] else 0,
    )
    headers += [""] * (width - len(headers))
    if sum(1 for h in headers if h) < 1 or (width < 2 and not rows[header_index + 1 :]):
        raise UnreadableFile(
            f"{name} does not look like a table (no header row with column names)."
        )
    return Sheet(
        headers=headers, rows=rows[header_index + 1 :], kind=kind, header_row=header_number
    )


def _filled(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _header(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())
