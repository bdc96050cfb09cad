"""`influent brief …`, `influent shortlist` and `influent lookalikes`: brand fit from the terminal.

Words people read come from the catalogs, in the language of `--locale`, else of
INFLUENT_DEFAULT_LOCALE. `--json` prints the same data in every language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.table import Table

from influent.cli.common import WORKSPACE_HELP, console, fail, print_json, workspace_session
from influent.cli.speech import LOCALE_HELP as _LOCALE_HELP
from influent.cli.speech import Language, translator
from influent.domain.messages import MessageError
from influent.domain.platforms import Platform, Tier
from influent.services import brandfit as service
from influent.services.i18n import Translator

__all__ = ["brief_cli", "lookalikes", "shortlist", "survey_cli"]

brief_cli = typer.Typer(help="Write, read and list brand briefs.", no_args_is_help=True)

_MAX_BRIEF_BYTES = 256 * 1024


def _tr(language: Language | None) -> Translator:
    return translator(language)


def _fail(tr: Translator, error: MessageError, code: int = 2) -> NoReturn:
    fail(tr.say(error.message), code, label=tr.t("cli.error"))


@brief_cli.command("import")
def brief_import(
    path: Path = typer.Argument(..., help="A brief written as TOML (see docs/brand-fit.md)."),
    language: Language | None = typer.Option(None, "--locale", help=_LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Create or replace a brief from a TOML file (a brief of the same name is replaced)."""
    tr = _tr(language)
    try:
        if path.stat().st_size > _MAX_BRIEF_BYTES:
            raise OSError
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        _fail(tr, service.BriefError("brandfit.error.file", path=str(path)))
    try:
        data = service.brief_from_toml(text)
        with workspace_session(workspace) as (session, workspace_id):
            saved = service.save_brief(session, workspace_id=workspace_id, data=data)
    except MessageError as error:
        _fail(tr, error)
    console.print(tr.t("brandfit.cli.saved", name=saved.name, slug=saved.slug), markup=False)


@brief_cli.command("export")
def brief_export(
    name: str = typer.Argument(..., help="The brief's name, slug or id."),
    language: Language | None = typer.Option(None, "--locale", help=_LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Print a brief as TOML (the format `influent brief import` reads)."""
    tr = _tr(language)
    try:
        with workspace_session(workspace) as (session, workspace_id):
            data = service.find_brief(session, workspace_id=workspace_id, ref=name)
    except MessageError as error:
        _fail(tr, error)
    typer.echo(service.brief_to_toml(data), nl=False)


@brief_cli.command("list")
def brief_list(
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=_LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """List the workspace's briefs."""
    tr = _tr(language)
    with workspace_session(workspace) as (session, workspace_id):
        briefs = service.list_briefs(session, workspace_id=workspace_id)
    if json_:
        print_json(
            [
                {"id": b.id, "name": b.name, "slug": b.slug, "keywords": list(b.keywords)}
                for b in briefs
            ]
        )
        return
    if not briefs:
        console.print(tr.t("brandfit.cli.no_briefs"), markup=False)
        return
    table = Table(
        tr.t("brandfit.col.name"), tr.t("brandfit.col.slug"), tr.t("brandfit.col.keywords")
    )
    for b in briefs:
        table.add_row(b.name, b.slug, ", ".join(b.keywords))
    console.print(table)


def _accounts(accounts: tuple[tuple[str, str, str | None], ...]) -> list[dict[str, Any]]:
    return [{"platform": p, "handle": h, "url": u} for p, h, u in accounts]


def _row_json(row: service.ShortlistRow) -> dict[str, Any]:
    return {
        "rank": row.rank,
        "creator_id": row.creator_id,
        "name": row.name,
        "accounts": _accounts(row.accounts),
        "score": round(row.score, 4),
        "parts": {k: None if v is None else round(v, 4) for k, v in row.parts.items()},
        "missing": list(row.missing),
        "evidence": [
            {"text": e.text, "url": e.url, "similarity": round(e.similarity, 4)}
            for e in row.evidence
        ],
        "keywords_hit": list(row.keywords_hit),
        "flags": [
            {"kind": f.kind, "term": f.term, "topic": f.topic, "text": f.text, "url": f.url}
            for f in row.flags
        ],
    }


def shortlist(
    brief: str = typer.Argument(..., help="The brief's name, slug or id."),
    platform: list[Platform] = typer.Option(
        [], "--platform", help="Only creators on this platform (repeatable; default: the brief's)."
    ),
    tier: list[Tier] = typer.Option(
        [], "--tier", help="Only creators of this tier (repeatable; default: the brief's)."
    ),
    country: list[str] = typer.Option(
        [], "--country", help="Only creators from this country code (repeatable)."
    ),
    language_filter: list[str] = typer.Option(
        [], "--language", help="Only creators speaking this language code (repeatable)."
    ),
    min_quality: float | None = typer.Option(
        None,
        "--min-quality",
        min=0,
        max=100,
        help="Leave out creators whose vetting score is known and below this (0-100).",
    ),
    limit: int = typer.Option(50, "--limit", min=1, max=1000, help="How many creators to show."),
    weight: list[str] = typer.Option(
        [], "--weight", help="A part's weight, such as fit=4 (repeatable)."
    ),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=_LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Rank the workspace's creators against a brief, with each part of the score."""
    tr = _tr(language)
    try:
        weights = service.parse_weights(weight)
        with workspace_session(workspace) as (session, workspace_id):
            result = service.shortlist(
                session,
                workspace_id=workspace_id,
                brief_ref=brief,
                platforms=[p.value for p in platform],
                tiers=[t.value for t in tier],
                countries=country,
                languages=language_filter,
                min_quality=min_quality,
                limit=limit,
                weights=weights,
            )
    except MessageError as error:
        _fail(tr, error)
    if json_:
        print_json(
            {
                "brief": result.brief.name,
                "weights": result.weights,
                "considered": result.considered,
                "results": [_row_json(r) for r in result.results],
            }
        )
        return
    table = Table(
        "#",
        tr.t("brandfit.col.name"),
        tr.t("brandfit.col.score"),
        *(tr.t(f"brandfit.part.{p}") for p in result.weights),
        tr.t("brandfit.col.flags"),
    )
    for row in result.results:
        table.add_row(
            str(row.rank),
            row.name,
            tr.num(row.score * 100, 0),
            *(
                "—" if row.parts.get(p) is None else tr.num((row.parts[p] or 0) * 100, 0)
                for p in result.weights
            ),
            ", ".join(sorted({tr.t(f"brandfit.flag.{f.kind}") for f in row.flags})),
        )
    console.print(table)
    console.print(tr.t("brandfit.cli.considered", count=result.considered), markup=False)


def lookalikes(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    limit: int = typer.Option(20, "--limit", min=1, max=500, help="How many creators to show."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=_LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Creators whose content reads like this creator's, in any language."""
    tr = _tr(language)
    try:
        with workspace_session(workspace) as (session, workspace_id):
            name, found = service.lookalikes(
                session, workspace_id=workspace_id, ref=ref, limit=limit
            )
    except MessageError as error:
        _fail(tr, error)
    if json_:
        print_json(
            {
                "creator": name,
                "results": [
                    {
                        "rank": rank,
                        "creator_id": f.creator_id,
                        "name": f.name,
                        "accounts": _accounts(f.accounts),
                        "similarity": round(f.similarity, 4),
                        "evidence": [
                            {"text": e.text, "url": e.url, "similarity": round(e.similarity, 4)}
                            for e in f.evidence
                        ],
                    }
                    for rank, f in enumerate(found, start=1)
                ],
            }
        )
        return
    table = Table(
        "#",
        tr.t("brandfit.col.name"),
        tr.t("brandfit.col.similarity"),
        tr.t("brandfit.col.evidence"),
    )
    for rank, f in enumerate(found, start=1):
        table.add_row(
            str(rank), f.name, tr.num(f.similarity, 2), f.evidence[0].text if f.evidence else ""
        )
    console.print(table)


survey_cli = typer.Typer(
    help="Leads from your customers: import survey answers, list whom they follow.",
    no_args_is_help=True,
)


@survey_cli.command("import")
def survey_import(
    path: Path = typer.Argument(..., help="A Typeform or Google Forms CSV export of the answers."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=_LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Import survey answers; names are matched to known creators, the rest become leads."""
    tr = _tr(language)
    try:
        if path.stat().st_size > service.MAX_SURVEY_BYTES:
            raise service.SurveyError(
                "brandfit.survey.too_large", limit=service.MAX_SURVEY_BYTES // (1024 * 1024)
            )
        data = path.read_bytes()
    except OSError:
        _fail(tr, service.BriefError("brandfit.error.file", path=str(path)))
    except MessageError as error:
        _fail(tr, error)
    try:
        with workspace_session(workspace) as (session, workspace_id):
            done = service.import_survey_csv(session, workspace_id=workspace_id, data=data)
    except MessageError as error:
        _fail(tr, error)
    if json_:
        print_json(
            {
                "answers": done.answers,
                "skipped": done.skipped_known,
                "matched": done.matched,
                "leads": done.leads,
            }
        )
        return
    console.print(
        tr.t(
            "brandfit.survey.imported",
            answers=tr.t("brandfit.survey.answers", count=done.answers),
            skipped=tr.t("brandfit.survey.skipped", count=done.skipped_known),
            matched=tr.t("brandfit.survey.matched", count=done.matched),
            leads=tr.t("brandfit.survey.leads", count=done.leads),
        ),
        markup=False,
    )


@survey_cli.command("leads")
def survey_leads(
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=_LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Whom customers follow, most named first: known creators and new leads."""
    tr = _tr(language)
    with workspace_session(workspace) as (session, workspace_id):
        leads = service.survey_leads(session, workspace_id=workspace_id)
    if json_:
        print_json(
            [
                {
                    "name": lead.name,
                    "mentions": lead.mentions,
                    "creator_id": lead.creator_id,
                    "lead_id": lead.lead_id,
                    "provenance": lead.provenance,
                }
                for lead in leads
            ]
        )
        return
    if not leads:
        console.print(tr.t("brandfit.survey.no_answers"), markup=False)
        return
    table = Table(tr.t("brandfit.col.name"), tr.t("brandfit.survey.mentions"), "")
    for lead in leads:
        table.add_row(
            lead.name,
            tr.num(lead.mentions),
            tr.t("brandfit.survey.known") if lead.creator_id else tr.t("brandfit.survey.lead"),
        )
    console.print(table)
