"""Auditing creators: engagement, follower history and an audience-quality score, with evidence.

Every figure comes with what produced it (posts read, snapshots compared, the benchmark row
and the assumption behind a percentile), so the CLI, the API and the page can explain it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from influent.analytics.changepoints import (
    detect_follower_events,
    explain_events,
)
from influent.domain.benchmarks import NoBenchmark, TierPercentile, percentile_in_tier
from influent.domain.messages import Message
from influent.domain.metrics import (
    EngagementBasis,
    cadence,
    comments_to_likes,
    engagement_trend,
    growth,
    post_averages,
)
from influent.domain.quality import Locale
from influent.domain.quality import quality_score as score_facts
from influent.domain.sponsorship import (
    disclosure_check,
    sponsored_share,
)
from influent.services.creators.profiles import NotFound
from influent.services.progress import NO_PROGRESS, Progress
from influent.services.vetting.facts import (
    STATED_SOURCES,
    AccountFacts,
    account_facts,
    platform_of,
)
from influent.services.vetting.follower_audits import latest_follower_audit, latest_shares
from influent.services.vetting.history import daily_points, load_histories, measured_days, utc_now
from influent.services.vetting.results import AccountAudit, CreatorAudit, History
from influent.store import vetting_queries as queries
from influent.store.vetting_queries import AccountHistory, AccountInfo

__all__ = [
    "STATED_SOURCES",
    "AccountFacts",
    "account_facts",
    "audit_account",
    "audit_creator",
    "audit_creator_with_history",
    "audit_creators",
    "audit_workspace",
]


def audit_account(
    account: AccountInfo,
    data: AccountHistory,
    *,
    now: datetime,
    locale: Locale = "en",
    fake_share: float | None = None,
) -> AccountAudit:
    """The audit of one account from its loaded snapshots and posts (no database access)."""
    platform = platform_of(account.platform)
    posts = data.posts
    found = detect_follower_events(measured_days(data.snapshots))
    read = account_facts(
        account,
        posts,
        data.comment_texts,
        data.snapshots,
        None if found.reason else found.events,
        now=now,
        fake_share=fake_share,
    )
    facts, er, stated = read.facts, read.engagement, read.stated
    followers = facts.followers
    tier: TierPercentile | NoBenchmark | None = None
    if er.value is not None and er.basis is EngagementBasis.FOLLOWERS:
        tier = percentile_in_tier(er.value, platform, followers)
    ctl = comments_to_likes(posts)
    rhythm = cadence(posts, now=now)
    events = explain_events(found.events, posts)
    return AccountAudit(
        account=account,
        followers=followers,
        followers_from=read.followers_from,
        posts_read=len(posts),
        snapshots_read=len(data.snapshots),
        engagement=er,
        tier=tier,
        averages=post_averages(posts),
        trend=engagement_trend(platform, posts, followers, now=now),
        comments_to_likes=ctl,
        cadence=rhythm,
        growth=growth(data.snapshots, now=now),
        sponsored=sponsored_share(posts),
        disclosure=disclosure_check(posts),
        change_points=found,
        events=events,
        quality=score_facts(facts),
        stated=tuple(sorted(stated)),
        stated_on=account.stats_updated_at.date() if stated and account.stats_updated_at else None,
    )


def _creator_audit(
    accounts: Sequence[AccountInfo],
    data: dict[int, AccountHistory],
    *,
    creator_id: int,
    name: str,
    now: datetime,
    locale: Locale,
    fake_share: float | None,
) -> CreatorAudit:
    # The follower sample describes the main account's audience, so only it gets fake_share.
    audits = tuple(
        audit_account(
            a, data[a.id], now=now, locale=locale, fake_share=fake_share if i == 0 else None
        )
        for i, a in enumerate(accounts)
    )
    return CreatorAudit(
        creator_id=creator_id,
        name=name,
        locale=locale,
        now=now,
        main=audits[0] if audits else None,
        accounts=audits,
        fake_share=fake_share,
        reason=None if audits else Message("vetting.no_account_to_audit"),
    )


def audit_creator(
    session: Session,
    *,
    workspace_id: int,
    creator_id: int,
    now: datetime | None = None,
    locale: Locale = "en",
    fake_share: float | None = None,
) -> CreatorAudit:
    """Audit every account of a creator; the largest audience is the main account.

    `fake_share` is the estimate from a follower-sample audit of the main account, if any.
    """
    audit, _ = _audit_loaded(
        session,
        workspace_id=workspace_id,
        creator_id=creator_id,
        now=now,
        locale=locale,
        fake_share=fake_share,
    )
    return audit


def audit_creator_with_history(
    session: Session,
    *,
    workspace_id: int,
    creator_id: int,
    now: datetime | None = None,
    locale: Locale = "en",
) -> tuple[CreatorAudit, History | None]:
    """The creator's audit and its main account's follower history, read only once.

    The history is the one `history()` gives for the main account (same days, same events).
    """
    audit, data = _audit_loaded(
        session, workspace_id=workspace_id, creator_id=creator_id, now=now, locale=locale
    )
    main = audit.main
    if main is None:
        return audit, None
    found = History(
        account=main.account,
        locale=locale,
        points=tuple(daily_points(data[main.account.id].snapshots)),
        change_points=main.change_points,
        events=main.events,
    )
    return audit, found


def _audit_loaded(
    session: Session,
    *,
    workspace_id: int,
    creator_id: int,
    now: datetime | None,
    locale: Locale,
    fake_share: float | None = None,
) -> tuple[CreatorAudit, dict[int, AccountHistory]]:
    moment = utc_now(now)
    stored = None
    if fake_share is None:
        # A follower audit attached to the creator is their fake-follower signal.
        stored = latest_follower_audit(session, workspace_id=workspace_id, creator_id=creator_id)
        fake_share = stored.fake_share if stored else None
    accounts = queries.creator_accounts(session, workspace_id, creator_id)
    if not accounts:
        name = queries.creator_name(session, workspace_id, creator_id)
        if name is None:
            raise NotFound("creator.not_found.id", id=str(creator_id))
        empty = _creator_audit(
            [], {}, creator_id=creator_id, name=name, now=moment, locale=locale, fake_share=None
        )
        return empty, {}
    data = load_histories(session, accounts, moment)
    audit = _creator_audit(
        accounts,
        data,
        creator_id=creator_id,
        name=accounts[0].creator_name,
        now=moment,
        locale=locale,
        fake_share=fake_share,
    )
    return (dataclasses.replace(audit, follower_audit=stored) if stored else audit), data


def audit_creators(
    session: Session,
    *,
    workspace_id: int,
    creator_ids: Sequence[int],
    now: datetime | None = None,
) -> Iterator[CreatorAudit]:
    """Audit these creators (those with an account), a batch per round trip."""
    moment = utc_now(now)
    ids = list(dict.fromkeys(creator_ids))
    shares = latest_shares(session, workspace_id=workspace_id)
    for start in range(0, len(ids), queries.BATCH):
        batch = queries.accounts_of_creators(
            session, workspace_id, ids[start : start + queries.BATCH]
        )
        yield from _audit_batch(session, batch, moment, "en", shares)


def _audit_batch(
    session: Session,
    batch: Sequence[AccountInfo],
    moment: datetime,
    locale: Locale,
    shares: Mapping[int, float] | None = None,
) -> Iterator[CreatorAudit]:
    data = load_histories(session, batch, moment)
    by_creator: dict[int, list[AccountInfo]] = {}
    for account in batch:
        by_creator.setdefault(account.creator_id, []).append(account)
    for creator_id, accounts in by_creator.items():
        yield _creator_audit(
            accounts,
            data,
            creator_id=creator_id,
            name=accounts[0].creator_name,
            now=moment,
            locale=locale,
            fake_share=(shares or {}).get(creator_id),
        )


def audit_workspace(
    session: Session,
    *,
    workspace_id: int,
    now: datetime | None = None,
    locale: Locale = "en",
    progress: Progress = NO_PROGRESS,
) -> Iterator[CreatorAudit]:
    """Audit every creator that has an account, a batch of creators per round trip."""
    moment = utc_now(now)
    shares = latest_shares(session, workspace_id=workspace_id)
    progress.stage("progress.auditing", None)
    for batch in queries.workspace_account_batches(session, workspace_id):
        audits = list(_audit_batch(session, batch, moment, locale, shares))
        yield from audits
        progress.advance(len(audits))
