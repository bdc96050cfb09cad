"""Imports wing: spreadsheets in and out.

`creator_import` reads a creators spreadsheet and writes it all or nothing (`creator_writing`),
`manual_sources` imports snapshots, posts and comment samples, and `export` writes creators back
as a spreadsheet that imports without loss. A new kind of rows (orders, survey answers, deals)
adds a schema and a writer here.
"""

from influent.services.imports import manual_sources
from influent.services.imports.creator_import import ImportReport, UnreadableFile, import_creators
from influent.services.imports.export import export_creators

__all__ = ["ImportReport", "UnreadableFile", "export_creators", "import_creators", "manual_sources"]
