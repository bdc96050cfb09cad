"""Imports wing: spreadsheets in and out.

Every kind of row goes through one pipeline (`pipeline`: read any spreadsheet, find the header
row, map the columns by the kind's schema in `influent.domain.tabular`, report problems by row
and column, hand checked rows to a writer). `creator_import` reads a creators spreadsheet and
writes it all or nothing (`creator_writing`), `manual_sources` holds the writers of snapshots,
posts and comment samples, and `export` writes creators back as a spreadsheet that imports
without loss. New kinds of rows (orders, survey answers, deals) add a schema and a writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.services.imports import manual_sources, uploads
    from influent.services.imports.creator_import import (
        ImportReport,
        UnreadableFile,
        import_creators,
    )
    from influent.services.imports.export import export_creators
    from influent.services.imports.pipeline import TableReport

__all__ = [
    "ImportReport",
    "TableReport",
    "UnreadableFile",
    "export_creators",
    "import_creators",
    "manual_sources",
    "uploads",
]

lazy_wing(
    __name__,
    {
        "manual_sources": "influent.services.imports.manual_sources:",
        "uploads": "influent.services.imports.uploads:",
        "ImportReport": "influent.services.imports.creator_import",
        "UnreadableFile": "influent.services.imports.creator_import",
        "import_creators": "influent.services.imports.creator_import",
        "export_creators": "influent.services.imports.export",
        "TableReport": "influent.services.imports.pipeline",
    },
)
