"""Imports wing: spreadsheets in and out.

`creator_import` reads a creators spreadsheet and writes it all or nothing (`creator_writing`),
`manual_sources` imports snapshots, posts and comment samples, and `export` writes creators back
as a spreadsheet that imports without loss. New kinds of rows (orders, survey answers, deals)
add a schema and a writer here.
"""

from influent.services.imports import creator_import, export, manual_sources

__all__ = ["creator_import", "export", "manual_sources"]
