"""Discovery: find creators for a few queries on the real platforms, save them, rank them.

How candidates are scored is described in `discovery_ranking`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from influent.domain.accounts import parse_account
from influent.domain.messages import Message, MessageError
from influent.domain.platforms import Platform
from influent.services.discovery.ranking import STOPWORDS, Hit, keywords, relevance, score
from influent.services.discovery.source_names import DEFAULT_SOURCES, SOURCES
from influent.services.enrichment.account_saving import refresh_creators, save_account
from influent.services.enrichment.source_settings import QuotaBook, credentials_for
from influent.services.i18n import Translator
from influent.services.progress import NO_PROGRESS, Progress
from influent.sources.errors import (
    NotFound,
    QuotaExhausted,
    SourceError,
    UnexpectedResponse,
    message_of,
)
from influent.sources.feeds import FeedClient
from influent.sources.http import HttpClient
from influent.sources.instagram import InstagramClient
from influent.sources.podcasts import ITunesClient
from influent.sources.youtube import YouTubeClient, account_from_channel
from influent.sources.youtube.mapping import account_from_search
from influent.store import source_queries as queries

__all__ = [
    "DEFAULT_SOURCES",
    "SKIPPED_NOTES",
    "SOURCES",
    "STOPWORDS",
    "Candidate",
    "DiscoveryError",
    "DiscoveryResult",
    "discover",
    "keywords",
    "read_feed",
    "relevance",
    "score",
]

# Podcast feeds read per query for descriptions, episode titles and the owner's email;
# the rest of the shows are kept with what the directory says.
FEED_DETAILS = 20
_URLISH = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)
_INSTAGRAM = re.compile(r"^(?:@[\w.]{1,30}|(?:https?://)?(?:www\.)?instagram\.com/[\w.]+/?)$")


class DiscoveryError(MessageError):
    """A discovery that cannot start (an unknown source, no query), or a feed that cannot be
    read; carries a `Message`."""


@dataclass(slots=True)
class Candidate:
    """A creator found by discovery, saved in the workspace, with why and how well it matched."""

    creator_id: int
    account_id: int
    platform: str
    handle: str
    name: str
    url: str | None
    followers: int | None
    score: float
    relevance: float
    queries: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    is_new: bool = True
    email: str | None = None
    description: str | None = None


# Said by the command line for a source skipped for want of keys; the web app links to the
# Sources page instead.
# The note said for a source that was skipped for want of a key (message codes).
SKIPPED_NOTES = {
    "youtube": "discovery.note.no_youtube_key",
    "instagram": "discovery.note.no_instagram_token",
}


@dataclass(slots=True)
class DiscoveryResult:
    candidates: list[Candidate]
    related_keywords: list[tuple[str, int]]
    notes: list[Message] = field(default_factory=list)
    errors: list[Message] = field(default_factory=list)
    # Sources not searched because they have no key yet.
    skipped: list[str] = field(default_factory=list)

    def to_dict(self, tr: Translator | None = None) -> dict[str, Any]:
        """Plain data, the notes and errors written in `tr`'s language (English if None)."""
        tr = tr or Translator("en")
        return {
            "candidates": [asdict(c) for c in self.candidates],
            "related_keywords": [{"keyword": k, "count": n} for k, n in self.related_keywords],
            "notes": [tr.say(Message(SKIPPED_NOTES[s])) for s in self.skipped]
            + [tr.say(note) for note in self.notes],
            "errors": [tr.say(error) for error in self.errors],
            "skipped": self.skipped,
        }


def _about(subject: str, reason: Message) -> Message:
    """ "subject: reason", the way each language punctuates it."""
    return Message("discovery.error.about", {"subject": subject, "reason": reason})


def _is_url(query: str) -> bool:
    text = query.strip()
    if " " in text:
        return False
    return text.lower().startswith(("http://", "https://")) or bool(_URLISH.match(text))


def _url(query: str) -> str:
    text = query.strip()
    return text if text.lower().startswith(("http://", "https://")) else f"https://{text}"


class _Finders:
    """One search per source; each returns hits or raises a SourceError."""

    def __init__(self, session: Session, workspace_id: int, http: HttpClient, limit: int) -> None:
        self.http, self.limit = http, limit
        self.notes: list[Message] = []
        self.errors: list[Message] = []
        self.skipped: list[str] = []
        self.books: list[QuotaBook] = []
        self._session, self._workspace_id = session, workspace_id

    def youtube(self, query: str) -> list[Hit] | None:
        if _is_url(query):
            return []
        keys = credentials_for(self._session, workspace_id=self._workspace_id, source="youtube")
        if not keys:
            self.skipped.append("youtube")
            return None
        book = QuotaBook(self._session, "youtube")
        self.books.append(book)
        client = YouTubeClient(api_key=keys["api_key"], http=self.http, quota=book.quota)
        try:
            results = client.search(query, kind="channel", max_results=self.limit)
            ids = list(dict.fromkeys(r.id.channel_id or r.snippet.channel_id for r in results))
            by_id = {c.id: c for c in client.channels(ids)}
        finally:
            book.save()
        now = datetime.now(UTC)
        first = {r.id.channel_id or r.snippet.channel_id: r for r in reversed(results)}
        found = [
            account_from_channel(by_id[i], fetched_at=now)
            if i in by_id
            else account_from_search(first[i], fetched_at=now)
            for i in ids
        ]
        return [Hit(query, "youtube", n, len(found), d) for n, d in enumerate(found)]

    def podcasts(self, query: str) -> list[Hit] | None:
        if _is_url(query):
            return []
        client = ITunesClient(http=self.http)
        shows = client.search_shows(query, limit=self.limit)
        hits = []
        for n, show in enumerate(shows):
            data = show.account
            if n < FEED_DETAILS and show.feed_url:
                try:
                    data = client.fetch_show(show)
                except SourceError as error:
                    self.errors.append(_about(data.name or data.handle, error.message))
            hits.append(Hit(query, "podcasts", n, len(shows), data, show.feed_url))
        return hits

    def feeds(self, query: str) -> list[Hit] | None:
        if not _is_url(query):
            return []
        client = FeedClient(http=self.http)
        url = _url(query)
        try:
            feed_url = client.find_feed(url)
        except NotFound:
            feed_url = url  # the address may be the feed itself
        data = client.fetch_feed(feed_url)
        return [Hit(query, "feeds", 0, 1, data, feed_url, exact=True)]

    def instagram(self, query: str) -> list[Hit] | None:
        keys = credentials_for(self._session, workspace_id=self._workspace_id, source="instagram")
        if not keys:
            self.skipped.append("instagram")
            return None
        if not _INSTAGRAM.match(query.strip()):
            self.notes.append(Message("discovery.note.instagram_keywords"))
            return []
        ref = parse_account(query.strip(), Platform.INSTAGRAM)
        assert ref is not None
        client = InstagramClient(
            access_token=keys["access_token"], ig_user_id=keys["ig_user_id"], http=self.http
        )
        data = client.fetch_account(ref.handle)
        return [Hit(query, "instagram", 0, 1, data, exact=True)]


def read_feed(url_or_path: str, *, http: HttpClient | None = None) -> dict[str, Any]:
    """One feed (URL, site address or local file) as plain data: the account and its posts.

    Raises DiscoveryError with a sentence to show when it cannot be read.
    """
    own = http is None
    client = http or HttpClient()
    feeds = FeedClient(http=client)
    try:
        if not url_or_path.lower().startswith(("http://", "https://")):
            return asdict(feeds.fetch_feed(Path(url_or_path)))
        try:
            feed_url = feeds.find_feed(url_or_path)
        except (NotFound, UnexpectedResponse):
            feed_url = url_or_path
        return {**asdict(feeds.fetch_feed(feed_url)), "feed_url": feed_url}
    except SourceError as error:
        raise DiscoveryError(error.message.code, **error.message.params) from None
    finally:
        if own:
            client.close()


def discover(
    session: Session,
    *,
    workspace_id: int,
    queries: list[str],
    sources: list[str],
    limit: int = 50,
    http: HttpClient | None = None,
    progress: Progress = NO_PROGRESS,
) -> DiscoveryResult:
    """Search each source for each query, save what is found, and rank it.

    Sources without credentials are skipped with a note; a spent quota stops that source.
    """
    wanted = [q.strip() for q in queries if q.strip()]
    if not wanted:
        raise DiscoveryError("discovery.error.no_query")
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise DiscoveryError(
            "discovery.error.unknown_source", source=unknown[0], known=", ".join(SOURCES)
        )
    own = http is None
    client = http or HttpClient()
    finders = _Finders(session, workspace_id, client, limit)
    hits: list[Hit] = []
    progress.stage("progress.searching", len(sources) * len(wanted))
    try:
        for source in dict.fromkeys(sources):
            for query in wanted:
                try:
                    found = getattr(finders, source)(query)
                except QuotaExhausted as error:
                    finders.notes.append(
                        Message("discovery.note.quota", {"reason": error.message, "source": source})
                    )
                    break
                except (SourceError, ValueError) as error:
                    finders.errors.append(_about(query, message_of(error)))
                    found = []
                finally:
                    progress.advance()
                if found is None:
                    break
                hits.extend(found)
    finally:
        if own:
            client.close()
    candidates = _save(session, workspace_id, hits, progress)
    found_data = list({id(h.data): h.data for h in hits}.values())
    return DiscoveryResult(
        candidates=candidates,
        related_keywords=keywords(found_data, wanted),
        notes=list(dict.fromkeys(finders.notes)),
        errors=finders.errors,
        skipped=list(dict.fromkeys(finders.skipped)),
    )


def _save(
    session: Session, workspace_id: int, hits: list[Hit], progress: Progress
) -> list[Candidate]:
    progress.stage("progress.saving_candidates", len(hits))
    now = datetime.now(UTC)
    by_account: dict[int, Candidate] = {}
    provenance: list[dict[str, Any]] = []
    for hit in hits:
        saved = save_account(session, workspace_id, hit.data, now=now)
        if hit.feed_url:
            queries.set_feed_url(session, saved.account.id, hit.feed_url)
        value, rel = score(hit)
        provenance.append(
            {
                "workspace_id": workspace_id,
                "creator_id": saved.account.creator_id,
                "account_id": saved.account.id,
                "query": hit.query[:500],
                "source": hit.source,
                "rank": hit.rank + 1,
                "score": value,
                "found_at": now,
            }
        )
        candidate = by_account.get(saved.account.id)
        if candidate is None:
            candidate = by_account[saved.account.id] = Candidate(
                creator_id=saved.account.creator_id,
                account_id=saved.account.id,
                platform=saved.account.platform,
                handle=saved.account.handle,
                name=saved.creator.name,
                url=saved.account.url,
                followers=saved.account.followers,
                score=value,
                relevance=rel,
                is_new=saved.is_new,
                email=saved.creator.email,
                description=(hit.data.description or "")[:300] or None,
            )
        elif value > candidate.score:
            candidate.score, candidate.relevance = value, rel
        candidate.queries = list(dict.fromkeys([*candidate.queries, hit.query]))
        candidate.sources = list(dict.fromkeys([*candidate.sources, hit.source]))
        progress.advance()
    queries.add_discoveries(session, provenance)
    refresh_creators(session, {c.creator_id for c in by_account.values()}, now)
    return sorted(by_account.values(), key=lambda c: (-c.score, c.name.lower()))
