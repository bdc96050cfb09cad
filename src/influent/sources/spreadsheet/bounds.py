"""Bounds on a workbook, checked before python-calamine is handed a single byte of it.

calamine allocates a sheet as one rectangle, rows × columns of its highest used cell, and
aborts the whole process when that allocation fails (a cell at A1 and one at XFD1048576 ask
for 549 GB). It also inflates every archive member it reads. So the archive is walked here
first, in bounded memory: each member is inflated from its raw deflate stream (whatever its
headers claim), counted and scanned for the cells it places, and the file is refused with a
sentence naming the cap as soon as one is passed. What calamine then reads is bounded by the
caps, so it cannot ask for more.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from influent.domain.messages import Message

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "OverLimit",
    "UnreadableFile",
    "check_cells",
    "check_workbook",
    "legacy_workbook",
]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1 << 20
_MB = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """The caps; the defaults hold any real creator list (Excel's own maximum is 1,048,576
    rows × 16,384 columns and 32,767 characters a cell)."""

    file_mb: int = 50
    member_mb: int = 200
    total_mb: int = 400
    members: int = 10_000
    rows: int = 1_048_576
    columns: int = 16_384
    cells: int = 5_000_000
    cell_chars: int = 32_767


DEFAULT_LIMITS = Limits()


class UnreadableFile(Exception):
    """A file that is not a table we can read; `message` says why, as a catalog code and its
    parameters (str() is the code, for logs)."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.message = Message(code, params)
        super().__init__(code)


class OverLimit(UnreadableFile):
    """A file refused before it is read, over a cap or in a refused format."""


def legacy_workbook(data: bytes) -> bool:
    """True for the binary Excel 97 format (OLE2), which has no archive to check."""
    return data[:8] == _OLE2


def check_workbook(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse (OverLimit) a workbook over a cap; raises zipfile.BadZipFile when it is broken."""
    if len(data) > limits.file_mb * _MB:
        raise OverLimit("spreadsheet.limit.file", name=name, mb=limits.file_mb)
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = archive.infolist()
    if len(members) > limits.members:
        raise OverLimit("spreadsheet.limit.members", name=name, count=limits.members)
    declared = 0
    for info in members:
        declared += info.file_size
        if info.file_size > limits.member_mb * _MB:
            raise OverLimit("spreadsheet.limit.member", name=name, mb=limits.member_mb)
        if declared > limits.total_mb * _MB:
            raise OverLimit("spreadsheet.limit.total", name=name, mb=limits.total_mb)
    total = 0
    for info in members:
        scanner = _scanner_for(info.filename, name, limits)
        size = 0
        for chunk in _inflate(data, info, limits.member_mb * _MB + 1):
            size += len(chunk)
            total += len(chunk)
            if size > limits.member_mb * _MB:
                raise OverLimit("spreadsheet.limit.member", name=name, mb=limits.member_mb)
            if total > limits.total_mb * _MB:
                raise OverLimit("spreadsheet.limit.total", name=name, mb=limits.total_mb)
            if scanner is not None:
                scanner.feed(chunk)
        if scanner is not None:
            scanner.close()


def check_cells(name: str, rows: int, columns: int, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a table of `rows` × `columns` over the caps."""
    if rows > limits.rows:
        raise OverLimit("spreadsheet.limit.rows", name=name, rows=limits.rows)
    if columns > limits.columns:
        raise OverLimit("spreadsheet.limit.columns", name=name, columns=limits.columns)
    if rows * columns > limits.cells:
        raise OverLimit(
            "spreadsheet.limit.cells", name=name, cells=limits.cells, rows=rows, columns=columns
        )


def _inflate(data: bytes, info: zipfile.ZipInfo, most: int) -> Iterator[bytes]:
    """The member's bytes, inflated from the raw stream so that lying sizes change nothing."""
    header = data[info.header_offset : info.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = info.header_offset + 30 + name_length + extra_length
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(raw), _CHUNK):
            yield bytes(raw[at : at + _CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise zipfile.BadZipFile("unsupported compression")
    inflater = zlib.decompressobj(-15)
    produced = 0
    for at in range(0, len(raw), _CHUNK):
        pending = bytes(raw[at : at + _CHUNK])
        while pending and produced <= most:
            try:
                chunk = inflater.decompress(pending, _CHUNK)
            except zlib.error as error:
                raise zipfile.BadZipFile(str(error)) from None
            pending = inflater.unconsumed_tail
            produced += len(chunk)
            if chunk:
                yield chunk
            if inflater.eof:
                return


def _scanner_for(member: str, name: str, limits: Limits) -> _Scanner | None:
    lowered = member.lower()
    if lowered.startswith("xl/worksheets/") and lowered.endswith(".bin"):
        raise OverLimit("spreadsheet.error.legacy", name=name)
    if lowered.startswith("xl/worksheets/") and lowered.endswith(".xml"):
        return _XlsxSheet(name, limits)
    if lowered == "content.xml":
        return _OdsContent(name, limits)
    if lowered.endswith((".xml", ".rels")):
        return _Scanner(name, limits)
    return None


class _Scanner:
    """Any XML part: no text run (a cell's text, or padding between tags) beyond the cell cap.

    A character takes at most 6 bytes in XML (an entity), hence the byte budget. A run at
    least that long holds a whole aligned window of half of it, so only those windows are
    searched (with memchr), and a hit is measured exactly.
    """

    def __init__(self, name: str, limits: Limits) -> None:
        self.name, self.limits = name, limits
        self.run_cap = limits.cell_chars * 6
        self.run = 0  # bytes since the last "<"

    def feed(self, chunk: bytes) -> None:
        first = chunk.find(b"<")
        if first < 0:
            self.run += len(chunk)
            self._check()
            return
        self.run += first
        self._check()
        window = self.run_cap // 2
        for at in range(first, len(chunk), window):
            if chunk.find(b"<", at, at + window) < 0:
                before = chunk.rfind(b"<", 0, at)
                after = chunk.find(b"<", at + window)
                self.run = (len(chunk) if after < 0 else after) - before - 1
                if after >= 0:
                    self._check()
        self.run = len(chunk) - chunk.rfind(b"<") - 1
        self._check()

    def _check(self) -> None:
        if self.run > self.run_cap:
            raise OverLimit(
                "spreadsheet.limit.cell_length", name=self.name, chars=self.limits.cell_chars
            )

    def close(self) -> None:
        """Called once the member has been read."""


_PREFIX = re.compile(rb"<(/?)([A-Za-z_][\w.-]*):")


class _Tags(_Scanner):
    """A part read tag by tag: what follows the last "<" of a chunk waits for the next one.

    Element prefixes (`<x:row>`, `<table:table-row>`) are taken off first, whichever they
    are, since the parsers match elements by their local name: the searches that follow
    are then literal, which is fast, rather than a pattern tried at every "<".
    """

    def __init__(self, name: str, limits: Limits) -> None:
        super().__init__(name, limits)
        self.tail = b""
        self.prefixes: set[bytes] = set()

    def feed(self, chunk: bytes) -> None:
        super().feed(chunk)
        text = self.tail + chunk
        cut = text.rfind(b"<")
        text, self.tail = (text, b"") if cut < 0 else (text[:cut], text[cut:])
        self.scan(self._unprefixed(text))

    def close(self) -> None:
        text, self.tail = self.tail, b""
        self.scan(self._unprefixed(text))

    def _unprefixed(self, text: bytes) -> bytes:
        for prefix in self.prefixes:
            text = text.replace(b"<" + prefix + b":", b"<").replace(b"</" + prefix + b":", b"</")
        while (found := _PREFIX.search(text)) is not None:
            prefix = found.group(2)
            self.prefixes.add(prefix)
            text = text.replace(b"<" + prefix + b":", b"<").replace(b"</" + prefix + b":", b"</")
        return text

    def scan(self, text: bytes) -> None:
        raise NotImplementedError


_DIMENSION = re.compile(rb'<dimension\b[^>]*?\bref="([A-Za-z]*)(\d*)(?::([A-Za-z]+)(\d+))?"')
_SHEET_DATA = re.compile(rb"<sheetData\b")
_ROW_REF = re.compile(rb'<row r="(\d+)"')
_ROW_REF_ANY = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Za-z]+)')
_CELL_ROW = re.compile(rb'<c r="[A-Za-z]+(\d+)"')
_CELL_COLUMN_ANY = re.compile(rb'<c\b[^>]*?\br="([A-Za-z]+)')
_CELL_ROW_ANY = re.compile(rb'<c\b[^>]*?\br="[A-Za-z]+(\d+)"')
_ROW_SPLIT = re.compile(rb"<row[\s/>]")
_CELL_TAGS = (b"<c ", b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r")
_ROW_TAGS = (b"<row ", b"<row>", b"<row/", b"<row\t", b"<row\n", b"<row\r")


def _number(digits: bytes) -> int:
    # Past nine digits it is over every cap anyway; int() refuses thousands of digits.
    return int(digits) if len(digits) <= 9 else 10**9


def _column_number(letters: bytes) -> int:
    if len(letters) > 3:
        return 10**9
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _count(text: bytes, tags: tuple[bytes, ...]) -> int:
    return sum(text.count(tag) for tag in tags)


class _XlsxSheet(_Tags):
    """A worksheet: its declared dimension, and the highest row and column its cells use.

    Rows and cells without an `r` reference take the next row or column, so those add to
    the bound: an upper bound on the rectangle calamine would allocate.
    """

    def __init__(self, name: str, limits: Limits) -> None:
        super().__init__(name, limits)
        self.declared_done = False
        self.rows = self.columns = 0
        self.unreferenced_rows = 0
        self.unreferenced = False  # once a cell without reference is seen, rows are counted
        self.row_cells = self.widest = 0

    def scan(self, text: bytes) -> None:
        if not self.declared_done:
            self._declared(text)
        rows_here = _count(text, _ROW_TAGS)
        row_refs = _ROW_REF.findall(text)
        if len(row_refs) < rows_here:
            row_refs = _ROW_REF_ANY.findall(text)
        self.unreferenced_rows += max(rows_here - len(row_refs), 0)
        cells_here = _count(text, _CELL_TAGS)
        columns = _CELL_COLUMN.findall(text)
        cell_rows = _CELL_ROW.findall(text)
        if len(columns) < cells_here:
            columns = _CELL_COLUMN_ANY.findall(text)
            cell_rows = _CELL_ROW_ANY.findall(text)
        if self.unreferenced or len(columns) < cells_here:
            self._count_row_cells(text)
        numbers = set(row_refs)
        numbers.update(cell_rows)
        self.rows = max(self.rows, max(map(_number, numbers), default=0))
        self.columns = max(self.columns, max(map(_column_number, set(columns)), default=0))
        check_cells(
            self.name, self.rows + self.unreferenced_rows, self.columns + self.widest, self.limits
        )

    def _count_row_cells(self, text: bytes) -> None:
        # A cell without reference sits one column after the previous one: the widest row's
        # cell count, past the highest referenced column, bounds where it can land.
        self.unreferenced = True
        counts = [_count(part, _CELL_TAGS) for part in _ROW_SPLIT.split(text)]
        counts[0] += self.row_cells
        self.widest = max(self.widest, *counts)
        self.row_cells = counts[-1]

    def _declared(self, text: bytes) -> None:
        found = _DIMENSION.search(text)
        if found is not None:
            end_column, end_row = found.group(3) or found.group(1), found.group(4) or found.group(2)
            if end_column and end_row:
                check_cells(self.name, _number(end_row), _column_number(end_column), self.limits)
            self.declared_done = True
        elif _SHEET_DATA.search(text) is not None:
            self.declared_done = True


_TOKENS = re.compile(rb"<(/?)(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*)>")
_ROWS_REPEATED = re.compile(rb'number-rows-repeated="(\d+)"')
_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated="(\d+)"')


class _OdsContent(_Tags):
    """An ODS content.xml: rows and cells with their repeat counts, for every table.

    Empty repeated rows and cells (LibreOffice writes a million of them after the data) only
    count when a filled cell comes after them, which is how calamine reads them. A cell is
    taken as filled when it has content or a value type: an upper bound again.
    """

    def __init__(self, name: str, limits: Limits) -> None:
        super().__init__(name, limits)
        self.row = 0  # rows before the current one, in this table
        self.row_repeat = 1
        self.column = 0

    def scan(self, text: bytes) -> None:
        for closing, tag, attributes in _TOKENS.findall(text):
            if tag == b"table-row":
                if closing:
                    self.row += self.row_repeat
                    self.row_repeat = 1
                else:
                    self.row_repeat = _repeat(_ROWS_REPEATED.search(attributes))
                    self.column = 0
                    if attributes.endswith(b"/"):
                        self.row += self.row_repeat
                        self.row_repeat = 1
            elif tag == b"table":
                if not closing:
                    self.row, self.row_repeat = 0, 1
            elif not closing:
                repeat = _repeat(_COLUMNS_REPEATED.search(attributes))
                if not attributes.endswith(b"/") or b"value-type=" in attributes:
                    check_cells(
                        self.name, self.row + self.row_repeat, self.column + repeat, self.limits
                    )
                self.column += repeat


def _repeat(found: re.Match[bytes] | None) -> int:
    if found is None:
        return 1
    return _number(found.group(1))
