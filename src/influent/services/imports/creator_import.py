"""Importing a creator spreadsheet: all or nothing, merged by account, every bad row reported."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from influent.analytics.import_frame import ParsedRows, parse_frame, parse_rows
from influent.domain.messages import Message
from influent.domain.platforms import Platform
from influent.domain.rows import RowParser
from influent.domain.tabular import ColumnMapping, RowProblem
from influent.domain.tabular.creators import CREATORS, Field
from influent.domain.values import PROBLEMS, looks_like_fraction
from influent.services.imports.creator_writing import apply_rows
from influent.services.imports.pipeline import read_table
from influent.services.progress import NO_PROGRESS, Progress
from influent.services.vetting.quality_table import refresh_stale_quality
from influent.sources.spreadsheet.reader import Sheet, UnreadableFile
from influent.sources.spreadsheet.writer import Cell, write_table

__all__ = ["ImportReport", "UnreadableFile", "import_creators", "plan_import"]


@dataclass(slots=True)
class ImportReport:
    """What an import did, or would do with --dry-run."""

    file: str
    kind: str
    encoding: str | None
    delimiter: str | None
    header_row: int
    mapping: dict[str, str]
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    rejects_file: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def refused(self) -> bool:
        """All or nothing said no: the file has invalid rows and nothing was written."""
        return bool(self.problems) and not self.written and not self.dry_run

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["problems"] = [asdict(p) for p in self.problems]
        return data


@dataclass(slots=True)
class _Plan:
    sheet: Sheet
    mapping: ColumnMapping[Field]
    valid: ParsedRows
    problems: list[RowProblem]


def plan_import(
    path: Path,
    *,
    overrides: dict[str, Field | None] | None = None,
    platform_hint: Platform | None = None,
    progress: Progress = NO_PROGRESS,
) -> _Plan:
    """Read and check a file without touching the database.

    The tabular pipeline reads and maps the file by the creators schema; the rows are then
    checked column by column (`analytics.import_frame`), with the row parser as reference.
    """
    progress.stage("progress.reading_file", None)
    table = read_table(path, CREATORS, overrides=overrides)
    sheet, mapping = table.sheet, table.mapping
    # A list of names is enough when the platform is known: the handles are then to confirm.
    names_only = mapping.column_of(Field.NAME) is not None and (
        platform_hint is not None or mapping.column_of(Field.PLATFORM) is not None
    )
    if CREATORS.missing(mapping) is not None and not names_only:
        found = ", ".join(f"“{h}”" for h in sheet.headers if h)
        raise UnreadableFile(
            "spreadsheet.error.no_handle_column",
            name=path.name,
            found=found or Message("spreadsheet.no_columns"),
        )
    engagement_col = mapping.column_of(Field.ENGAGEMENT)
    frame = sheet.frame
    if engagement_col is None:
        fraction = False
    elif frame is not None:
        fraction = looks_like_fraction(frame.get_column(f"c{engagement_col}").to_list())
    else:
        fraction = looks_like_fraction(
            [cells[engagement_col] for _, cells in sheet.rows if engagement_col < len(cells)]
        )
    parser = RowParser(
        sheet.headers, mapping, platform_hint=platform_hint, engagement_is_fraction=fraction
    )
    progress.stage("progress.checking_rows", sheet.row_count)
    if frame is not None:
        parsed = parse_frame(frame, sheet.cells_of, parser, mapping)
    else:
        parsed = parse_rows(
            [n for n, _ in sheet.rows],
            [c for _, c in sheet.rows],
            parser,
            mapping,
            all_text=sheet.kind == "csv",
        )
    problems = parsed.problems
    account_col = mapping.column_of(Field.HANDLE)
    if account_col is None:
        account_col = mapping.column_of(Field.URL)
    if account_col is None:
        # A list of names: its accounts are keyed by the name.
        account_col = mapping.column_of(Field.NAME)
    column = sheet.headers[account_col] if account_col is not None else Field.HANDLE.value
    if not parsed.distinct_accounts:
        _drop_repeated_accounts(parsed, column, problems)
    problems.sort(key=lambda p: p.row)
    progress.advance(sheet.row_count)
    return _Plan(sheet=sheet, mapping=mapping, valid=parsed, problems=problems)


def _drop_repeated_accounts(parsed: ParsedRows, column: str, problems: list[RowProblem]) -> None:
    """The same account twice in one file: the first row wins, the others are reported.

    Rows the fast path could not vouch for come back last, so walk them in file order.
    """
    cols = parsed.columns
    seen: dict[tuple[str, str], int] = {}
    keep: list[int] = []
    for i in sorted(range(len(parsed)), key=cols["row"].__getitem__):
        key = (cols["platform"][i], cols["key"][i])
        first = seen.get(key)
        if first is None:
            seen[key] = cols["row"][i]
            keep.append(i)
        else:
            problems.append(
                RowProblem(
                    cols["row"][i],
                    column,
                    cols["handle"][i],
                    PROBLEMS["duplicate"].format(row=first),
                    code="duplicate",
                    params={"row": str(first)},
                )
            )
    if keep != list(range(len(parsed))):
        parsed.columns = {name: [values[i] for i in keep] for name, values in cols.items()}


def import_creators(
    session: Session,
    *,
    workspace_id: int,
    path: Path,
    overrides: dict[str, Field | None] | None = None,
    platform_hint: Platform | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    rejects_path: Path | None = None,
    progress: Progress = NO_PROGRESS,
) -> ImportReport:
    """Import `path` into the workspace in one transaction; the caller commits."""
    plan = plan_import(path, overrides=overrides, platform_hint=platform_hint, progress=progress)
    sheet = plan.sheet
    report = ImportReport(
        file=path.name,
        kind=sheet.kind,
        encoding=sheet.encoding,
        delimiter=sheet.delimiter,
        header_row=sheet.header_row,
        mapping=_describe(sheet.headers, plan.mapping),
        rows=sheet.row_count,
        problems=plan.problems,
        dry_run=dry_run,
    )
    report.rejected = len({p.row for p in plan.problems})
    if plan.problems and rejects_path is not None and skip_invalid:
        _write_rejects(rejects_path, sheet, plan.problems)
        report.rejects_file = rejects_path.name
    if plan.problems and not skip_invalid and not dry_run:
        # All or nothing: a single bad row keeps the whole file out.
        return report
    counts = apply_rows(session, workspace_id, plan.valid, dry_run=dry_run, progress=progress)
    if not dry_run:
        refresh_stale_quality(session, workspace_id=workspace_id)
    report.created, report.updated, report.unchanged = (
        counts.created,
        counts.updated,
        counts.unchanged,
    )
    report.written = not dry_run
    return report


def _describe(headers: list[str], mapping: ColumnMapping[Field]) -> dict[str, str]:
    described: dict[str, str] = {}
    for index, header in enumerate(headers):
        label = header or f"(column {index + 1})"
        if index in mapping.fields:
            described[label] = mapping.fields[index].value
        elif index in mapping.custom:
            described[label] = "custom field"
        else:
            described[label] = "ignored"
    return described


def _write_rejects(path: Path, sheet: Sheet, problems: list[RowProblem]) -> None:
    reasons: dict[int, list[str]] = {}
    for p in problems:
        reasons.setdefault(p.row, []).append(f"{p.column}: {p.reason}")
    rows: list[list[Cell]] = []
    for number, cells in sorted(sheet.cells_of(sorted(reasons)).items()):
        if number in reasons:
            padded = [_cell_text(c) for c in cells] + [""] * (len(sheet.headers) - len(cells))
            rows.append([number, *padded[: len(sheet.headers)], "; ".join(reasons[number])])
    write_table(path, ["row", *sheet.headers, "reason"], rows)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
