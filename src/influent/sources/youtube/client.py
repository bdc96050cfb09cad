"""YouTube Data API v3 with an API key: search, channels, recent uploads, a sample of comments."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel

from influent.domain.content import AccountData
from influent.sources.errors import (
    InvalidCredentials,
    NotFound,
    QuotaExhausted,
    RateLimited,
    SourceError,
)
from influent.sources.http import Fetched, HttpClient, Quota
from influent.sources.youtube.mapping import SOURCE, account_from_channel
from influent.sources.youtube.models import (
    Channel,
    ChannelListResponse,
    CommentThreadListResponse,
    PlaylistItemListResponse,
    SearchListResponse,
    SearchResult,
    Video,
    VideoListResponse,
)

__all__ = ["COSTS", "DAILY_QUOTA", "YouTubeClient", "classify_error", "youtube_quota"]

BASE_URL = "https://www.googleapis.com/youtube/v3"
DAILY_QUOTA = 10_000
# Units per call as YouTube counts them; every list call costs 1, search costs 100.
# Reference: https://developers.google.com/youtube/v3/determine_quota_cost
COSTS: dict[str, int] = {
    "search.list": 100,
    "channels.list": 1,
    "playlistItems.list": 1,
    "videos.list": 1,
    "commentThreads.list": 1,
}
_R = TypeVar("_R", bound=BaseModel)
# Ids per channels.list / videos.list call, and results per page, at most. With `id`,
# videos.list refuses maxResults, so batches carry no page size.
_BATCH = 50

# Reference: https://developers.google.com/youtube/v3/docs/errors
_CREDENTIALS = {
    "keyInvalid",
    "keyExpired",
    "API_KEY_INVALID",
    "accessNotConfigured",
    "ipRefererBlocked",
    "forbidden",
}
_QUOTA = {"quotaExceeded", "dailyLimitExceeded"}
_RATE = {"rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"}
_MISSING = {
    "channelNotFound",
    "videoNotFound",
    "playlistNotFound",
    "commentsDisabled",
    "playlistItemsNotAccessible",
}


def youtube_quota(*, used: int = 0, now: Callable[[], datetime] | None = None) -> Quota:
    """The default project quota; it resets at midnight Pacific Time, as YouTube's does."""
    try:
        tz: tzinfo = ZoneInfo("America/Los_Angeles")
    except ZoneInfoNotFoundError:
        # Without a time zone database (some Windows installs), Pacific Standard Time is close.
        tz = timezone(timedelta(hours=-8))
    if now is None:
        return Quota(DAILY_QUOTA, used=used, reset_tz=tz)
    return Quota(DAILY_QUOTA, used=used, reset_tz=tz, now=now)


def _reasons(fetched: Fetched) -> list[str]:
    try:
        body = fetched.json()
    except SourceError:
        return []
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return []
    found = [e.get("reason", "") for e in error.get("errors", []) if isinstance(e, dict)]
    found += [d.get("reason", "") for d in error.get("details", []) if isinstance(d, dict)]
    return [r for r in found if isinstance(r, str) and r]


def classify_error(fetched: Fetched) -> SourceError | None:
    """The precise error behind a YouTube error answer, from its `errors[].reason`."""
    reasons = set(_reasons(fetched))
    status = fetched.status
    if reasons & _QUOTA:
        return QuotaExhausted(SOURCE, "youtube.error.quota", status=status)
    if reasons & _CREDENTIALS or status == 401:
        found = ", ".join(sorted(reasons & _CREDENTIALS)) or f"HTTP {status}"
        return InvalidCredentials(SOURCE, "youtube.error.key", status=status, reasons=found)
    if reasons & _RATE:
        return RateLimited(SOURCE, "youtube.error.rate", status=status)
    if reasons & _MISSING:
        found = ", ".join(sorted(reasons & _MISSING))
        return NotFound(SOURCE, "youtube.error.no_item", status=status, reasons=found)
    if status == 403:
        found = ", ".join(sorted(reasons)) or "HTTP 403"
        return InvalidCredentials(SOURCE, "youtube.error.access", status=status, reasons=found)
    return None


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


class YouTubeClient:
    """Calls to the YouTube Data API; every call spends units from `quota`."""

    def __init__(
        self,
        *,
        api_key: str,
        http: HttpClient,
        quota: Quota | None = None,
        base_url: str = BASE_URL,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._key = api_key
        self._http = http
        self.quota = quota if quota is not None else youtube_quota()
        self._base = base_url.rstrip("/")
        self._now = now

    def _list(self, resource: str, what: str, model: type[_R], params: dict[str, str | int]) -> _R:
        return self._http.get_model(
            model,
            f"{self._base}/{resource}",
            source=SOURCE,
            what=what,
            params={**params, "key": self._key},
            quota=self.quota,
            cost=COSTS[what],
            classify=classify_error,
        )

    def search(
        self,
        query: str,
        *,
        kind: Literal["channel", "video"] = "channel",
        max_results: int = 50,
        region_code: str | None = None,
        relevance_language: str | None = None,
    ) -> list[SearchResult]:
        """Channels or videos matching `query`, following pages until `max_results`.

        Each page costs 100 units, so 50 results cost 100 and 120 results cost 300.
        """
        # Reference: https://developers.google.com/youtube/v3/docs/search/list
        results: list[SearchResult] = []
        token: str | None = None
        while len(results) < max_results:
            params: dict[str, str | int] = {
                "part": "snippet",
                "q": query,
                "type": kind,
                "maxResults": min(_BATCH, max_results - len(results)),
            }
            if region_code:
                params["regionCode"] = region_code
            if relevance_language:
                params["relevanceLanguage"] = relevance_language
            if token:
                params["pageToken"] = token
            page = self._list("search", "search.list", SearchListResponse, params)
            results.extend(page.items)
            token = page.next_page_token
            if not token or not page.items:
                break
        return results[:max_results]

    def channels(self, channel_ids: Sequence[str]) -> list[Channel]:
        """Channels by id, 50 per call; ids YouTube does not know are simply absent."""
        # Reference: https://developers.google.com/youtube/v3/docs/channels/list
        found: list[Channel] = []
        for batch in _chunks(list(dict.fromkeys(channel_ids)), _BATCH):
            params: dict[str, str | int] = {
                "part": "snippet,statistics,contentDetails",
                "id": ",".join(batch),
            }
            found.extend(self._list("channels", "channels.list", ChannelListResponse, params).items)
        return found

    def channel_for_handle(self, handle: str) -> Channel:
        """The channel behind an @handle; NotFound when there is none."""
        # Reference: https://developers.google.com/youtube/v3/docs/channels/list#forHandle
        params: dict[str, str | int] = {
            "part": "snippet,statistics,contentDetails",
            "forHandle": "@" + handle.lstrip("@"),
        }
        page = self._list("channels", "channels.list", ChannelListResponse, params)
        if not page.items:
            raise NotFound(SOURCE, "youtube.error.no_handle", handle=handle.lstrip("@"))
        return page.items[0]

    def recent_video_ids(self, uploads_playlist_id: str, *, limit: int = 12) -> list[str]:
        """Ids of the newest uploads, from the channel's uploads playlist, newest first."""
        # Reference: https://developers.google.com/youtube/v3/docs/playlistItems/list
        ids: list[str] = []
        token: str | None = None
        while len(ids) < limit:
            params: dict[str, str | int] = {
                "part": "snippet",
                "playlistId": uploads_playlist_id,
                "maxResults": min(_BATCH, limit - len(ids)),
            }
            if token:
                params["pageToken"] = token
            page = self._list(
                "playlistItems", "playlistItems.list", PlaylistItemListResponse, params
            )
            ids.extend(
                i.snippet.resource_id.video_id for i in page.items if i.snippet.resource_id.video_id
            )
            token = page.next_page_token
            if not token or not page.items:
                break
        return ids[:limit]

    def videos(self, video_ids: Sequence[str]) -> list[Video]:
        """Videos with their counters, 50 per call."""
        # Reference: https://developers.google.com/youtube/v3/docs/videos/list
        found: list[Video] = []
        for batch in _chunks(list(dict.fromkeys(video_ids)), _BATCH):
            params: dict[str, str | int] = {
                "part": "statistics,snippet,contentDetails",
                "id": ",".join(batch),
            }
            found.extend(self._list("videos", "videos.list", VideoListResponse, params).items)
        return found

    def comment_sample(self, video_id: str, *, limit: int = 20) -> list[str]:
        """Up to `limit` top-level comment texts, most relevant first; [] when comments are off."""
        # Reference: https://developers.google.com/youtube/v3/docs/commentThreads/list
        params: dict[str, str | int] = {
            "part": "snippet",
            "videoId": video_id,
            "maxResults": min(100, limit),
            "order": "relevance",
            "textFormat": "plainText",
        }
        try:
            page = self._list(
                "commentThreads", "commentThreads.list", CommentThreadListResponse, params
            )
        except NotFound:
            return []
        return [t.snippet.top_level_comment.snippet.text_original for t in page.items][:limit]

    def fetch_account(self, channel_id: str, *, recent: int = 12) -> AccountData:
        """A channel's profile, numbers and `recent` newest videos: 3 units when recent <= 50."""
        channel = next((c for c in self.channels([channel_id]) if c.id == channel_id), None)
        if channel is None:
            raise NotFound(SOURCE, "youtube.error.no_channel", id=channel_id)
        videos: list[Video] = []
        uploads = (
            channel.content_details.related_playlists.uploads if channel.content_details else None
        )
        if recent > 0 and uploads:
            videos = self.videos(self.recent_video_ids(uploads, limit=recent))
        return account_from_channel(channel, fetched_at=self._now(), videos=videos)

    def discover(
        self, query: str, *, max_results: int = 50, via: Literal["channel", "video"] = "channel"
    ) -> list[AccountData]:
        """Channels about `query` with their numbers (no posts), in search order.

        With via="video", channels are found through matching videos, which surfaces
        creators whose channel name does not contain the keyword.
        """
        results = self.search(query, kind=via, max_results=max_results)
        channel_ids = list(dict.fromkeys(r.id.channel_id or r.snippet.channel_id for r in results))
        fetched_at = self._now()
        by_id = {c.id: c for c in self.channels(channel_ids)}
        return [
            account_from_channel(by_id[cid], fetched_at=fetched_at)
            for cid in channel_ids
            if cid in by_id
        ]
