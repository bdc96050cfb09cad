"""The facts an account's audience-quality score is computed from: the one recipe for the
per-creator audit and the workspace-wide scoring.

The per-creator audit reads them from one account's posts (`account_facts`); the
workspace scoring computes the same per-post numbers column-wise for thousands of
accounts and hands them to `facts_of`, the common tail, so both give the same facts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime

from influent.domain.content import STATED_SNAPSHOT, PostData, SnapshotData
from influent.domain.messages import Message
from influent.domain.metrics import (
    EngagementBasis,
    EngagementRate,
    FollowerEvent,
    cadence,
    comments_to_likes,
    engagement_rate,
)
from influent.domain.platforms import Platform
from influent.domain.quality import QualityFacts
from influent.store.vetting_queries import AccountInfo

__all__ = [
    "STATED_SOURCES",
    "AccountFacts",
    "Current",
    "account_facts",
    "current_figures",
    "facts_of",
    "platform_of",
]


def platform_of(value: str) -> Platform:
    """The platform of a stored account (an unknown value is OTHER)."""
    try:
        return Platform(value)
    except ValueError:
        return Platform.OTHER


# Numbers that came from a spreadsheet or a form: stated by someone, measured by no one.
STATED_SOURCES = frozenset({"import", "manual", STATED_SNAPSHOT})


# Followers, following, where they come from ('profile' or a snapshot's ISO date), and
# whether they were stated rather than measured.
Current = tuple[int | None, int | None, str, bool]


def current_figures(account: AccountInfo, snapshots: Sequence[SnapshotData]) -> Current:
    """Followers and following now: the newer of the profile's numbers and the last snapshot,
    and whether that figure was stated rather than measured."""
    latest = next((s for s in reversed(snapshots) if s.followers is not None), None)
    profile_is_newer = account.followers is not None and (
        latest is None
        or (account.stats_updated_at is not None and account.stats_updated_at > latest.taken_at)
    )
    if profile_is_newer or latest is None:
        stated = account.followers is not None and account.stats_source in STATED_SOURCES
        return account.followers, account.following, "profile", stated
    following = latest.following if latest.following is not None else account.following
    # 'profile', or the ISO date of the snapshot: words are the faces' business.
    stated = latest.source in STATED_SOURCES
    return latest.followers, following, latest.taken_at.date().isoformat(), stated


def _stated_engagement(
    account: AccountInfo, measured: EngagementRate, followers: int | None
) -> EngagementRate | None:
    """The engagement rate stated with the profile, when the posts measure none."""
    if (
        measured.value is not None
        or measured.basis is not EngagementBasis.FOLLOWERS
        or account.engagement_rate is None
        or account.stats_source not in STATED_SOURCES
        or not followers
    ):
        return None
    return dataclasses.replace(
        measured,
        value=account.engagement_rate,
        posts_used=0,
        posts_skipped=0,
        method=Message("engagement.method.stated"),
        reason=None,
    )


@dataclasses.dataclass(frozen=True, slots=True)
class AccountFacts:
    """What the score of an account is computed from, and how its figures were read."""

    facts: QualityFacts
    engagement: EngagementRate
    followers_from: str
    stated: frozenset[str]


def account_facts(
    account: AccountInfo,
    posts: Sequence[PostData],
    comment_texts: tuple[str, ...] | None,
    snapshots: Sequence[SnapshotData],
    follower_events: tuple[FollowerEvent, ...] | None,
    *,
    now: datetime,
    fake_share: float | None = None,
) -> AccountFacts:
    """The facts of one account: the one recipe for the per-creator audit and the workspace one.

    `snapshots` must hold at least the latest snapshot with a follower count, if any;
    `follower_events` is None when the follower history could not be analysed.
    """
    platform = platform_of(account.platform)
    current = current_figures(account, snapshots)
    return facts_of(
        account,
        current,
        engagement_rate(platform, posts, current[0]),
        comments_to_likes(posts).value,
        cadence(posts, now=now).gap_cv,
        comment_texts,
        follower_events,
        fake_share=fake_share,
    )


def facts_of(
    account: AccountInfo,
    current: Current,
    er: EngagementRate,
    ctl: float | None,
    gap_cv: float | None,
    comment_texts: tuple[str, ...] | None,
    follower_events: tuple[FollowerEvent, ...] | None,
    *,
    fake_share: float | None = None,
) -> AccountFacts:
    """The facts from the account's current figures (`current_figures`) and the numbers
    read from its posts: engagement rate, comments per like, posting regularity."""
    followers, following, followers_from, followers_stated = current
    stated: set[str] = {"followers"} if followers_stated else set()
    stated_er = _stated_engagement(account, er, followers)
    if stated_er is not None:
        er = stated_er
        stated.add("engagement")
    if followers_stated and following is not None:
        stated.add("following")
    facts = QualityFacts(
        platform=platform_of(account.platform),
        followers=followers,
        following=following,
        engagement=er,
        follower_events=follower_events,
        comments_to_likes=ctl,
        posting_gap_cv=gap_cv,
        fake_share=fake_share,
        comment_texts=comment_texts,
        stated=frozenset(stated),
    )
    return AccountFacts(facts, er, followers_from, frozenset(stated))
