"""Outreach email against a real SMTP server on this machine (aiosmtpd)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes

import pytest

from influent.domain.touches import Channel, ContactKind
from influent.services import outreach
from influent.services.core import Influent
from influent.settings import Settings
from influent_testing import Team

from .conftest import REFUSED, Mailbox, free_port, new_campaign, new_creator, smtp_settings

NOW = datetime(2026, 11, 2, 10, tzinfo=UTC)
ME = outreach.Sender("growth@maison-verte.fr", "Camille")


def _opportunity(influent: Influent, ws: int, handle: str, email: str | None, campaign: int) -> int:
    creator = new_creator(influent, ws, handle)
    with influent.session() as session:
        if email:
            outreach.add_contact_point(
                session, workspace_id=ws, creator_id=creator, kind=ContactKind.EMAIL, value=email
            )
        [opp] = outreach.add_to_campaign(
            session,
            workspace_id=ws,
            campaign_id=campaign,
            creator_ids=[creator],
            now=NOW - timedelta(days=1),
        )
        return opp.id


def _send(influent: Influent, settings: Settings, ws: int, opp: int, **kwargs: object) -> None:
    with influent.session() as session:
        outreach.send_email(
            session,
            settings,
            workspace_id=ws,
            opportunity_id=opp,
            subject="Vos bougies",
            body="Bonjour, une question sur votre dernière vidéo ?",
            sender=ME,
            now=kwargs.pop("now", NOW),  # type: ignore[arg-type]
            **kwargs,  # type: ignore[arg-type]
        )


def _state(influent: Influent, ws: int, opp: int) -> tuple[str, int]:
    with influent.session() as session:
        stage = outreach.get_opportunity(session, workspace_id=ws, opportunity_id=opp).stage
        return stage, len(outreach.touches_of(session, workspace_id=ws, opportunity_id=opp))


def test_it_sends_from_the_users_mailbox_and_logs_the_touch(
    influent: Influent, settings: Settings, team: Team, smtp_server: Mailbox
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    opp = _opportunity(influent, ws, "lea", "lea@example.com", campaign)
    _send(influent, smtp_settings(settings, smtp_server), ws, opp)
    [envelope] = smtp_server.messages
    assert envelope.mail_from == "growth@maison-verte.fr"
    assert envelope.rcpt_tos == ["lea@example.com"]
    parsed = message_from_bytes(envelope.original_content or b"")
    assert parsed["Subject"] == "Vos bougies"
    assert "Camille" in parsed["From"]
    assert _state(influent, ws, opp) == ("contacted", 1)
    with influent.session() as session:
        [touch] = outreach.touches_of(session, workspace_id=ws, opportunity_id=opp)
        assert touch.channel == "email" and touch.recipient == "lea@example.com"
        assert outreach.new_contacts_today(session, workspace_id=ws, now=NOW) == 1


def test_the_daily_cap_on_new_contacts_is_enforced_but_follow_ups_pass(
    influent: Influent, settings: Settings, team: Team, smtp_server: Mailbox
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    capped = smtp_settings(settings, smtp_server, outreach_daily_cap=2)
    opps = [_opportunity(influent, ws, f"c{i}", f"c{i}@example.com", campaign) for i in range(3)]
    _send(influent, capped, ws, opps[0])
    _send(influent, capped, ws, opps[1])
    with pytest.raises(outreach.OutreachError) as caught:
        _send(influent, capped, ws, opps[2])
    assert caught.value.code == "outreach.error.daily_cap"
    assert _state(influent, ws, opps[2]) == ("identified", 0)
    # A follow-up to someone already contacted is not a new contact.
    _send(influent, capped, ws, opps[0], now=NOW + timedelta(hours=1))
    # The next day the cap starts again.
    _send(influent, capped, ws, opps[2], now=NOW + timedelta(days=1))
    assert len(smtp_server.messages) == 4


def test_it_paces_emails_sent_one_after_another(
    influent: Influent, settings: Settings, team: Team, smtp_server: Mailbox
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    paced = smtp_settings(settings, smtp_server, outreach_pacing_seconds=20.0)
    a = _opportunity(influent, ws, "a", "a@example.com", campaign)
    b = _opportunity(influent, ws, "b", "b@example.com", campaign)
    waits: list[float] = []
    _send(influent, paced, ws, a, wait=waits.append)
    _send(influent, paced, ws, b, now=NOW + timedelta(seconds=5), wait=waits.append)
    assert waits == [pytest.approx(15.0)]


def test_a_refused_recipient_writes_nothing(
    influent: Influent, settings: Settings, team: Team, smtp_server: Mailbox
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    opp = _opportunity(influent, ws, "gone", REFUSED, campaign)
    with pytest.raises(outreach.OutreachError) as caught:
        _send(influent, smtp_settings(settings, smtp_server), ws, opp)
    assert caught.value.code == "outreach.error.recipient_refused"
    assert "550" in caught.value.params["reply"]
    assert _state(influent, ws, opp) == ("identified", 0)


def test_an_unreachable_server_writes_nothing(
    influent: Influent, settings: Settings, team: Team
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    opp = _opportunity(influent, ws, "lea", "lea@example.com", campaign)
    nowhere = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": free_port(), "smtp_security": "none"}
    )
    with pytest.raises(outreach.OutreachError) as caught:
        _send(influent, nowhere, ws, opp)
    assert caught.value.code == "outreach.error.smtp_unreachable"
    assert _state(influent, ws, opp) == ("identified", 0)


def test_a_server_without_starttls_is_refused_clearly(
    influent: Influent, settings: Settings, team: Team, smtp_server: Mailbox
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    opp = _opportunity(influent, ws, "lea", "lea@example.com", campaign)
    with pytest.raises(outreach.OutreachError) as caught:
        _send(influent, smtp_settings(settings, smtp_server, smtp_security="starttls"), ws, opp)
    assert caught.value.code == "outreach.error.smtp_security"
    assert smtp_server.messages == []


def test_a_creator_without_an_email_is_refused_before_sending(
    influent: Influent, settings: Settings, team: Team, smtp_server: Mailbox
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    opp = _opportunity(influent, ws, "lea", None, campaign)
    with pytest.raises(outreach.OutreachError) as caught:
        _send(influent, smtp_settings(settings, smtp_server), ws, opp)
    assert caught.value.code == "outreach.error.no_contact_point"
    assert smtp_server.messages == []


def test_an_unconfirmed_hint_is_not_an_address(
    influent: Influent, settings: Settings, team: Team, smtp_server: Mailbox
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    creator = new_creator(influent, ws, "lea", email="lea@example.com")
    with influent.session() as session:
        outreach.collect_hints(session, workspace_id=ws, creator_id=creator)
        [opp] = outreach.add_to_campaign(
            session, workspace_id=ws, campaign_id=campaign, creator_ids=[creator]
        )
        opp_id = opp.id
    with pytest.raises(outreach.OutreachError):
        _send(influent, smtp_settings(settings, smtp_server), ws, opp_id)


def test_a_closed_opportunity_gets_no_email(
    influent: Influent, settings: Settings, team: Team, smtp_server: Mailbox
) -> None:
    from influent.domain.pipeline import LostReason, Stage

    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    opp = _opportunity(influent, ws, "lea", "lea@example.com", campaign)
    with influent.session() as session:
        outreach.move(
            session,
            workspace_id=ws,
            opportunity_id=opp,
            stage=Stage.LOST,
            lost_reason=LostReason.NOT_A_FIT,
        )
    with pytest.raises(outreach.OutreachError) as caught:
        _send(influent, smtp_settings(settings, smtp_server), ws, opp)
    assert caught.value.code == "outreach.error.closed"
    assert smtp_server.messages == []


def test_the_agent_channel_writes_to_the_agent(
    influent: Influent, settings: Settings, team: Team, smtp_server: Mailbox
) -> None:
    ws = team.workspace_id
    campaign = new_campaign(influent, ws)
    opp = _opportunity(influent, ws, "lea", None, campaign)
    with influent.session() as session:
        creator = outreach.get_opportunity(session, workspace_id=ws, opportunity_id=opp).creator_id
        agent = outreach.create_agent(
            session, workspace_id=ws, name="Claire", email="claire@agence.fr"
        )
        outreach.assign_agent(session, workspace_id=ws, agent_id=agent.id, creator_id=creator)
    _send(influent, smtp_settings(settings, smtp_server), ws, opp, channel=Channel.AGENT_EMAIL)
    assert smtp_server.messages[0].rcpt_tos == ["claire@agence.fr"]
