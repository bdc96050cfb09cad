"""YouTube channels and videos as Influent's AccountData, SnapshotData and PostData."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from influent.domain.contacts import extract_contacts
from influent.domain.content import AccountData, PostData, SnapshotData
from influent.domain.platforms import Platform, PostKind
from influent.sources.youtube.models import Channel, SearchResult, Video

__all__ = [
    "SOURCE",
    "account_from_channel",
    "account_from_search",
    "duration_seconds",
    "post_from_video",
]

SOURCE = "youtube"

# ISO 8601 durations as YouTube writes them: P1DT2H3M4S, PT21M7S, P0D.
_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
# Shorts were capped at 60 s until October 2024 (3 min since), and the API has no Shorts flag;
# a video this short is almost always a Short, a longer one may still be.
_SHORT_MAX_SECONDS = 60


def duration_seconds(iso: str | None) -> int | None:
    """Seconds in an ISO 8601 duration such as 'PT21M7S', or None when unreadable."""
    match = _DURATION.match(iso or "")
    if not match:
        return None
    days, hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def post_from_video(video: Video) -> PostData:
    stats = video.statistics
    seconds = duration_seconds(video.content_details.duration if video.content_details else None)
    is_short = seconds is not None and 0 < seconds <= _SHORT_MAX_SECONDS
    return PostData(
        external_id=video.id,
        published_at=video.snippet.published_at,
        kind=PostKind.SHORT if is_short else PostKind.VIDEO,
        title=video.snippet.title,
        caption=video.snippet.description or None,
        url=f"https://www.youtube.com/watch?v={video.id}",
        likes=stats.like_count if stats else None,
        comments=stats.comment_count if stats else None,
        views=stats.view_count if stats else None,
    )


def _handle_and_url(channel_id: str, custom_url: str | None) -> tuple[str, str]:
    if custom_url:
        handle = custom_url.lstrip("@")
        return handle, f"https://www.youtube.com/@{handle}"
    return channel_id, f"https://www.youtube.com/channel/{channel_id}"


def account_from_channel(
    channel: Channel, *, fetched_at: datetime, videos: Iterable[Video] = ()
) -> AccountData:
    """A channel with its numbers and, when given, its recent videos."""
    snippet, stats = channel.snippet, channel.statistics
    handle, url = _handle_and_url(channel.id, snippet.custom_url)
    snapshot = None
    if stats is not None:
        snapshot = SnapshotData(
            taken_at=fetched_at,
            source=SOURCE,
            # A hidden subscriber count comes back as a rounded figure or 0; neither is data.
            followers=None if stats.hidden_subscriber_count else stats.subscriber_count,
            posts_count=stats.video_count,
            total_views=stats.view_count,
        )
    posts = tuple(
        sorted((post_from_video(v) for v in videos), key=lambda p: p.published_at, reverse=True)
    )
    return AccountData(
        platform=Platform.YOUTUBE,
        handle=handle,
        source=SOURCE,
        fetched_at=fetched_at,
        name=snippet.title,
        url=url,
        external_id=channel.id,
        description=snippet.description or None,
        country=snippet.country,
        language=snippet.default_language,
        snapshot=snapshot,
        posts=posts,
        contacts=extract_contacts(snippet.description),
    )


def account_from_search(result: SearchResult, *, fetched_at: datetime) -> AccountData:
    """The little a search result says about a channel: enough to list it, not to rank it."""
    snippet = result.snippet
    channel_id = result.id.channel_id or snippet.channel_id
    is_channel = result.id.kind == "youtube#channel"
    return AccountData(
        platform=Platform.YOUTUBE,
        handle=channel_id,
        source=SOURCE,
        fetched_at=fetched_at,
        name=(snippet.title if is_channel else snippet.channel_title) or None,
        url=f"https://www.youtube.com/channel/{channel_id}",
        external_id=channel_id,
        description=(snippet.description or None) if is_channel else None,
    )
