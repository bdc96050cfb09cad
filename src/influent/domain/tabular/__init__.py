"""Tabular input: a schema per kind of row, and the pure steps every import shares.

A schema (`RowSchema`) declares a kind of row once: its fields, their English and French
header spellings, the parser of each value, the columns a file must have and the merge key.
`checking.check_row` turns one row into parsed values or problems by column. Reading the
file and writing the rows happen in `influent.services.imports.pipeline`.
"""

from influent.domain.tabular.checking import CheckedRow, RowProblem, check_row, problem_at
from influent.domain.tabular.schema import Column, ColumnMapping, RowSchema

__all__ = [
    "CheckedRow",
    "Column",
    "ColumnMapping",
    "RowProblem",
    "RowSchema",
    "check_row",
    "problem_at",
]
