"""Handles to confirm: finding the channel of a creator known only by name, and attaching it.

A creator imported from a list of names has an account whose handle is to confirm
(`domain.accounts.pending_account`). For YouTube, the creator's name is searched
(search.list, 100 units, then channels.list for the candidates' audiences, 1 unit); the
candidates are shown, and one is attached only when the user confirms it, or when
`domain.handle_matching` finds it is surely the creator (same normalised name, audience within
±10% of the stated one). The result says how the match was decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from influent.domain.accounts import is_pending, normalise_handle, parse_account
from influent.domain.content import AccountData
from influent.domain.handle_matching import Candidate, match_candidate
from influent.domain.messages import Message, MessageError
from influent.domain.platforms import Platform
from influent.domain.rows import search_text
from influent.domain.values import ValueProblem
from influent.services.core import settings_of
from influent.services.enrichment import source_settings
from influent.services.enrichment.account_saving import refresh_creators, set_engagement
from influent.services.enrichment.source_settings import QuotaBook, credentials_for
from influent.sources.errors import SourceError
from influent.sources.http import HttpClient
from influent.sources.podcasts import ITunesClient
from influent.sources.youtube import YouTubeClient, account_from_channel
from influent.store import source_queries as queries
from influent.store.models import Account, Creator

__all__ = [
    "SEARCHABLE",
    "HandleError",
    "Resolution",
    "confirm_handle",
    "find_handle",
    "pending_accounts",
]

# Platforms whose handles can be found by searching a name: YouTube (search.list) and
# podcasts (Apple's directory, which gives no audience, so a show is only ever confirmed).
SEARCHABLE = frozenset({Platform.YOUTUBE, Platform.PODCAST})
CANDIDATES = 5


class HandleError(MessageError):
    """A search or a confirmation that cannot be done (`handles.error.*`)."""


@dataclass(slots=True)
class Resolution:
    """What a search found for one account to confirm, and what was attached."""

    account_id: int
    creator_id: int
    name: str
    stated: int | None
    candidates: list[Candidate] = field(default_factory=list)
    attached: Candidate | None = None
    reason: Message | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "creator_id": self.creator_id,
            "name": self.name,
            "stated": self.stated,
            "candidates": [vars_of(c) for c in self.candidates],
            "attached": vars_of(self.attached) if self.attached else None,
            "reason": self.reason.code if self.reason else None,
        }


def vars_of(candidate: Candidate) -> dict[str, Any]:
    return {
        "external_id": candidate.external_id,
        "name": candidate.name,
        "handle": candidate.handle,
        "url": candidate.url,
        "followers": candidate.followers,
    }


def pending_accounts(
    session: Session, *, workspace_id: int, account_ids: list[int] | None = None
) -> list[Account]:
    """The accounts of the workspace whose handle is to confirm (of `account_ids` if given)."""
    stmt = (
        select(Account)
        .where(Account.workspace_id == workspace_id, Account.handle == "")
        .order_by(Account.id)
    )
    if account_ids is not None:
        stmt = stmt.where(Account.id.in_(account_ids))
    return [a for a in session.scalars(stmt) if is_pending(a.handle_key)]


class _YouTube:
    """A YouTube client on the workspace's key, with its quota written back."""

    def __init__(self, session: Session, workspace_id: int, http: HttpClient) -> None:
        keys = credentials_for(session, workspace_id=workspace_id, source="youtube")
        if not keys:
            raise HandleError("handles.error.no_key")
        self.book = QuotaBook(session, "youtube")
        self.client = YouTubeClient(api_key=keys["api_key"], http=http, quota=self.book.quota)

    def candidates(self, name: str) -> list[tuple[Candidate, AccountData]]:
        results = self.client.search(name, kind="channel", max_results=CANDIDATES)
        ids = list(dict.fromkeys(r.id.channel_id or r.snippet.channel_id for r in results))
        now = datetime.now(UTC)
        by_id = {c.id: account_from_channel(c, fetched_at=now) for c in self.client.channels(ids)}
        found = []
        for channel_id in ids:
            data = by_id.get(channel_id)
            if data is not None:
                found.append((_candidate(data), data))
        return found

    def save(self) -> None:
        self.book.save()

    def channel(self, channel_id: str) -> AccountData:
        now = datetime.now(UTC)
        for channel in self.client.channels([channel_id]):
            if channel.id == channel_id:
                return account_from_channel(channel, fetched_at=now)
        raise HandleError("handles.error.unknown_channel", channel=channel_id)


class _Podcasts:
    """Apple's podcast directory (no key): shows by name, each with its feed address."""

    def __init__(self, http: HttpClient) -> None:
        self.client = ITunesClient(http=http)
        self.feeds: dict[str, str] = {}

    def candidates(self, name: str) -> list[tuple[Candidate, AccountData]]:
        found = []
        for show in self.client.search_shows(name, limit=CANDIDATES):
            if show.feed_url:
                self.feeds[show.account.external_id or show.account.handle] = show.feed_url
            found.append((_candidate(show.account), show.account))
        return found

    def save(self) -> None:
        """Apple's directory keeps no quota."""


_Finder = _YouTube | _Podcasts


def _finder(session: Session, workspace_id: int, platform: str, http: HttpClient) -> _Finder:
    if platform == Platform.PODCAST.value:
        return _Podcasts(http)
    return _YouTube(session, workspace_id, http)


def _candidate(data: AccountData) -> Candidate:
    followers = data.snapshot.followers if data.snapshot else None
    return Candidate(
        external_id=data.external_id or data.handle,
        name=data.name or data.handle,
        handle=data.handle,
        url=data.url or "",
        followers=followers,
    )


def _account_to_confirm(session: Session, workspace_id: int, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None or account.workspace_id != workspace_id:
        raise HandleError("handles.error.no_account", id=account_id)
    if not is_pending(account.handle_key):
        raise HandleError("handles.error.already_confirmed", handle=account.handle)
    if Platform(account.platform) not in SEARCHABLE:
        raise HandleError("handles.error.platform", platform=account.platform)
    return account


def find_handle(
    session: Session,
    *,
    workspace_id: int,
    account_id: int,
    http: HttpClient | None = None,
    attach: bool = True,
) -> Resolution:
    """Search the creator's name; attach the surely matching candidate when `attach`."""
    account = _account_to_confirm(session, workspace_id, account_id)
    creator = account.creator
    with _client(http, session) as client:
        finder = _finder(session, workspace_id, account.platform, client)
        try:
            found = finder.candidates(creator.name)
        except SourceError as error:
            raise HandleError("handles.error.source", reason=str(error)) from None
        finally:
            finder.save()
    candidates = [c for c, _ in found]
    match = match_candidate(creator.name, account.followers, candidates)
    resolution = Resolution(
        account.id, creator.id, creator.name, account.followers, candidates, None, match.reason
    )
    if attach and match.chosen is not None:
        data = next(d for c, d in found if c is match.chosen)
        _attach(session, workspace_id, account, data, _feed_of(finder, match.chosen))
        resolution.attached = match.chosen
    return resolution


def _feed_of(finder: _Finder, chosen: Candidate) -> str | None:
    return finder.feeds.get(chosen.external_id) if isinstance(finder, _Podcasts) else None


def confirm_handle(
    session: Session,
    *,
    workspace_id: int,
    account_id: int,
    channel_id: str,
    http: HttpClient | None = None,
) -> Resolution:
    """Attach the channel the user chose to an account whose handle is to confirm."""
    account = _account_to_confirm(session, workspace_id, account_id)
    creator = account.creator
    stated = account.followers
    wanted = channel_id.strip()
    feed = None
    with _client(http, session) as client:
        finder = _finder(session, workspace_id, account.platform, client)
        try:
            if isinstance(finder, _YouTube):
                data = finder.channel(wanted)
            else:
                # Apple's directory is searched again; the show chosen must be among the finds.
                shows = {c.external_id: d for c, d in finder.candidates(creator.name)}
                if wanted not in shows:
                    raise HandleError("handles.error.unknown_channel", channel=wanted)
                data, feed = shows[wanted], finder.feeds.get(wanted)
        except SourceError as error:
            raise HandleError("handles.error.source", reason=str(error)) from None
        finally:
            finder.save()
    _attach(session, workspace_id, account, data, feed)
    chosen = _candidate(data)
    return Resolution(
        account.id,
        creator.id,
        creator.name,
        stated,
        [chosen],
        chosen,
        Message("handles.match.confirmed", {"name": creator.name, "channel": chosen.name}),
    )


class _client:
    """The caller's HTTP client, or one of our own closed at the end."""

    def __init__(self, http: HttpClient | None, session: Session) -> None:
        self._given = http
        self._own: HttpClient | None = None
        self._session = session

    def __enter__(self) -> HttpClient:
        if self._given is not None:
            return self._given
        # Through the module, so that tests can serve recorded answers instead.
        self._own = source_settings.http_client(settings_of(self._session))
        return self._own

    def __exit__(self, *_: object) -> None:
        if self._own is not None:
            self._own.close()


def _attach(
    session: Session,
    workspace_id: int,
    account: Account,
    data: AccountData,
    feed_url: str | None = None,
) -> None:
    """Give the account the channel's handle, address and numbers; refuse a channel in use."""
    handle, key = _identity(data)
    taken = session.scalar(
        select(Creator.name)
        .join(Account, Account.creator_id == Creator.id)
        .where(
            Account.workspace_id == workspace_id,
            Account.platform == account.platform,
            Account.id != account.id,
            or_(Account.handle_key == key, Account.external_id == data.external_id),
        )
        .limit(1)
    )
    if taken is not None:
        raise HandleError("handles.error.taken", handle=handle, name=taken)
    account.handle, account.handle_key = handle[:300], key[:300]
    account.url, account.external_id = data.url, data.external_id
    queries.apply_account_data(session, account, data)
    set_engagement(account, data)
    if feed_url:
        # The show's episodes are read from its feed on the next refresh.
        queries.set_feed_url(session, account.id, feed_url)
    creator = account.creator
    creator.search_text = search_text(
        creator.name, *(a.handle for a in creator.accounts), creator.email, creator.category
    )
    refresh_creators(session, {account.creator_id}, datetime.now(UTC))


def _identity(data: AccountData) -> tuple[str, str]:
    for value in (data.url, data.handle):
        try:
            ref = parse_account(value, data.platform)
        except ValueProblem:
            continue
        if ref is not None:
            return ref.handle, ref.key
    return data.handle, normalise_handle(data.handle)
