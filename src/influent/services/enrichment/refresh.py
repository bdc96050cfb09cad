"""Enrichment: refresh accounts' numbers and recent posts from the source behind each platform.

Each account is fetched, then written in its own savepoint, and the work is committed every
few accounts: a long run holds no write lock while it waits on the network, an interrupted
run keeps what it fetched, and one account's failure never undoes another's.
"""

from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from influent.domain.accounts import is_pending
from influent.domain.content import AccountData
from influent.domain.messages import Message, MessageError
from influent.domain.platforms import Platform
from influent.services.creators.profiles import NotFound as CreatorNotFound
from influent.services.creators.profiles import resolve_creator
from influent.services.enrichment.account_saving import refresh_creators, set_engagement
from influent.services.enrichment.comment_samples import sample_youtube_comments
from influent.services.enrichment.handle_search import (
    SEARCHABLE,
    HandleError,
    Resolution,
    find_handle,
)
from influent.services.enrichment.source_settings import QuotaBook, credentials_for
from influent.services.i18n import Translator
from influent.services.progress import NO_PROGRESS, Progress
from influent.sources.errors import (
    InvalidCredentials,
    NotFound,
    QuotaExhausted,
    SourceError,
    message_of,
)
from influent.sources.feeds import FeedClient
from influent.sources.http import HttpClient
from influent.sources.instagram import InstagramClient
from influent.sources.youtube import YouTubeClient, account_from_channel
from influent.store import source_queries as queries
from influent.store.models import Account

__all__ = [
    "API_PLATFORMS",
    "EnrichmentError",
    "EnrichmentReport",
    "enrich",
    "refresh_accounts",
    "resolve_accounts",
]

API_PLATFORMS = frozenset({Platform.YOUTUBE, Platform.INSTAGRAM, Platform.PODCAST, Platform.BLOG})
COMMIT_EVERY = 25
TO_CONFIRM = Message("enrichment.skip.to_confirm")
RECENT_POSTS = 12


class EnrichmentError(MessageError):
    """An enrichment that cannot start: a message (`enrichment.error.*`, `creator.not_found.*`)."""


@dataclass(slots=True)
class EnrichmentReport:
    accounts: int = 0
    refreshed: int = 0
    snapshots: int = 0
    posts: int = 0
    comments: int = 0  # sampled comments stored (YouTube)
    skipped: list[tuple[int, str, Message]] = field(default_factory=list)  # id, account, reason
    # Accounts whose handle was to confirm: what the search of their name found.
    resolutions: list[Resolution] = field(default_factory=list)
    errors: list[tuple[int, str, Message]] = field(default_factory=list)
    stopped: list[Message] = field(default_factory=list)

    def to_dict(self, tr: Translator | None = None) -> dict[str, Any]:
        """The report as plain data, its reasons written in `tr`'s language (English if None)."""
        tr = tr or Translator("en")
        plain = ("skipped", "errors", "stopped", "resolutions")
        return {
            **{k: v for k, v in asdict(self).items() if k not in plain},
            "skipped": [(i, label, tr.say(reason)) for i, label, reason in self.skipped],
            "errors": [(i, label, tr.say(reason)) for i, label, reason in self.errors],
            "stopped": [tr.say(reason) for reason in self.stopped],
            "resolutions": [r.to_dict() for r in self.resolutions],
        }


def resolve_accounts(session: Session, *, workspace_id: int, refs: list[str]) -> list[int]:
    """Account ids behind '@handle', 'platform:handle', a profile URL or '#id' references."""
    ids: list[int] = []
    for ref in refs:
        try:
            creator = resolve_creator(session, workspace_id=workspace_id, ref=ref)
        except CreatorNotFound as error:
            raise EnrichmentError(error.code, **error.params) from None
        ids += [a.id for a in creator.accounts]
    return list(dict.fromkeys(ids))


def _select(
    session: Session,
    workspace_id: int,
    account_ids: list[int] | None,
    all_accounts: bool,
    stale_days: int | None,
    now: datetime,
) -> list[Account]:
    if not account_ids and not all_accounts and stale_days is None:
        raise EnrichmentError("enrichment.error.no_selection")
    stmt = select(Account).where(Account.workspace_id == workspace_id).order_by(Account.id)
    if account_ids:
        stmt = stmt.where(Account.id.in_(account_ids))
    if stale_days is not None:
        cutoff = now - timedelta(days=stale_days)
        stmt = stmt.where(
            or_(Account.stats_updated_at.is_(None), Account.stats_updated_at < cutoff)
        )
    return list(session.scalars(stmt))


class _Fetcher:
    """The clients of one run, built on first use; a source that fails for good is stopped."""

    def __init__(self, session: Session, workspace_id: int, http: HttpClient) -> None:
        self._session, self._workspace_id, self._http = session, workspace_id, http
        self.stopped: dict[str, Message] = {}
        self.book: QuotaBook | None = None
        self._youtube: YouTubeClient | None = None
        self._instagram: InstagramClient | None = None
        self.feeds = FeedClient(http=http)
        self.channels: dict[str, AccountData] = {}

    def youtube(self) -> YouTubeClient:
        if self._youtube is None:
            keys = credentials_for(self._session, workspace_id=self._workspace_id, source="youtube")
            if not keys:
                raise _Skip("enrichment.skip.no_youtube_key")
            self.book = QuotaBook(self._session, "youtube")
            self._youtube = YouTubeClient(
                api_key=keys["api_key"], http=self._http, quota=self.book.quota
            )
        return self._youtube

    def instagram(self) -> InstagramClient:
        if self._instagram is None:
            keys = credentials_for(
                self._session, workspace_id=self._workspace_id, source="instagram"
            )
            if not keys:
                raise _Skip("enrichment.skip.no_instagram_token")
            self._instagram = InstagramClient(
                access_token=keys["access_token"], ig_user_id=keys["ig_user_id"], http=self._http
            )
        return self._instagram

    def prefetch_channels(self, accounts: list[Account]) -> None:
        """Numbers for many channels at one unit per 50, for snapshots without posts."""
        ids = [a.external_id for a in accounts if a.platform == "youtube" and a.external_id]
        if not ids or "youtube" in self.stopped:
            return
        now = datetime.now(UTC)
        for channel in self.youtube().channels(ids):
            self.channels[channel.id] = account_from_channel(channel, fetched_at=now)

    def fetch(self, account: Account, feed_url: str | None, posts: bool) -> AccountData:
        platform = Platform(account.platform)
        if platform is Platform.YOUTUBE:
            client = self.youtube()
            channel_id = account.external_id
            if not channel_id:
                channel_id = client.channel_for_handle(account.handle).id
            if not posts and channel_id in self.channels:
                return self.channels[channel_id]
            return client.fetch_account(channel_id, recent=RECENT_POSTS if posts else 0)
        if platform is Platform.INSTAGRAM:
            return self.instagram().fetch_account(account.handle, max_posts=RECENT_POSTS)
        if feed_url:
            return self.feeds.fetch_feed(feed_url)
        if not account.url:
            raise _Skip("enrichment.skip.no_address")
        try:
            found = self.feeds.find_feed(account.url)
        except NotFound:
            found = account.url  # the address may be the feed itself
        data = self.feeds.fetch_feed(found)
        queries.set_feed_url(self._session, account.id, found)
        return data


class _Skip(Exception):
    """Nothing to fetch for this account, for a reason worth telling (a catalog code)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.message = Message(code)


def _source_of(platform: str) -> str:
    return platform if platform in ("youtube", "instagram") else "feeds"


def refresh_accounts(
    session: Session,
    workspace_id: int,
    accounts: list[Account],
    *,
    http: HttpClient | None,
    posts: bool,
    progress: Progress,
    report: EnrichmentReport,
) -> None:
    """Fetch and write each account; the shared loop behind `enrich` and `track`."""
    own = http is None
    client = http or HttpClient()
    fetcher = _Fetcher(session, workspace_id, client)
    feeds = queries.feed_urls(session, [a.id for a in accounts])
    touched: set[int] = set()
    progress.stage("progress.refreshing" if posts else "progress.taking_snapshots", len(accounts))
    try:
        if not posts:
            # On failure each channel is tried alone below, and reports its own error.
            with contextlib.suppress(SourceError, _Skip):
                fetcher.prefetch_channels(accounts)
        for done, account in enumerate(accounts, start=1):
            _refresh_one(session, fetcher, account, feeds.get(account.id), posts, report)
            touched.add(account.creator_id)
            progress.advance()
            if done % COMMIT_EVERY == 0:
                _checkpoint(session, fetcher, touched)
        _checkpoint(session, fetcher, touched)
    finally:
        if own:
            client.close()
    report.stopped += list(fetcher.stopped.values())


def _checkpoint(session: Session, fetcher: _Fetcher, touched: set[int]) -> None:
    refresh_creators(session, touched, datetime.now(UTC))
    touched.clear()
    if fetcher.book is not None:
        fetcher.book.save()
    session.commit()


def _refresh_one(
    session: Session,
    fetcher: _Fetcher,
    account: Account,
    feed_url: str | None,
    posts: bool,
    report: EnrichmentReport,
) -> None:
    label = f"{account.platform}:{account.handle}"
    report.accounts += 1
    if is_pending(account.handle_key):
        report.skipped.append(
            (account.id, f"{account.platform}:{account.creator.name}", TO_CONFIRM)
        )
        return
    if account.platform not in API_PLATFORMS:
        report.skipped.append((account.id, label, Message("enrichment.skip.manual")))
        return
    source = _source_of(account.platform)
    if source in fetcher.stopped:
        report.skipped.append((account.id, label, fetcher.stopped[source]))
        return
    try:
        data = fetcher.fetch(account, feed_url, posts)
    except _Skip as reason:
        report.skipped.append((account.id, label, reason.message))
        return
    except (QuotaExhausted, InvalidCredentials) as error:
        fetcher.stopped[source] = error.message
        report.errors.append((account.id, label, error.message))
        return
    except (SourceError, ValueError) as error:
        report.errors.append((account.id, label, message_of(error)))
        return
    if not posts:
        data = dataclasses.replace(data, posts=())
    try:
        with session.begin_nested():
            new_day, added = queries.apply_account_data(session, account, data)
            set_engagement(account, data)
    except SQLAlchemyError as error:
        said = Message("enrichment.error.not_saved", {"kind": type(error).__name__})
        report.errors.append((account.id, label, said))
        return
    report.refreshed += 1
    report.snapshots += int(new_day)
    report.posts += added
    if posts and account.platform == Platform.YOUTUBE.value and data.posts:
        try:
            with session.begin_nested():
                report.comments += sample_youtube_comments(
                    session, fetcher.youtube(), account, data
                )
        except (QuotaExhausted, InvalidCredentials) as error:
            fetcher.stopped[source] = error.message
            report.errors.append((account.id, label, _comment_sample(error.message)))
        except (SourceError, ValueError, SQLAlchemyError) as error:
            report.errors.append((account.id, label, _comment_sample(message_of(error))))


def _comment_sample(reason: Message) -> Message:
    return Message("enrichment.error.comment_sample", {"reason": reason})


def _search_handles(
    session: Session,
    workspace_id: int,
    accounts: list[Account],
    http: HttpClient | None,
    report: EnrichmentReport,
) -> None:
    """Search the names of accounts to confirm; the sure matches are attached, then refreshed."""
    stopped: str | None = None
    for account in accounts:
        if Platform(account.platform) not in SEARCHABLE or stopped is not None:
            continue
        try:
            with session.begin_nested():
                report.resolutions.append(
                    find_handle(
                        session, workspace_id=workspace_id, account_id=account.id, http=http
                    )
                )
        except HandleError as error:
            label = f"{account.platform}:{account.creator.name}"
            if error.code == "handles.error.no_key":
                stopped = error.code
                report.stopped.append(Message("enrichment.skip.no_youtube_key"))
            else:
                report.errors.append((account.id, label, error.message))
    session.commit()


def enrich(
    session: Session,
    *,
    workspace_id: int,
    account_ids: list[int] | None = None,
    all_accounts: bool = False,
    stale_days: int | None = None,
    http: HttpClient | None = None,
    progress: Progress = NO_PROGRESS,
) -> EnrichmentReport:
    """Refresh numbers and recent posts of the chosen accounts; see the module docstring.

    Platforms without an open API are skipped as "manual source"; errors are collected per
    account; a spent quota or a refused key stops that source for the rest of the run.
    """
    now = datetime.now(UTC)
    accounts = _select(session, workspace_id, account_ids, all_accounts, stale_days, now)
    report = EnrichmentReport()
    pending = [a for a in accounts if is_pending(a.handle_key)]
    if pending:
        _search_handles(session, workspace_id, pending, http, report)
    refresh_accounts(
        session, workspace_id, accounts, http=http, posts=True, progress=progress, report=report
    )
    return report
