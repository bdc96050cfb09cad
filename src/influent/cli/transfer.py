"""`influent import` and `influent export`: the creator spreadsheet in and out."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from influent.cli.common import console, errors, fail, print_json, progress_bars, workspace_session
from influent.domain.columns import parse_overrides
from influent.domain.platforms import Platform
from influent.services.exporting import export_creators
from influent.services.i18n import Translator
from influent.services.importing import ImportReport, UnreadableFile, import_creators

import_cli = typer.Typer(help="Bring data in from files.", no_args_is_help=True)
export_cli = typer.Typer(help="Write data out to files.", no_args_is_help=True)


@import_cli.command("creators")
def import_creators_command(
    file: Path = typer.Argument(..., help="CSV (any delimiter and encoding), XLSX or ODS."),
    map_: list[str] = typer.Option(
        [], "--map", help='Override a column: "Colonne X=followers" (or =ignore).'
    ),
    platform: Platform | None = typer.Option(
        None, help="Platform for rows that have no platform column or URL."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show the mapping, counts and problems; write nothing."
    ),
    skip_invalid: bool = typer.Option(
        False, "--skip-invalid", help="Import the good rows even if some are bad."
    ),
    rejects: Path | None = typer.Option(
        None, help="With --skip-invalid: write bad rows here with a reason column."
    ),
    json_: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Import a creator spreadsheet; re-importing merges by handle/URL and never duplicates."""
    try:
        overrides = parse_overrides(map_)
    except ValueError as error:
        fail(str(error), 2)
    try:
        with workspace_session() as (session, workspace_id), progress_bars(not json_) as bars:
            report = import_creators(
                session,
                workspace_id=workspace_id,
                path=file,
                overrides=overrides,
                platform_hint=platform,
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                rejects_path=rejects,
                progress=bars,
            )
    except UnreadableFile as error:
        fail(str(error) if error.message is None else Translator("en").say(error.message), 2)
    except OSError as error:
        # The rejects file could not be written; the import was rolled back with it.
        fail(f"cannot write {error.filename or rejects}: {error.strerror}.", 2)
    if json_:
        print_json(report.to_dict())
    else:
        _print_report(report)
    if report.problems and not skip_invalid:
        raise typer.Exit(1)


def _print_report(report: ImportReport) -> None:
    details = [report.kind.upper()]
    if report.encoding:
        details.append(f"encoding {report.encoding}")
    if report.delimiter:
        details.append(f"delimiter {report.delimiter!r}")
    console.print(
        f"[bold]{report.file}[/] ({', '.join(details)}, header on row {report.header_row})"
    )
    mapping = Table("Column", "Read as", title="Column mapping", title_justify="left")
    for header, target in report.mapping.items():
        mapping.add_row(header, target)
    console.print(mapping)
    if report.problems:
        problems = Table(
            "Row", "Column", "Value", "Problem", title=f"{len(report.problems)} problems"
        )
        for p in report.problems:
            problems.add_row(str(p.row), p.column, p.value, p.reason)
        console.print(problems)
    verb = (
        "Would import" if report.dry_run else ("Imported" if report.written else "Nothing written")
    )
    console.print(
        f"{verb}: {report.rows} rows — created {report.created}, updated {report.updated}, "
        f"unchanged {report.unchanged}, rejected {report.rejected}."
    )
    if report.problems and not report.written and not report.dry_run:
        errors.print(
            "The file has invalid rows, so nothing was imported. Fix them, or pass --skip-invalid."
        )
    if report.rejects_file:
        console.print(f"Rejected rows written to {report.rejects_file}.")


@export_cli.command("creators")
def export_creators_command(
    file: Path = typer.Argument(..., help="Where to write: .xlsx or .csv."),
) -> None:
    """Export every creator and account; the file imports back without loss."""
    if file.suffix.lower() not in (".csv", ".xlsx"):
        fail("export to a .csv or .xlsx file", 2)
    try:
        with workspace_session() as (session, workspace_id), progress_bars() as bars:
            count = export_creators(session, workspace_id=workspace_id, path=file, progress=bars)
    except OSError as error:
        fail(f"cannot write {file}: {error.strerror}.", 2)
    console.print(f"Wrote {count} rows to {file}.")
