"""A new kind of row needs only a schema and a writer: the pipeline does the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from influent.domain.tabular import CheckedRow, Column, RowProblem, RowSchema
from influent.domain.values import ValueProblem, parse_count, parse_date, parse_text
from influent.services.imports.pipeline import Table, UnreadableFile, import_table
from influent.sources.spreadsheet.writer import write_table
from influent_testing import raises_saying

# A kind the product does not have yet, declared here and nowhere else.
ORDERS: RowSchema[str] = RowSchema(
    kind="orders",
    columns=(
        Column("order", ("order", "order id"), ("commande", "n de commande"), parse_text),
        Column("code", ("discount code", "code"), ("code promo",), parse_text),
        Column("date", ("date", "ordered at"), ("date de commande",), parse_date, needed=True),
        Column("total", ("total", "amount"), ("montant",), parse_count, "count"),
    ),
    required=(("order",), ("date",)),
    merge_key=("order",),
)


class Ledger:
    """The writer: refuses codes it does not know, keeps the rows it is given."""

    def __init__(self, codes: set[str]) -> None:
        self.codes, self.rows = codes, list[CheckedRow[str]]()

    def check(self, row: CheckedRow[str], table: Table[str]) -> list[RowProblem]:
        code = row.values.get("code")
        if code is None or code in self.codes:
            return []
        return [table.problem(row.row, "code", code, ValueProblem("empty"))]

    def write(self, rows: list[CheckedRow[str]], table: Table[str]) -> int:
        self.rows += rows
        return len(rows)


def _sheet(path: Path, headers: list[str], rows: list[list[str | int | None]]) -> Path:
    write_table(path, headers, rows)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_it_reads_maps_checks_and_writes_a_new_kind(tmp_path: Path, suffix: str) -> None:
    path = _sheet(
        tmp_path / f"commandes{suffix}",
        ["N° de commande", "Code promo", "Date de commande", "Montant", "Remarque"],
        [["A-1", "LEA10", "31/05/2024", "1 200", "x"], ["A-2", None, "2024-06-01", 80, None]],
    )
    ledger = Ledger({"LEA10"})
    report = import_table(path, ORDERS, ledger)
    assert report.ok and (report.rows, report.written) == (2, 2)
    assert [(r.row, r.values["order"], r.values["total"]) for r in ledger.rows] == [
        (2, "A-1", 1200),
        (3, "A-2", 80),
    ]
    assert ledger.rows[0].values["date"].day == 31  # type: ignore[attr-defined]


def test_it_reports_every_bad_row_by_column_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        "Spring orders\n"
        "order,code,date,total\n"
        "A-1,LEA10,2024-05-31,12\n"
        "A-2,NOPE,2024-05-31,12\n"
        "A-3,,yesterday,lots\n"
        "A-4,,,3\n",
        encoding="utf-8",
    )
    ledger = Ledger({"LEA10"})
    report = import_table(path, ORDERS, ledger)
    assert [(p.row, p.column, p.code) for p in report.problems] == [
        (4, "code", "empty"),
        (5, "date", "not_a_date"),
        (5, "total", "not_a_count"),
        (6, "date", "missing"),
    ]
    assert report.written == 0 and ledger.rows == []


def test_it_takes_map_overrides_and_names_a_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("Ref,Jour\nA-1,2024-05-31\n", encoding="utf-8")
    with raises_saying(UnreadableFile, "has no “order” column"):
        import_table(path, ORDERS, Ledger(set()))
    overrides = ORDERS.parse_overrides(["Ref=order", "Jour=date"])
    ledger = Ledger(set())
    assert import_table(path, ORDERS, ledger, overrides=overrides).written == 1
    assert ledger.rows[0].values["order"] == "A-1"
