"""Outreach email through the user's own SMTP server: a daily cap on new contacts, pacing,
and nothing written unless the server accepted the message."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from datetime import datetime, time, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.domain.roles import Role
from influent.domain.touches import Channel, Direction, Outcome
from influent.services.outreach._pipeline import OutreachError
from influent.services.outreach._touches import plan_outbound, write_touch
from influent.settings import Settings
from influent.store.models import Membership, User, utcnow
from influent.store.outreach_models import Touch

__all__ = ["EMAIL_CHANNELS", "Sender", "new_contacts_today", "send_email", "workspace_sender"]

EMAIL_CHANNELS = (Channel.EMAIL, Channel.AGENT_EMAIL)


class Sender:
    """Who the email is from: the acting user's own mailbox unless settings name another."""

    def __init__(self, email: str, name: str = "") -> None:
        self.email = email
        self.name = name


def _day_start(now: datetime) -> datetime:
    return datetime.combine(now.date(), time(0), tzinfo=now.tzinfo)


def new_contacts_today(session: Session, *, workspace_id: int, now: datetime) -> int:
    """Creators emailed for the first time today (UTC): what the daily cap counts."""
    return int(
        session.scalar(
            select(func.count(Touch.id)).where(
                Touch.workspace_id == workspace_id,
                Touch.first_contact.is_(True),
                Touch.channel.in_([c.value for c in EMAIL_CHANNELS]),
                Touch.at >= _day_start(now),
            )
        )
        or 0
    )


def _last_email_at(session: Session, workspace_id: int) -> datetime | None:
    return session.scalar(
        select(func.max(Touch.at)).where(
            Touch.workspace_id == workspace_id,
            Touch.direction == Direction.OUT.value,
            Touch.channel.in_([c.value for c in EMAIL_CHANNELS]),
        )
    )


def _deliver(settings: Settings, message: EmailMessage) -> None:
    """Hand the message to the SMTP server; every refusal becomes an OutreachError."""
    host = settings.smtp_host
    if not host:
        raise OutreachError("outreach.error.smtp_not_configured")
    where = f"{host}:{settings.smtp_port}"
    try:
        client: smtplib.SMTP
        if settings.smtp_security == "ssl":
            client = smtplib.SMTP_SSL(
                host,
                settings.smtp_port,
                timeout=settings.smtp_timeout,
                context=ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(host, settings.smtp_port, timeout=settings.smtp_timeout)
        with client:
            if settings.smtp_security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                client.login(settings.smtp_username, settings.smtp_password or "")
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        code, reason = next(iter(error.recipients.values()))
        raise OutreachError(
            "outreach.error.recipient_refused",
            recipient=str(message["To"]),
            reply=f"{code} {reason.decode(errors='replace')}",
        ) from None
    except smtplib.SMTPSenderRefused as error:
        raise OutreachError(
            "outreach.error.sender_refused",
            sender=str(message["From"]),
            reply=f"{error.smtp_code} {error.smtp_error.decode(errors='replace')}",
        ) from None
    except smtplib.SMTPAuthenticationError:
        raise OutreachError("outreach.error.smtp_login", server=where) from None
    except smtplib.SMTPNotSupportedError:
        raise OutreachError("outreach.error.smtp_security", server=where) from None
    except (smtplib.SMTPException, OSError) as error:
        raise OutreachError(
            "outreach.error.smtp_unreachable", server=where, reason=error.__class__.__name__
        ) from None


def send_email(
    session: Session,
    settings: Settings,
    *,
    workspace_id: int,
    opportunity_id: int,
    subject: str,
    body: str,
    sender: Sender,
    user_id: int | None = None,
    channel: Channel = Channel.EMAIL,
    now: datetime | None = None,
    wait: Callable[[float], None] | None = None,
) -> Touch:
    """Send one email and log it as a touch (and the move to contacted when it is the first).

    Refused before sending: a closed opportunity, no address for the channel, the daily cap on
    new contacts reached. Refused by the server: nothing is written either.
    """
    if channel not in EMAIL_CHANNELS:
        raise OutreachError("outreach.error.not_email", channel=channel.value)
    if not subject.strip() or not body.strip():
        raise OutreachError("outreach.error.email_empty")
    now = now or utcnow()
    plan = plan_outbound(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id, channel=channel
    )
    cap = settings.outreach_daily_cap
    if (
        plan.first_contact
        and new_contacts_today(session, workspace_id=workspace_id, now=now) >= cap
    ):
        raise OutreachError("outreach.error.daily_cap", cap=cap)
    last = _last_email_at(session, workspace_id)
    if wait is not None and last is not None:
        pause = settings.outreach_pacing_seconds - (now - last).total_seconds()
        if pause > 0:
            wait(pause)
            now = now + timedelta(seconds=pause)
    from_address = settings.smtp_sender or sender.email
    message = EmailMessage()
    message["From"] = formataddr((sender.name, from_address)) if sender.name else from_address
    message["To"] = plan.recipient or ""
    message["Subject"] = subject.strip()
    message["Message-ID"] = make_msgid(domain=from_address.rpartition("@")[2] or None)
    message["Date"] = now
    message.set_content(body.strip() + "\n")
    _deliver(settings, message)
    return write_touch(
        session,
        plan=plan,
        opportunity=plan.opportunity,
        channel=channel,
        direction=Direction.OUT,
        content=f"{subject.strip()}\n\n{body.strip()}",
        outcome=Outcome.SENT,
        user_id=user_id,
        at=now,
        message_id=str(message["Message-ID"]),
    )


def workspace_sender(session: Session, *, workspace_id: int) -> Sender:
    """The workspace owner's mailbox: who sends from the command line."""
    owner = session.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == workspace_id, Membership.role == Role.OWNER.value)
        .order_by(Membership.id)
        .limit(1)
    )
    if owner is None:
        raise OutreachError("outreach.error.no_sender")
    return Sender(owner.email, owner.name)
