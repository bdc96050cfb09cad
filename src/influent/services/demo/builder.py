"""The demo workspace: Maison Verte, a French vegan cosmetics brand, and a year of its creators.

`plan_demo` is pure: the same seed and date give the same creators, daily snapshots and
posts. A few creators are given a story the vetting should uncover (bought followers, a
drop after a post, an engagement pod, erratic posting, a giveaway, sponsored posts without
the legal mention); `DemoSummary.stories` says who. `build_demo` writes it all in bulk.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.messages import MessageError
from influent.domain.metrics import engagement_rate
from influent.domain.platforms import Platform
from influent.domain.roles import Role
from influent.domain.rows import search_text
from influent.domain.values import normalise_key
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.brandfit.demo import seed_brandfit_demo
from influent.services.deals.demo import seed_deals
from influent.services.demo.comments import COMMENTS_PER_POST, POSTS_SAMPLED, sample_comments
from influent.services.demo.plan import PLATFORM_SHARES, STORY_COUNTS, PlannedCreator, plan_demo
from influent.services.demo.simulation import (
    ACCOUNT_SIGMA,
    POST_SIGMA,
    POSTS_PER_WEEK,
    TIKTOK_FACTOR,
    YOUTUBE_ER,
    AccountSpec,
    Ints,
    PlannedAccount,
    Story,
    instagram_median_er,
    simulate_account,
)
from influent.services.discovery.demo import seed_discovery_demo
from influent.services.links.demo import seed_demo_links
from influent.services.orders.demo import seed_demo_orders
from influent.services.outreach.demo import seed_outreach
from influent.services.progress import NO_PROGRESS, Progress
from influent.services.vetting.quality_table import refresh_quality
from influent.store import creator_writes, demo_writes
from influent.store.models import Workspace

__all__ = [
    "ACCOUNT_SIGMA",
    "DEMO_OWNER",
    "DEMO_PASSWORD",
    "DEMO_VIEWER",
    "DEMO_WORKSPACE",
    "PLATFORM_SHARES",
    "POSTS_PER_WEEK",
    "POST_SIGMA",
    "STORY_COUNTS",
    "TIKTOK_FACTOR",
    "YOUTUBE_ER",
    "AccountSpec",
    "DemoError",
    "DemoSummary",
    "PlannedAccount",
    "PlannedCreator",
    "Story",
    "StoryCreator",
    "build_demo",
    "instagram_median_er",
    "plan_demo",
    "simulate_account",
]

DEMO_WORKSPACE = "Maison Verte"
DEMO_OWNER = "demo@influent.local"
DEMO_VIEWER = "viewer@influent.local"
DEMO_PASSWORD = "demo-influent"
DEMO_SOURCE = "demo"


class DemoError(MessageError):
    """The demo cannot be built; carries a `Message`."""


@dataclass(frozen=True, slots=True)
class StoryCreator:
    """A creator given a story, with the account and day where it shows."""

    story: Story
    creator_id: int
    account_id: int
    handle: str
    platform: Platform
    day: date | None = None
    post_external_id: str | None = None


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What `build_demo` did (created=False: the demo was already there, nothing changed)."""

    workspace_id: int
    created: bool
    creators: int
    accounts: int
    snapshots: int
    posts: int
    tags: int
    notes: int
    owner_email: str = DEMO_OWNER
    viewer_email: str = DEMO_VIEWER
    password: str = DEMO_PASSWORD
    stories: tuple[StoryCreator, ...] = ()

    def with_story(self, story: Story) -> tuple[StoryCreator, ...]:
        return tuple(s for s in self.stories if s.story is story)


def build_demo(
    session: Session,
    *,
    creators: int = 300,
    days: int = 365,
    seed: int = 42,
    progress: Progress = NO_PROGRESS,
    reset: bool = False,
    today: date | None = None,
) -> DemoSummary:
    """Create the Maison Verte demo workspace and its logins; the caller commits.

    Without `reset`, an existing demo is left as it is. With it, the demo is wiped and
    built again. A workspace of that name that is not the demo is never touched.
    """
    if creators < 1 or days < 14:
        raise DemoError("demo.error.too_small", count=14)
    found = session.scalar(select(Workspace).where(Workspace.name == DEMO_WORKSPACE))
    if found is not None:
        if not demo_writes.is_member(session, found.id, DEMO_OWNER):
            raise DemoError("demo.error.not_the_demo", name=DEMO_WORKSPACE)
        if not reset:
            counts = demo_writes.workspace_counts(session, found.id)
            return DemoSummary(
                found.id,
                False,
                creators=counts["creators"],
                accounts=counts["accounts"],
                snapshots=counts["snapshots"],
                posts=counts["posts"],
                tags=counts["tags"],
                notes=counts["notes"],
            )
        progress.stage("progress.removing_demo", None)
        demo_writes.delete_workspace(session, found.id)
    demo_writes.delete_users(session, (DEMO_OWNER, DEMO_VIEWER))
    now = datetime.now(UTC)
    today = today or now.date()
    progress.stage("progress.simulating", creators)
    planned = plan_demo(creators=creators, days=days, seed=seed, today=today, progress=progress)
    workspace = ensure_workspace(
        session, name=DEMO_WORKSPACE, currency="EUR", link_domains=["maisonverte.fr"]
    )
    owner = users.create_user(
        session,
        email=DEMO_OWNER,
        password=DEMO_PASSWORD,
        workspace_id=workspace.id,
        role=Role.OWNER,
        name="Camille Durand",
        locale=None,  # the language of the login page is kept
    )
    users.create_user(
        session,
        email=DEMO_VIEWER,
        password=DEMO_PASSWORD,
        workspace_id=workspace.id,
        role=Role.VIEWER,
        name="Hugo Lambert",
        locale=None,  # the language of the login page is kept
    )
    summary = seed_brandfit_demo(
        session,
        _write(session, workspace.id, owner.id, planned, today, now, progress),
        progress=progress,
    )
    # The creators table shows and sorts by audience quality from the start.
    refresh_quality(session, workspace_id=workspace.id, now=datetime.combine(today, now.timetz()))
    return summary


def _write(
    session: Session,
    workspace_id: int,
    owner_id: int,
    planned: list[PlannedCreator],
    today: date,
    now: datetime,
    progress: Progress,
) -> DemoSummary:
    accounts = [a for c in planned for a in c.accounts]
    days = len(accounts[0].followers)
    start = today - timedelta(days=days - 1)
    stamps = [datetime.combine(start + timedelta(days=i), time(0), UTC) for i in range(days)]
    rates = [
        engagement_rate(a.spec.platform, a.posts, int(a.followers[-1])).value for a in accounts
    ]
    rate_of = {id(a): rate for a, rate in zip(accounts, rates, strict=True)}
    progress.stage("progress.writing_creators", len(planned) + len(accounts))
    creator_rows = []
    for c in planned:
        # The creator row carries its largest account, as refresh_primary_accounts would
        # copy it; the accounts are known here, so no second pass is needed.
        main = c.primary
        creator_rows.append(
            {
                "workspace_id": workspace_id,
                "name": c.name,
                "name_key": normalise_key(c.name),
                "email": c.email,
                "agent": c.agent,
                "country": c.country,
                "language": c.language,
                "category": c.category,
                "notes": None,
                "custom_fields": c.custom_fields,
                "platform": main.spec.platform.value,
                "handle": main.spec.handle,
                "followers": int(main.followers[-1]),
                "engagement_rate": rate_of[id(main)],
                "search_text": search_text(c.name, main.spec.handle, c.email, c.category),
                "created_at": now - timedelta(days=c.added_days_ago),
                "updated_at": now,
            }
        )
    creator_ids = creator_writes.insert_creators(session, creator_rows, progress.advance)
    account_ids = creator_writes.reserve_ids(session, "accounts", len(accounts))
    owners = [cid for c, cid in zip(planned, creator_ids, strict=True) for _ in c.accounts]
    added = {
        cid: now - timedelta(days=c.added_days_ago)
        for cid, c in zip(creator_ids, planned, strict=True)
    }
    creator_writes.insert_accounts(
        session,
        [
            _account_row(a, aid, cid, workspace_id, rate, stamps[-1], added[cid])
            for a, aid, cid, rate in zip(accounts, account_ids, owners, rates, strict=True)
        ],
        progress.advance,
    )
    progress.stage("progress.writing_snapshots", len(accounts) * days)
    snapshots = demo_writes.insert_snapshots(
        session, _snapshot_rows(accounts, account_ids, stamps), progress.advance
    )
    progress.stage("progress.writing_posts", sum(len(a.posts) for a in accounts))
    posts = demo_writes.insert_posts(
        session, _post_rows(accounts, account_ids, now), progress.advance
    )
    progress.stage("progress.writing_comments", len(accounts))
    _write_comments(session, planned, account_ids, now)
    progress.stage("progress.tags_notes", len(planned))
    pairs = [(cid, t) for c, cid in zip(planned, creator_ids, strict=True) for t in c.tags]
    tags = demo_writes.insert_tags(session, workspace_id, pairs)
    notes = demo_writes.insert_notes(
        session,
        [
            {
                "creator_id": cid,
                "author_id": owner_id,
                "body": c.note,
                "created_at": now - timedelta(days=c.added_days_ago / 2),
            }
            for c, cid in zip(planned, creator_ids, strict=True)
            if c.note
        ],
    )
    progress.advance(len(planned))
    # The outreach story ends on the demo's day, as deals and links do.
    story_end = datetime.combine(today, now.timetz())
    seed_outreach(session, workspace_id=workspace_id, user_id=owner_id, now=story_end)
    first_account = dict(zip(owners[::-1], account_ids[::-1], strict=True))
    stories = tuple(
        StoryCreator(
            story=c.story,
            creator_id=cid,
            account_id=first_account[cid],
            handle=c.accounts[0].spec.handle,
            platform=c.accounts[0].spec.platform,
            day=None if c.accounts[0].event_day is None else stamps[c.accounts[0].event_day].date(),
            post_external_id=c.accounts[0].event_post,
        )
        for c, cid in zip(planned, creator_ids, strict=True)
        if c.story is not None
    )
    seed_demo_links(session, workspace_id=workspace_id, today=today)
    seed_deals(session, workspace_id=workspace_id, today=today)
    seed_demo_orders(session, workspace_id=workspace_id, today=today)
    seed_discovery_demo(session, workspace_id=workspace_id, now=story_end)
    return DemoSummary(
        workspace_id,
        True,
        creators=len(planned),
        accounts=len(accounts),
        snapshots=snapshots,
        posts=posts,
        tags=tags,
        notes=notes,
        stories=stories,
    )


def _write_comments(
    session: Session, planned: list[PlannedCreator], account_ids: list[int], now: datetime
) -> None:
    """A sample of comments on each account's newest posts (seeded like the rest)."""
    rand = random.Random(f"comments-{len(planned)}")
    newest = demo_writes.last_posts(session, account_ids, POSTS_SAMPLED)
    owned = [(c, a) for c in planned for a in c.accounts]
    rows: list[dict[str, Any]] = []
    for (creator, account), account_id in zip(owned, account_ids, strict=True):
        posts = newest.get(account_id, [])
        # The story belongs to the account that lives it, not to the creator's other ones.
        texts = sample_comments(
            rand, account.spec.story, creator.language, len(posts) * COMMENTS_PER_POST
        )
        for i, text in enumerate(texts):
            post_id = posts[i // COMMENTS_PER_POST]
            rows.append({"post_id": post_id, "text": text, "source": "demo", "fetched_at": now})
    demo_writes.insert_comments(session, rows)


def _account_row(
    account: PlannedAccount,
    account_id: int,
    creator_id: int,
    workspace_id: int,
    rate: float | None,
    last: datetime,
    created: datetime,
) -> dict[str, Any]:
    spec = account.spec

    def latest(series: Ints | None) -> int | None:
        return None if series is None else int(series[-1])

    return {
        "id": account_id,
        "workspace_id": workspace_id,
        "creator_id": creator_id,
        "platform": spec.platform.value,
        "handle": spec.handle,
        "handle_key": account.handle_key,
        "url": account.url,
        "external_id": None,
        "followers": latest(account.followers),
        "following": latest(account.following),
        "posts_count": latest(account.posts_count),
        "total_views": latest(account.total_views),
        "engagement_rate": rate,
        "stats_source": DEMO_SOURCE,
        "stats_updated_at": last,
        "created_at": created,
    }


def _snapshot_rows(
    accounts: list[PlannedAccount], account_ids: list[int], stamps: list[datetime]
) -> Iterator[dict[str, Any]]:
    for account, account_id in zip(accounts, account_ids, strict=True):
        none = [None] * len(stamps)
        following = none if account.following is None else account.following.tolist()
        views = none if account.total_views is None else account.total_views.tolist()
        for taken_at, followers, follows, count, total in zip(
            stamps,
            account.followers.tolist(),
            following,
            account.posts_count.tolist(),
            views,
            strict=True,
        ):
            yield {
                "account_id": account_id,
                "taken_at": taken_at,
                "followers": followers,
                "following": follows,
                "posts_count": count,
                "total_views": total,
                "source": DEMO_SOURCE,
            }


def _post_rows(
    accounts: list[PlannedAccount], account_ids: list[int], now: datetime
) -> Iterator[dict[str, Any]]:
    for account, account_id in zip(accounts, account_ids, strict=True):
        for post in account.posts:
            yield {
                "account_id": account_id,
                "external_id": post.external_id,
                "kind": post.kind.value,
                "title": post.title,
                "caption": post.caption,
                "url": post.url,
                "published_at": post.published_at,
                "likes": post.likes,
                "comments": post.comments,
                "views": post.views,
                "shares": None,
                "source": DEMO_SOURCE,
                "fetched_at": now,
            }
