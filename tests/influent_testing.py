"""What tests share besides fixtures: constants and the Team of fixture users.

A module of its own (not conftest.py), because several folders have a conftest.py and
`from influent_testing import …` would pick whichever was imported first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from influent.services.accounts import users
from influent.services.core import Influent
from influent.services.i18n import Translator
from influent.store.models import Account, Creator, Post, Snapshot

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PASSWORD = "correct horse battery"
FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Team:
    """A workspace with its owner, a member, a viewer, and an outsider from another workspace."""

    workspace_id: int
    owner: users.Actor
    member: users.Actor
    viewer: users.Actor
    outsider: users.Actor


def seed_vetted_creator(
    influent: Influent,
    workspace_id: int,
    handle: str = "marie.cuisine",
    *,
    posts: bool = True,
    platform: str = "instagram",
) -> int:
    """A creator with 120 days of followers (a +3,000 jump on day 100) and 12 posts."""
    # Anchored a little before now: the audit reads nothing dated after the moment it runs.
    first = datetime.now(UTC) - timedelta(days=119, minutes=5)
    with influent.session() as session:
        creator = Creator(
            workspace_id=workspace_id, name="Marie", name_key="marie", custom_fields={}
        )
        session.add(creator)
        session.flush()
        account = Account(
            workspace_id=workspace_id,
            creator_id=creator.id,
            platform=platform,
            handle=handle,
            handle_key=handle,
        )
        session.add(account)
        session.flush()
        followers = 40_000
        for i in range(120):
            followers += 15 + (i * 7) % 5 + (3_000 if i == 100 else 0)
            session.add(
                Snapshot(
                    account_id=account.id,
                    taken_at=first + timedelta(days=i),
                    followers=followers,
                    following=700,
                )
            )
        for k in range(12 if posts else 0):
            session.add(
                Post(
                    account_id=account.id,
                    external_id=f"p{k}",
                    published_at=first + timedelta(days=9 + 10 * k, hours=-2),
                    title=f"Recette {k}",
                    caption="Concours ! #ad @marque" if k == 9 else "Une recette",
                    url=f"https://www.instagram.com/p/p{k}/",
                    likes=900 + 20 * k,
                    comments=30 + k,
                )
            )
        return creator.id


def seed_link_campaign(
    influent: Influent,
    workspace_id: int,
    *,
    handle: str = "lena",
    campaign: str = "Serum launch",
    domains: tuple[str, ...] = ("maisonverte.fr",),
    landing_url: str | None = "https://maisonverte.fr/serum",
) -> int:
    """A campaign, an Instagram creator @handle and the domains links may point at."""
    from influent.domain.platforms import Platform
    from influent.services import creators
    from influent.services.campaigns import create_campaign
    from influent.services.links import add_link_domain

    with influent.session() as session:
        made = create_campaign(
            session, workspace_id=workspace_id, name=campaign, landing_url=landing_url
        )
        creators.add_creator(
            session,
            workspace_id=workspace_id,
            name=handle.title(),
            account=creators.NewAccount(Platform.INSTAGRAM, "@" + handle, followers=12_000),
        )
        for domain in domains:
            add_link_domain(session, workspace_id=workspace_id, domain=domain)
        return made.id


@contextmanager
def raises_saying(kind: type[Exception], pattern: str, locale: str = "en") -> Iterator[Any]:
    """Like `pytest.raises(kind, match=pattern)`, matched on the error's `Message` as the
    catalog of `locale` writes it."""
    with pytest.raises(kind) as caught:
        yield caught
    text = Translator(locale).say(caught.value.message)  # type: ignore[attr-defined]
    assert re.search(pattern, text), text


def said(error: BaseException, locale: str = "en") -> str:
    """An error's `Message` as the catalog of `locale` writes it."""
    return Translator(locale).say(error.message)  # type: ignore[attr-defined]
