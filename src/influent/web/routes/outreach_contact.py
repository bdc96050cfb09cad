"""One opportunity: its history and touches, contact points, the draft, email and DMs."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from influent.domain.drafts import MAX_WORDS
from influent.domain.messages import MessageError
from influent.domain.touches import Channel, ContactKind, Direction
from influent.services import campaigns, outreach
from influent.services.accounts import Actor
from influent.services.creators import get_creator
from influent.services.i18n import Translator
from influent.web.deps import CurrentActor, EditorActor, SessionDep, SettingsDep, TranslatorDep
from influent.web.routes.outreach import CHANNELS, KINDS, REASONS
from influent.web.templating import flash, render

router = APIRouter()

_DM_CHANNELS = (Channel.INSTAGRAM_DM, Channel.TIKTOK_DM)


def _say(tr: Translator, error: MessageError) -> str:
    return tr.say(error.message)


def _page(
    request: Request,
    session: SessionDep,
    actor: Actor,
    tr: Translator,
    opportunity_id: int,
    *,
    lang: str | None = None,
    subject: str | None = None,
    body: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    ws = actor.workspace_id
    try:
        opportunity = outreach.get_opportunity(
            session, workspace_id=ws, opportunity_id=opportunity_id
        )
    except MessageError:
        return render(
            request,
            "error.html",
            tr=tr,
            actor=actor,
            status_code=404,
            message=tr.t("errors.not_found"),
            code=404,
        )
    creator = get_creator(session, workspace_id=ws, creator_id=opportunity.creator_id)
    campaign = campaigns.get_campaign(session, workspace_id=ws, campaign_id=opportunity.campaign_id)
    outreach.collect_hints(session, workspace_id=ws, creator_id=creator.id)
    draft = outreach.draft_message(
        session,
        workspace_id=ws,
        campaign_id=campaign.id,
        creator_id=creator.id,
        sender_name=actor.name or actor.email.split("@")[0].title(),
        language=lang if lang in outreach.DRAFT_LANGUAGES else None,
    )
    subject = draft.subject if subject is None else subject
    body = draft.body if body is None else body
    words, warnings = outreach.check_draft(subject, body)
    dm_links = {}
    for channel in _DM_CHANNELS:
        try:
            dm_links[channel.value] = outreach.dm_url(
                session, workspace_id=ws, creator_id=creator.id, channel=channel
            )
        except MessageError:
            continue
    due = {
        i.opportunity_id: i
        for i in outreach.due_list(
            session, workspace_id=ws, campaign_id=campaign.id, upcoming_days=365
        )
    }
    return render(
        request,
        "outreach/opportunity.html",
        tr=tr,
        actor=actor,
        status_code=status_code,
        opportunity=opportunity,
        creator=creator,
        campaign=campaign,
        history=outreach.stage_history(session, workspace_id=ws, opportunity_id=opportunity_id),
        touches=outreach.touches_of(session, workspace_id=ws, opportunity_id=opportunity_id),
        contacts=outreach.contact_points(session, workspace_id=ws, creator_id=creator.id),
        agents=outreach.creator_agents(session, workspace_id=ws, creator_id=creator.id),
        agent_hints=outreach.agent_hints(session, workspace_id=ws, creator_id=creator.id),
        moves=outreach.legal_stage_moves(opportunity),
        reasons=REASONS,
        channels=CHANNELS,
        kinds=KINDS,
        draft=draft,
        subject=subject,
        body=body,
        words=words,
        warnings=[tr.say(w) for w in warnings],
        max_words=MAX_WORDS,
        dm_links=dm_links,
        next_action=due.get(opportunity_id),
        error=error,
    )


@router.get("/opportunities/{opportunity_id}", response_class=HTMLResponse, include_in_schema=False)
def opportunity_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    opportunity_id: int,
    lang: str | None = None,
) -> HTMLResponse:
    return _page(request, session, actor, tr, opportunity_id, lang=lang)


@router.post(
    "/opportunities/{opportunity_id}/draft/check",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def check_draft(
    request: Request,
    actor: CurrentActor,
    tr: TranslatorDep,
    opportunity_id: int,
    subject: Annotated[str, Form()] = "",
    body: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """The word count and warnings of the draft as the user edits it."""
    words, warnings = outreach.check_draft(subject, body)
    return render(
        request,
        "outreach/_draft_check.html",
        tr=tr,
        actor=actor,
        words=words,
        max_words=MAX_WORDS,
        warnings=[tr.say(w) for w in warnings],
    )


@router.post("/opportunities/{opportunity_id}/send", include_in_schema=False)
def send(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    settings: SettingsDep,
    opportunity_id: int,
    subject: Annotated[str, Form()],
    body: Annotated[str, Form()],
    channel: Annotated[str, Form()] = "email",
) -> Response:
    """Send the draft by email from the user's own mailbox; any refusal writes nothing."""
    try:
        chosen = Channel(channel) if channel in CHANNELS else Channel.EMAIL
        touch = outreach.send_email(
            session,
            settings,
            workspace_id=actor.workspace_id,
            opportunity_id=opportunity_id,
            subject=subject,
            body=body,
            sender=outreach.Sender(actor.email, actor.name),
            user_id=actor.user_id,
            channel=chosen,
            # Two emails a few seconds apart wait out the pacing (20 s by default).
            wait=time.sleep,
        )
    except MessageError as error:
        session.rollback()
        return _page(
            request,
            session,
            actor,
            tr,
            opportunity_id,
            subject=subject,
            body=body,
            error=_say(tr, error),
            status_code=400,
        )
    flash(request, tr.t("outreach.web.sent", recipient=touch.recipient or ""), "success")
    return RedirectResponse(f"/opportunities/{opportunity_id}", status_code=303)


@router.post("/opportunities/{opportunity_id}/touch", include_in_schema=False)
def log_touch(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    opportunity_id: int,
    channel: Annotated[str, Form()],
    direction: Annotated[str, Form()] = "out",
    content: Annotated[str, Form()] = "",
) -> Response:
    """A DM sent by hand on the platform, a call, or a reply received."""
    try:
        if channel not in CHANNELS:
            raise MessageError(
                "outreach.error.unknown_channel", channel=channel, channels=", ".join(CHANNELS)
            )
        outreach.log_touch(
            session,
            workspace_id=actor.workspace_id,
            opportunity_id=opportunity_id,
            channel=Channel(channel),
            direction=Direction.IN if direction == "in" else Direction.OUT,
            content=content,
            user_id=actor.user_id,
        )
    except MessageError as error:
        session.rollback()
        flash(request, _say(tr, error), "error")
    else:
        flash(request, tr.t("outreach.web.logged"), "success")
    return RedirectResponse(f"/opportunities/{opportunity_id}", status_code=303)


@router.post("/opportunities/{opportunity_id}/contacts", include_in_schema=False)
def add_contact(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    opportunity_id: int,
    kind: Annotated[str, Form()],
    value: Annotated[str, Form()],
) -> Response:
    try:
        opportunity = outreach.get_opportunity(
            session, workspace_id=actor.workspace_id, opportunity_id=opportunity_id
        )
        if kind not in KINDS:
            raise MessageError(
                "outreach.error.unknown_channel", channel=kind, channels=", ".join(KINDS)
            )
        outreach.add_contact_point(
            session,
            workspace_id=actor.workspace_id,
            creator_id=opportunity.creator_id,
            kind=ContactKind(kind),
            value=value,
        )
    except MessageError as error:
        session.rollback()
        flash(request, _say(tr, error), "error")
    return RedirectResponse(f"/opportunities/{opportunity_id}", status_code=303)


@router.post("/opportunities/{opportunity_id}/contacts/{point_id}/confirm", include_in_schema=False)
def confirm_contact(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    opportunity_id: int,
    point_id: int,
) -> Response:
    try:
        outreach.confirm_contact_point(session, workspace_id=actor.workspace_id, point_id=point_id)
    except MessageError as error:
        session.rollback()
        flash(request, _say(tr, error), "error")
    return RedirectResponse(f"/opportunities/{opportunity_id}", status_code=303)


@router.post("/opportunities/{opportunity_id}/agents", include_in_schema=False)
def add_agent(
    request: Request,
    session: SessionDep,
    actor: EditorActor,
    tr: TranslatorDep,
    opportunity_id: int,
    name: Annotated[str, Form()],
    agency: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    phone: Annotated[str, Form()] = "",
) -> Response:
    try:
        opportunity = outreach.get_opportunity(
            session, workspace_id=actor.workspace_id, opportunity_id=opportunity_id
        )
        agent = outreach.create_agent(
            session,
            workspace_id=actor.workspace_id,
            name=name,
            agency=agency,
            email=email,
            phone=phone,
        )
        outreach.assign_agent(
            session,
            workspace_id=actor.workspace_id,
            agent_id=agent.id,
            creator_id=opportunity.creator_id,
        )
    except MessageError as error:
        session.rollback()
        flash(request, _say(tr, error), "error")
    return RedirectResponse(f"/opportunities/{opportunity_id}", status_code=303)
