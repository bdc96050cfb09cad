"""Hostile workbooks are refused before python-calamine reads them, naming the cap."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter

import hostile_files as hostile
from influent.services.i18n import Translator
from influent.sources.spreadsheet.reader import Limits, OverLimit, UnreadableFile, read_sheet

BOMBS: dict[str, tuple[Callable[[], bytes], str]] = {
    "dimension": (hostile.dimension_bomb, "spreadsheet.limit.cells"),
    "single_cell": (hostile.single_cell_bomb, "spreadsheet.limit.member"),
    "single_cell_lying": (
        lambda: hostile.single_cell_bomb(lie=True),
        "spreadsheet.limit.cell_length",
    ),
    "many_rows": (hostile.many_rows_bomb, "spreadsheet.limit.member"),
    "many_rows_lying": (lambda: hostile.many_rows_bomb(lie=True), "spreadsheet.limit.rows"),
    "padding": (hostile.padding_bomb, "spreadsheet.limit.member"),
    "padding_lying": (lambda: hostile.padding_bomb(lie=True), "spreadsheet.limit.cell_length"),
    "lying_sizes": (hostile.lying_sizes_bomb, "spreadsheet.limit.member"),
}


def refusal(path: Path, limits: Limits | None = None) -> OverLimit:
    with pytest.raises(OverLimit) as caught:
        read_sheet(path) if limits is None else read_sheet(path, limits=limits)
    return caught.value


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_it_refuses_each_bomb_before_reading_a_cell(bomb: str, tmp_path: Path) -> None:
    build, code = BOMBS[bomb]
    path = tmp_path / f"{bomb}.xlsx"
    path.write_bytes(build())
    error = refusal(path)
    assert error.message is not None and error.message.code == code
    assert error.message.params["name"] == path.name


def test_the_dimension_bomb_is_the_small_file_that_used_to_abort_the_process(
    tmp_path: Path,
) -> None:
    data = hostile.dimension_bomb()
    assert len(data) < 1700
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    error = refusal(path)
    assert error.message is not None
    sentence = Translator("en").say(error.message)
    assert sentence == (
        "bomb.xlsx is refused: its sheet spans 1,048,576 rows × 16,384 columns, "
        "and a sheet may span at most 5,000,000 cells."
    )
    french = Translator("fr").say(error.message)
    assert french.startswith(
        "bomb.xlsx est refusé\u202f: sa feuille couvre 1\u202f048\u202f576 lignes"
    )


def test_it_refuses_an_ods_whose_repeats_span_the_whole_sheet(tmp_path: Path) -> None:
    path = tmp_path / "bomb.ods"
    path.write_bytes(hostile.ods_repeat_bomb())
    error = refusal(path)
    assert error.message is not None and error.message.code == "spreadsheet.limit.cells"


def test_it_refuses_a_declared_dimension_over_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "declared.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["name", "instagram"])
    sheet.write(70_000, 200, "x")  # declared <dimension ref="A1:GS70001">
    book.close()
    error = refusal(path)
    assert error.message is not None and error.message.code == "spreadsheet.limit.cells"
    assert error.message.params["rows"] == 70_001 and error.message.params["columns"] == 201


def test_it_names_the_row_cap_with_a_custom_limit(tmp_path: Path) -> None:
    path = tmp_path / "rows.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for row in range(30):
        sheet.write_row(row, 0, [f"name {row}", f"@handle{row}"])
    book.close()
    error = refusal(path, Limits(rows=20))
    assert error.message is not None and error.message.code == "spreadsheet.limit.rows"
    assert error.message.params["rows"] == 20
    assert read_sheet(path).row_count == 29  # within the default caps it reads


def test_it_refuses_a_cell_longer_than_the_cap_in_a_workbook_and_a_csv(tmp_path: Path) -> None:
    workbook = tmp_path / "long.xlsx"
    book = xlsxwriter.Workbook(str(workbook))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["name", "instagram"])
    sheet.write_row(1, 0, ["x" * 200, "@a"])
    book.close()
    csv = tmp_path / "long.csv"
    csv.write_text("name,instagram\n" + "x" * 200 + ",@a\n", encoding="utf-8")
    for path in (workbook, csv):
        error = refusal(path, Limits(cell_chars=100))
        assert error.message is not None and error.message.code == "spreadsheet.limit.cell_length"
        assert error.message.params["chars"] == 100


def test_it_refuses_a_csv_line_wider_than_the_column_cap(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("name,instagram\nMarie,@marie" + "," * 20_000 + "\n", encoding="utf-8")
    error = refusal(path)
    assert error.message is not None and error.message.code == "spreadsheet.limit.columns"


def test_it_refuses_a_workbook_over_the_compressed_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(hostile.single_cell_bomb(4))
    error = refusal(path, Limits(file_mb=0))
    assert error.message is not None and error.message.code == "spreadsheet.limit.file"


def test_it_refuses_the_binary_excel_formats(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    error = refusal(path)
    assert error.message is not None and error.message.code == "spreadsheet.error.legacy"


def test_it_still_reads_a_libreoffice_style_ods_with_a_million_trailing_empty_rows(
    tmp_path: Path,
) -> None:
    cell = b'<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
    table = (
        b"<table:table-row>" + cell % b"name" + cell % b"instagram" + b"</table:table-row>"
        b"<table:table-row>" + cell % b"Marie" + cell % b"@marie" + b"</table:table-row>"
        b'<table:table-row table:number-rows-repeated="1048574">'
        b'<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    content = hostile._ODS_CONTENT_HEAD + table + hostile._ODS_CONTENT_TAIL
    mime = b"application/vnd.oasis.opendocument.spreadsheet"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mime, zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", hostile._MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    path = tmp_path / "libre.ods"
    path.write_bytes(out.getvalue())
    sheet = read_sheet(path)
    assert sheet.headers == ["name", "instagram"] and sheet.rows == [(2, ["Marie", "@marie"])]


def test_it_says_a_broken_archive_is_unreadable_not_over_a_cap(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(hostile.dimension_bomb()[:700])
    with pytest.raises(UnreadableFile) as caught:
        read_sheet(path)
    assert not isinstance(caught.value, OverLimit)


def test_it_sees_cells_whatever_their_namespace_prefix(tmp_path: Path) -> None:
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c>'
        b'<x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row></sheetData></worksheet>'
    )
    data = hostile._xlsx(hostile.stored("xl/worksheets/sheet1.xml", sheet))
    path = tmp_path / "prefixed.xlsx"
    path.write_bytes(data)
    error = refusal(path)
    assert error.message is not None and error.message.code == "spreadsheet.limit.cells"
