"""Outreach fixtures: a real SMTP server on 127.0.0.1 (aiosmtpd), campaigns and creators."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from influent.domain.platforms import Platform
from influent.services import campaigns, creators
from influent.services.core import Influent
from influent.settings import Settings

REFUSED = "bounce@example.org"


@dataclass
class Mailbox:
    """What the local SMTP server accepted."""

    host: str
    port: int
    messages: list[Envelope] = field(default_factory=list)


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address == REFUSED:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.box.messages.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[Mailbox]:
    box = Mailbox("127.0.0.1", free_port())
    controller = Controller(_Handler(box), hostname=box.host, port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


def smtp_settings(settings: Settings, box: Mailbox, **changes: Any) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": box.host,
            "smtp_port": box.port,
            "smtp_security": "none",
            "outreach_pacing_seconds": 0.0,
            **changes,
        }
    )


def new_creator(
    influent: Influent,
    workspace_id: int,
    handle: str,
    *,
    followers: int = 25_000,
    platform: Platform = Platform.INSTAGRAM,
    **fields: str,
) -> int:
    with influent.session() as session:
        creator = creators.add_creator(
            session,
            workspace_id=workspace_id,
            name=fields.pop("name", handle.title()),
            account=creators.NewAccount(platform, handle, followers, 0.03),
            fields=dict(fields) or None,
        )
        return creator.id


def new_campaign(influent: Influent, workspace_id: int, name: str = "Printemps") -> int:
    with influent.session() as session:
        return campaigns.create_campaign(
            session, workspace_id=workspace_id, name=name, brief="Des bougies végétales"
        ).id
