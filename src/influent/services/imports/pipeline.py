"""One tabular import pipeline: read, find the header, map, check, hand over to a writer.

Every kind of row goes through the same steps, driven by its schema
(`influent.domain.tabular`):

1. `read_table` reads any spreadsheet (CSV in any encoding and delimiter, XLSX, ODS), picks
   the header row the schema recognises best, maps the columns by the schema's English and
   French spellings (plus `--map` overrides) and checks that the required columns are there;
2. `check_rows` parses every cell with the schema's parsers and reports problems by row and
   column (creators do this step over whole columns, `analytics.import_frame`, with the same
   schema and the row parser as reference);
3. `import_table` runs both, asks the writer to check what needs the database, and writes
   only when no row has a problem: all or nothing.

A new kind of row is a schema and a `Writer`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from influent.domain.tabular import (
    CheckedRow,
    ColumnMapping,
    RowProblem,
    RowSchema,
    check_row,
    problem_at,
)
from influent.domain.values import ValueProblem
from influent.sources.spreadsheet.reader import Sheet, UnreadableFile, read_sheet

__all__ = [
    "CheckedRow",
    "Table",
    "TableReport",
    "UnreadableFile",
    "Writer",
    "check_rows",
    "import_table",
    "read_table",
]

K = TypeVar("K", bound=str)


@dataclass(slots=True)
class Table(Generic[K]):
    """A spreadsheet read for one schema: the sheet and which column feeds which field."""

    name: str
    sheet: Sheet
    schema: RowSchema[K]
    mapping: ColumnMapping[K]

    def problem(self, row: int, name: K, raw: object, problem: ValueProblem) -> RowProblem:
        """A problem in field `name` of row `row`, naming the column as the schema says."""
        return problem_at(self.schema, self.mapping, self.sheet.headers, row, name, raw, problem)

    def require_columns(self) -> None:
        """Raise UnreadableFile naming the first required column the file lacks."""
        missing = self.schema.missing(self.mapping)
        if missing is None:
            return
        # Columns are named as a user would head them (their first English spelling).
        wanted = self.schema.column(missing[0]).heading
        known = ", ".join(c.heading for c in self.schema.columns)
        raise UnreadableFile(
            "spreadsheet.error.no_column", name=self.name, wanted=wanted, known=known
        )


def read_table(
    path: Path, schema: RowSchema[K], *, overrides: dict[str, K | None] | None = None
) -> Table[K]:
    """Read `path` and map its columns by `schema`; raises UnreadableFile with one sentence."""
    sheet = read_sheet(path, find_header=schema.find_header_row)
    return Table(path.name, sheet, schema, schema.map_columns(sheet.headers, overrides))


def check_rows(table: Table[K]) -> list[CheckedRow[K]]:
    """Every row parsed by the schema, in file order, each with its problems."""
    headers = table.sheet.headers
    return [
        check_row(table.schema, table.mapping, headers, number, cells)
        for number, cells in table.sheet.rows
    ]


class Writer(Protocol[K]):
    """Where checked rows of one kind go.

    `check` reports what only the database can tell about one row (an unknown account); it
    sees every row, including those whose cells have problems. `write` stores every row, or
    returns problems and writes nothing.
    """

    def check(self, row: CheckedRow[K], table: Table[K]) -> list[RowProblem]: ...

    def write(self, rows: list[CheckedRow[K]], table: Table[K]) -> int | list[RowProblem]: ...


@dataclass(slots=True)
class TableReport:
    """What an import did: rows read, rows written, and every problem (then nothing written)."""

    file: str
    rows: int
    written: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def import_table(
    path: Path,
    schema: RowSchema[K],
    writer: Writer[K],
    *,
    overrides: dict[str, K | None] | None = None,
) -> TableReport:
    """Read, check and write `path` all or nothing; the caller commits."""
    table = read_table(path, schema, overrides=overrides)
    table.require_columns()
    rows = check_rows(table)
    report = TableReport(file=path.name, rows=table.sheet.row_count)
    for row in rows:
        report.problems += writer.check(row, table) + row.problems
    if report.problems:
        return report
    written = writer.write(rows, table)
    if isinstance(written, list):
        report.problems = written
    else:
        report.written = written
    return report
