"""Imports wing: spreadsheets in and out.

Every kind of row goes through one pipeline (`pipeline`: read any spreadsheet, find the header
row, map the columns by the kind's schema in `influent.domain.tabular`, report problems by row
and column, hand checked rows to a writer). `creator_import` reads a creators spreadsheet and
writes it all or nothing (`creator_writing`), `manual_sources` holds the writers of snapshots,
posts and comment samples, and `export` writes creators back as a spreadsheet that imports
without loss. New kinds of rows (orders, survey answers, deals) add a schema and a writer.
"""

from influent.services.imports import manual_sources, uploads
from influent.services.imports.creator_import import ImportReport, UnreadableFile, import_creators
from influent.services.imports.export import export_creators

__all__ = [
    "ImportReport",
    "UnreadableFile",
    "export_creators",
    "import_creators",
    "manual_sources",
    "uploads",
]
