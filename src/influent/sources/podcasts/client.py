"""Podcasts: find shows with the iTunes Search API (no key), then read each show's RSS feed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from influent.domain.content import AccountData, SnapshotData
from influent.domain.messages import Message
from influent.domain.platforms import Platform
from influent.sources.errors import NotFound
from influent.sources.feeds.client import FeedClient
from influent.sources.http import HttpClient

__all__ = ["SOURCE", "ITunesClient", "PodcastShow", "show_from_result"]

SOURCE = "itunes"
SEARCH_URL = "https://itunes.apple.com/search"
_MAX_LIMIT = 200  # the Search API's own ceiling per call


def _now() -> datetime:
    return datetime.now(UTC)


# Reference: https://performance-partners.apple.com/search-api
class ITunesResult(BaseModel):
    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True)

    collection_id: int
    collection_name: str
    artist_name: str | None = None
    collection_view_url: str | None = None
    feed_url: str | None = None
    genres: list[str] = []
    primary_genre_name: str | None = None
    track_count: int | None = None
    release_date: datetime | None = None


class ITunesSearchResponse(BaseModel):
    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True)

    result_count: int
    results: list[ITunesResult]


@dataclass(frozen=True, slots=True)
class PodcastShow:
    """A show found in the directory: its account, and the feed that holds its episodes."""

    account: AccountData
    feed_url: str | None


def _clean_url(url: str | None) -> str | None:
    # Apple appends tracking such as "?uo=4"; the show's address is the part before it.
    if not url:
        return None
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def show_from_result(result: ITunesResult, *, fetched_at: datetime) -> PodcastShow:
    """A directory entry as a podcast account; its handle is Apple's show id ('id354668519')."""
    show_id = f"id{result.collection_id}"
    # "Podcasts" is the parent genre of every show, so it tells nothing.
    genres = tuple(g for g in result.genres if g != "Podcasts") or tuple(
        g for g in [result.primary_genre_name] if g
    )
    account = AccountData(
        platform=Platform.PODCAST,
        handle=show_id,
        source=SOURCE,
        fetched_at=fetched_at,
        name=result.collection_name,
        url=_clean_url(result.collection_view_url),
        external_id=show_id,
        categories=genres,
        snapshot=SnapshotData(taken_at=fetched_at, source=SOURCE, posts_count=result.track_count),
    )
    return PodcastShow(account=account, feed_url=result.feed_url)


class ITunesClient:
    """Show search in Apple's directory, and episode reading from the shows' feeds."""

    def __init__(self, *, http: HttpClient, now: Callable[[], datetime] = _now) -> None:
        self._http = http
        self._now = now
        self._feeds = FeedClient(http=http, now=now)

    def search_shows(
        self, term: str, *, country: str = "US", limit: int = 50, language: str | None = None
    ) -> list[PodcastShow]:
        """Shows matching `term` in one storefront (`country`, two letters), best match first."""
        # Reference: https://performance-partners.apple.com/search-api
        params: dict[str, str | int] = {
            "term": term,
            "media": "podcast",
            "entity": "podcast",
            "country": country.upper(),
            "limit": max(1, min(limit, _MAX_LIMIT)),
        }
        if language:
            params["lang"] = language
        page = self._http.get_model(
            ITunesSearchResponse,
            SEARCH_URL,
            source=SOURCE,
            what=Message("source.call.podcast_search"),
            params=params,
        )
        fetched_at = self._now()
        return [show_from_result(r, fetched_at=fetched_at) for r in page.results]

    def fetch_show(self, show: PodcastShow | str) -> AccountData:
        """A show read from its feed: description, categories, owner email and episodes.

        Given a PodcastShow, Apple's id and address are kept as the account's identity and
        its genres are used when the feed declares no category.
        """
        feed_url = show if isinstance(show, str) else show.feed_url
        if not feed_url:
            raise NotFound(SOURCE, "podcasts.error.no_feed")
        from_feed = self._feeds.fetch_feed(feed_url)
        if isinstance(show, str):
            return from_feed
        known = show.account
        return dataclasses.replace(
            from_feed,
            platform=Platform.PODCAST,
            handle=known.handle,
            url=known.url,
            external_id=known.external_id,
            name=from_feed.name or known.name,
            categories=from_feed.categories or known.categories,
        )
