"""Checking one row against its schema: the parsed values, or the problems by column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from influent.domain.tabular.schema import ColumnMapping, RowSchema
from influent.domain.values import ValueProblem, is_missing

__all__ = ["CheckedRow", "RowProblem", "check_row", "problem_at"]

K = TypeVar("K", bound=str)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row was rejected: its number as the spreadsheet shows it, the column and value."""

    row: int
    column: str
    value: str
    reason: str
    code: str = ""
    params: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class CheckedRow(Generic[K]):
    """A checked row: its number, the values that parsed, the raw cells and the problems."""

    row: int
    values: dict[K, object]
    cells: dict[K, object]
    problems: list[RowProblem] = field(default_factory=list)


def problem_at(
    schema: RowSchema[K],
    mapping: ColumnMapping[K],
    headers: list[str],
    row: int,
    name: K,
    raw: object,
    problem: ValueProblem,
) -> RowProblem:
    """A problem in field `name` of a row, naming the column as the schema says."""
    index = mapping.column_of(name)
    column = headers[index] if schema.problems_by == "header" and index is not None else name
    return RowProblem(
        row=row,
        column=str(column),
        value="" if raw is None else str(raw),
        reason=str(problem),
        code=problem.code,
        params=problem.params,
    )


def check_row(
    schema: RowSchema[K],
    mapping: ColumnMapping[K],
    headers: list[str],
    row: int,
    cells: list[object],
) -> CheckedRow[K]:
    """Parse each mapped cell with its column's parser; an empty needed cell is a problem."""
    by_name = {name: index for index, name in mapping.fields.items()}
    raw: dict[K, object] = {}
    values: dict[K, object] = {}
    problems: list[RowProblem] = []
    for column in schema.columns:
        index = by_name.get(column.name)
        cell = cells[index] if index is not None and index < len(cells) else None
        if index is not None:
            raw[column.name] = cell
        try:
            if is_missing(cell):
                if column.needed:
                    raise ValueProblem("missing")
                continue
            if index is None:
                continue
            values[column.name] = cell if column.parse is None else column.parse(cell)
        except ValueProblem as problem:
            problems.append(problem_at(schema, mapping, headers, row, column.name, cell, problem))
    return CheckedRow(row=row, values=values, cells=raw, problems=problems)
