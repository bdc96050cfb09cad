"""Hostile spreadsheets, built by the tests: dimension and decompression bombs.

A decompression bomb is written without ever holding its inflated bytes: one deflate block
of a repeated unit, flushed so that it stands alone, is itself repeated, and the archive
around it is written by hand (Python's zipfile would inflate nothing, but it would need the
whole content to compress it).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

__all__ = [
    "Member",
    "dimension_bomb",
    "lying_sizes_bomb",
    "many_rows_bomb",
    "ods_repeat_bomb",
    "padding_bomb",
    "repeated",
    "single_cell_bomb",
    "stored",
    "workbook",
]

_NS = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_TYPES = (
    _NS + b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_RELS = (
    _NS + b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    _NS + b'<workbook xmlns="' + _MAIN + b'" xmlns:r="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships"><sheets><sheet name="Creators" sheetId="1" '
    b'r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    _NS + b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_SHEET_HEAD = _NS + b'<worksheet xmlns="' + _MAIN + b'">'
_HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>instagram</t></is></c></row>'
)


@dataclass(frozen=True)
class Member:
    """An archive member: its raw deflate stream (or stored bytes) and what it inflates to."""

    name: str
    raw: bytes
    crc: int
    size: int
    deflated: bool = True
    declared_size: int | None = None  # what the headers claim, when they lie


def stored(name: str, content: bytes) -> Member:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = compressor.compress(content) + compressor.flush()
    return Member(name, raw, zlib.crc32(content), len(content))


def repeated(name: str, head: bytes, unit: bytes, times: int, tail: bytes) -> Member:
    """`head`, then `unit` `times` times, then `tail`, without building the middle."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(unit) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(unit) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "a fully flushed block must not depend on what came before"
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, crc)
    raw = start + block * times + end
    return Member(name, raw, crc, len(head) + len(unit) * times + len(tail))


def workbook(members: list[Member]) -> bytes:
    """A ZIP archive of `members`, written by hand (sizes as the members declare them)."""
    out = io.BytesIO()
    central = b""
    for member in members:
        offset = out.tell()
        name = member.name.encode()
        method = zipfile.ZIP_DEFLATED if member.deflated else zipfile.ZIP_STORED
        size = member.size if member.declared_size is None else member.declared_size
        fields = (20, 0, method, 0, 0, member.crc, len(member.raw), size, len(name), 0)
        out.write(b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields) + name + member.raw)
        central += (
            b"PK\x01\x02"
            + struct.pack(
                "<HHHHHHIIIHHHHHII",
                20,
                20,
                0,
                method,
                0,
                0,
                member.crc,
                len(member.raw),
                size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    out.write(central)
    count = len(members)
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(central), start, 0))
    return out.getvalue()


def _lying(member: Member, lie: bool) -> Member:
    """The member, with headers claiming 2 KB when `lie`."""
    if not lie:
        return member
    return Member(member.name, member.raw, member.crc, member.size, declared_size=2048)


def _xlsx(sheet: Member, strings: Member | None = None) -> bytes:
    parts = [
        stored("[Content_Types].xml", _TYPES),
        stored("_rels/.rels", _RELS),
        stored("xl/workbook.xml", _WORKBOOK),
        stored("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        sheet,
    ]
    if strings is not None:
        parts.append(strings)
    return workbook(parts)


def dimension_bomb() -> bytes:
    """Two cells, at A1 and XFD1048576: 1.5 KB that asks calamine for 549 GB."""
    sheet = (
        _SHEET_HEAD + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c>'
        b'</row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    return _xlsx(stored("xl/worksheets/sheet1.xml", sheet))


def single_cell_bomb(megabytes: int = 1024, *, lie: bool = False) -> bytes:
    """One shared string of `megabytes` MB, shown in A2: about 1 MB on disk."""
    sheet = (
        _SHEET_HEAD + b"<sheetData>" + _HEADER_ROW + b'<row r="2"><c r="A2" t="s"><v>0</v></c>'
        b"</row></sheetData></worksheet>"
    )
    strings = repeated(
        "xl/sharedStrings.xml",
        _NS + b'<sst xmlns="' + _MAIN + b'" count="1" uniqueCount="1"><si><t>',
        b"a" * (1 << 20),
        megabytes,
        b"</t></si></sst>",
    )
    return _xlsx(stored("xl/worksheets/sheet1.xml", sheet), _lying(strings, lie))


def many_rows_bomb(rows: int = 30_000_000, *, lie: bool = False) -> bytes:
    """`rows` rows of one short cell each (1.2 GB of XML by default), without row numbers."""
    row = b'<row><c t="inlineStr"><is><t>@someone</t></is></c></row>'
    per_unit = (1 << 20) // len(row)
    sheet = repeated(
        "xl/worksheets/sheet1.xml",
        _SHEET_HEAD + b"<sheetData>" + _HEADER_ROW,
        row * per_unit,
        rows // per_unit,
        b"</sheetData></worksheet>",
    )
    return _xlsx(_lying(sheet, lie))


def padding_bomb(megabytes: int = 1300, *, lie: bool = False) -> bytes:
    """A two-row sheet padded with `megabytes` MB of spaces between two tags."""
    sheet = repeated(
        "xl/worksheets/sheet1.xml",
        _SHEET_HEAD + b"<sheetData>" + _HEADER_ROW,
        b" " * (1 << 20),
        megabytes,
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>Marie</t></is></c></row>'
        b"</sheetData></worksheet>",
    )
    return _xlsx(_lying(sheet, lie))


def lying_sizes_bomb(megabytes: int = 300) -> bytes:
    """A sheet whose headers claim 2 KB while its stream inflates to `megabytes` MB (of empty
    elements, which are neither cells nor rows nor text)."""
    unit = b"<x/>" * (1 << 18)
    sheet = repeated(
        "xl/worksheets/sheet1.xml",
        _SHEET_HEAD + b"<sheetData>" + _HEADER_ROW,
        unit,
        megabytes,
        b"</sheetData></worksheet>",
    )
    return _xlsx(_lying(sheet, True))


_ODS_CONTENT_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    b'<office:body><office:spreadsheet><table:table table:name="Creators">'
)
_ODS_CONTENT_TAIL = b"</table:table></office:spreadsheet></office:body></office:document-content>"
_MANIFEST = (
    b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    b'<manifest:file-entry manifest:full-path="/" '
    b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    b"</manifest:manifest>"
)


def ods_repeat_bomb() -> bytes:
    """One filled ODS cell repeated over 1,048,576 rows × 16,384 columns: 800 bytes."""
    mime = b"application/vnd.oasis.opendocument.spreadsheet"
    table = (
        b'<table:table-row table:number-rows-repeated="1048576">'
        b'<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
        b"<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    return workbook(
        [
            Member("mimetype", mime, zlib.crc32(mime), len(mime), deflated=False),
            stored("META-INF/manifest.xml", _MANIFEST),
            stored("content.xml", _ODS_CONTENT_HEAD + table + _ODS_CONTENT_TAIL),
        ]
    )
