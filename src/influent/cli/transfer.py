"""`influent import` and `influent export`: the creator spreadsheet in and out.

The reports speak the language of `--locale` (else INFLUENT_DEFAULT_LOCALE).
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from influent.cli.common import (
    WORKSPACE_HELP,
    console,
    errors,
    print_json,
    progress_bars,
    workspace_session,
)
from influent.cli.speech import LOCALE_HELP, Language, fail_with, translator
from influent.domain.messages import MessageError
from influent.domain.platforms import Platform
from influent.domain.tabular.creators import parse_overrides
from influent.services import imports
from influent.services.i18n import Translator

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
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Import a creator spreadsheet; re-importing merges by handle/URL and never duplicates."""
    tr = translator(language)
    try:
        overrides = parse_overrides(map_)
    except MessageError as error:
        fail_with(tr, error.message, 2)
    try:
        with (
            workspace_session(workspace) as (session, workspace_id),
            progress_bars(not json_, tr) as bars,
        ):
            report = imports.import_creators(
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
    except imports.UnreadableFile as error:
        fail_with(tr, error.message, 2)
    except OSError as error:
        # The rejects file could not be written; the import was rolled back with it.
        target = str(error.filename or rejects)
        fail_with(tr, tr.t("cli.cannot_write", file=target, why=str(error.strerror)), 2)
    if json_:
        print_json(report.to_dict())
    else:
        _print_report(tr, report)
    if report.problems and not skip_invalid:
        raise typer.Exit(1)


def _print_report(tr: Translator, report: imports.ImportReport) -> None:
    details = [report.kind.upper()]
    if report.encoding:
        details.append(tr.t("cli.import.encoding", encoding=report.encoding))
    if report.delimiter:
        details.append(tr.t("cli.import.delimiter", delimiter=repr(report.delimiter)))
    head = tr.t("cli.import.file", details=", ".join(details), row=report.header_row)
    console.print(Text.assemble((report.file, "bold"), " ", head), highlight=False)
    mapping = Table(
        tr.t("cli.import.col.column"),
        tr.t("cli.import.col.read_as"),
        title=tr.t("cli.import.mapping"),
        title_justify="left",
    )
    for header, target in report.mapping.items():
        mapping.add_row(header, _target(tr, target))
    console.print(mapping)
    if report.problems:
        problems = Table(
            tr.t("cli.import.col.row"),
            tr.t("cli.import.col.column"),
            tr.t("cli.import.col.value"),
            tr.t("cli.import.col.problem"),
            title=tr.t("cli.import.problems", count=len(report.problems)),
        )
        for p in report.problems:
            problems.add_row(str(p.row), p.column, p.value, tr.problem(p))
        console.print(problems)
    if report.dry_run:
        verb = tr.t("cli.import.would_import")
    else:
        verb = tr.t("cli.import.imported") if report.written else tr.t("cli.import.nothing")
    summary = tr.t(
        "cli.import.summary",
        verb=verb,
        count=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=report.rejected,
    )
    console.print(summary, markup=False, highlight=False)
    if report.refused:
        errors.print(tr.t("cli.import.all_or_nothing"), markup=False, highlight=False)
    if report.rejects_file:
        rejected = tr.t("cli.import.rejects_written", file=str(report.rejects_file))
        console.print(rejected, markup=False, highlight=False)


def _target(tr: Translator, target: str) -> str:
    """A column's destination: a known field's name (the field itself in English)."""
    return target if tr.locale == "en" else tr.label("field", target)


@export_cli.command("creators")
def export_creators_command(
    file: Path = typer.Argument(..., help="Where to write: .xlsx or .csv."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Export every creator and account; the file imports back without loss."""
    tr = translator(language)
    if file.suffix.lower() not in (".csv", ".xlsx"):
        fail_with(tr, tr.t("cli.export.suffix"), 2)
    try:
        with (
            workspace_session(workspace) as (session, workspace_id),
            progress_bars(True, tr) as bars,
        ):
            count = imports.export_creators(
                session, workspace_id=workspace_id, path=file, progress=bars
            )
    except OSError as error:
        fail_with(tr, tr.t("cli.cannot_write", file=str(file), why=str(error.strerror)), 2)
    written = tr.t("cli.export.written", count=count, file=str(file))
    console.print(written, markup=False, highlight=False)
