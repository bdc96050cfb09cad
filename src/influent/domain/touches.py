"""Ways to reach a creator, and the outreach events (touches) logged against them."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "CHANNEL_CONTACT",
    "Channel",
    "ContactKind",
    "Direction",
    "Outcome",
    "channel_family",
]


class ContactKind(StrEnum):
    EMAIL = "email"
    INSTAGRAM_DM = "instagram_dm"
    TIKTOK_DM = "tiktok_dm"
    PHONE = "phone"
    WEBSITE_FORM = "website_form"


class Channel(StrEnum):
    INSTAGRAM_DM = "instagram_dm"
    TIKTOK_DM = "tiktok_dm"
    EMAIL = "email"
    AGENT_EMAIL = "agent_email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    OTHER = "other"


class Direction(StrEnum):
    OUT = "out"
    IN = "in"


class Outcome(StrEnum):
    SENT = "sent"
    REPLIED = "replied"
    NO_ANSWER = "no_answer"
    BOUNCED = "bounced"
    OTHER = "other"


# The contact point a channel needs (agent email goes through the creator's agent instead).
CHANNEL_CONTACT: dict[Channel, ContactKind] = {
    Channel.INSTAGRAM_DM: ContactKind.INSTAGRAM_DM,
    Channel.TIKTOK_DM: ContactKind.TIKTOK_DM,
    Channel.EMAIL: ContactKind.EMAIL,
    Channel.PHONE: ContactKind.PHONE,
}

_FAMILY = {
    Channel.INSTAGRAM_DM: "dm",
    Channel.TIKTOK_DM: "dm",
    Channel.EMAIL: "email",
    Channel.AGENT_EMAIL: "agent",
}


def channel_family(channel: str | None) -> str | None:
    """dm, email, agent or other: the groups the funnel report compares."""
    if channel is None:
        return None
    return _FAMILY.get(Channel(channel), "other")
