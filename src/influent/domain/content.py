"""What every source maps into: an account's profile, a snapshot of its numbers, its posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from influent.domain.platforms import Platform, PostKind

__all__ = ["STATED_SNAPSHOT", "AccountData", "ContactHints", "PostData", "SnapshotData"]


@dataclass(frozen=True, slots=True)
class ContactHints:
    """Ways to reach a creator found in a bio or an about text."""

    emails: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    agent_lines: tuple[str, ...] = ()


# The source of a snapshot recorded from figures a user stated (a spreadsheet import).
STATED_SNAPSHOT = "stated"


@dataclass(frozen=True, slots=True)
class SnapshotData:
    """An account's numbers at one moment, with where they came from."""

    taken_at: datetime
    source: str
    followers: int | None = None
    following: int | None = None
    posts_count: int | None = None
    total_views: int | None = None


@dataclass(frozen=True, slots=True)
class PostData:
    """One published piece of content and its counters when fetched."""

    external_id: str
    published_at: datetime
    kind: PostKind = PostKind.POST
    title: str | None = None
    caption: str | None = None
    url: str | None = None
    likes: int | None = None
    comments: int | None = None
    views: int | None = None
    shares: int | None = None


@dataclass(frozen=True, slots=True)
class AccountData:
    """A creator's presence on one platform as a source describes it."""

    platform: Platform
    handle: str
    source: str
    fetched_at: datetime
    name: str | None = None
    url: str | None = None
    external_id: str | None = None
    description: str | None = None
    country: str | None = None
    language: str | None = None
    categories: tuple[str, ...] = ()
    snapshot: SnapshotData | None = None
    posts: tuple[PostData, ...] = ()
    contacts: ContactHints = field(default_factory=ContactHints)
