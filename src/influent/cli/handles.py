"""Handles to confirm from the terminal: what a search of a name found, and `--confirm`."""

from __future__ import annotations

from influent.cli.common import app, console, print_json, workspace_session
from influent.cli.speech import fail_with
from influent.domain.messages import Message
from influent.services import enrichment
from influent.services.i18n import Translator

__all__ = ["confirm_handle", "say_resolution"]


def say_resolution(tr: Translator, resolution: enrichment.handle_search.Resolution) -> None:
    """What the search of one name found: the channel attached, or the candidates."""
    if resolution.reason is not None:
        console.print(tr.say(resolution.reason), markup=False, highlight=False)
    chosen = resolution.attached
    if chosen is not None:
        attached = tr.t(
            "cli.handles.attached", name=resolution.name, channel=chosen.name, url=chosen.url
        )
        console.print(attached, markup=False, highlight=False)
        return
    if not resolution.candidates:
        return
    heading = tr.t("cli.handles.candidates", name=resolution.name, creator=resolution.creator_id)
    console.print(heading, markup=False, highlight=False)
    for c in resolution.candidates:
        line = tr.t(
            "cli.handles.candidate",
            channel=c.name,
            followers=tr.num(c.followers) if c.followers is not None else "—",
            count=c.followers,
            url=c.url,
            id=c.external_id,
        )
        console.print(line, markup=False, highlight=False)


def confirm_handle(
    tr: Translator, refs: list[str] | None, channel_id: str, json_: bool, workspace: str | None
) -> None:
    """`enrich CREATOR --confirm CHANNEL_ID`: attach the channel the user chose."""
    if not refs or len(refs) != 1:
        fail_with(tr, Message("handles.error.no_pending"), 2)
    with (
        workspace_session(workspace) as (session, workspace_id),
        enrichment.source_settings.http_client(app().settings) as http,
    ):
        try:
            ids = enrichment.refresh.resolve_accounts(session, workspace_id=workspace_id, refs=refs)
            pending = enrichment.handle_search.pending_accounts(
                session, workspace_id=workspace_id, account_ids=ids
            )
            if not pending:
                fail_with(tr, Message("handles.error.no_pending"), 2)
            resolution = enrichment.handle_search.confirm_handle(
                session,
                workspace_id=workspace_id,
                account_id=pending[0].id,
                channel_id=channel_id,
                http=http,
            )
        except (enrichment.refresh.EnrichmentError, enrichment.handle_search.HandleError) as error:
            fail_with(tr, error.message, 2)
    if json_:
        print_json(resolution.to_dict())
        return
    say_resolution(tr, resolution)
