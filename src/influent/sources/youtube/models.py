"""Strict models of the YouTube Data API v3 answers we read (only the fields we use).

Counts arrive as strings ("viewCount": "7920"); pydantic turns them into ints. A field we
rely on that goes missing fails validation, which `HttpClient` reports as an API change.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

__all__ = [
    "Channel",
    "ChannelListResponse",
    "CommentThread",
    "CommentThreadListResponse",
    "PlaylistItem",
    "PlaylistItemListResponse",
    "SearchListResponse",
    "SearchResult",
    "Video",
    "VideoListResponse",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True)


# Reference: https://developers.google.com/youtube/v3/docs/search#resource
class SearchResultId(_Model):
    kind: str
    video_id: str | None = None
    channel_id: str | None = None
    playlist_id: str | None = None


class SearchSnippet(_Model):
    published_at: datetime
    channel_id: str
    title: str
    description: str = ""
    channel_title: str = ""


class SearchResult(_Model):
    id: SearchResultId
    snippet: SearchSnippet


class SearchListResponse(_Model):
    items: list[SearchResult]
    next_page_token: str | None = None


# Reference: https://developers.google.com/youtube/v3/docs/channels#resource
class ChannelSnippet(_Model):
    title: str
    description: str = ""
    custom_url: str | None = None
    published_at: datetime
    country: str | None = None
    default_language: str | None = None


class ChannelStatistics(_Model):
    view_count: int | None = None
    subscriber_count: int | None = None
    hidden_subscriber_count: bool = False
    video_count: int | None = None


class RelatedPlaylists(_Model):
    uploads: str | None = None


class ChannelContentDetails(_Model):
    related_playlists: RelatedPlaylists


class Channel(_Model):
    id: str
    snippet: ChannelSnippet
    statistics: ChannelStatistics | None = None
    content_details: ChannelContentDetails | None = None


class ChannelListResponse(_Model):
    # YouTube leaves `items` out entirely when no id matched.
    items: list[Channel] = []
    next_page_token: str | None = None


# Reference: https://developers.google.com/youtube/v3/docs/playlistItems#resource
class ResourceId(_Model):
    kind: str
    video_id: str | None = None


class PlaylistItemSnippet(_Model):
    published_at: datetime
    title: str
    resource_id: ResourceId


class PlaylistItem(_Model):
    id: str
    snippet: PlaylistItemSnippet


class PlaylistItemListResponse(_Model):
    items: list[PlaylistItem]
    next_page_token: str | None = None


# Reference: https://developers.google.com/youtube/v3/docs/videos#resource
class VideoSnippet(_Model):
    published_at: datetime
    channel_id: str
    title: str
    description: str = ""
    tags: list[str] = []
    default_language: str | None = None
    default_audio_language: str | None = None
    live_broadcast_content: str | None = None


class VideoStatistics(_Model):
    # Each count is left out when its owner hides it.
    view_count: int | None = None
    like_count: int | None = None
    comment_count: int | None = None


class VideoContentDetails(_Model):
    duration: str | None = None


class Video(_Model):
    id: str
    snippet: VideoSnippet
    statistics: VideoStatistics | None = None
    content_details: VideoContentDetails | None = None


class VideoListResponse(_Model):
    items: list[Video] = []
    next_page_token: str | None = None


# Reference: https://developers.google.com/youtube/v3/docs/commentThreads#resource
class CommentSnippet(_Model):
    text_original: str
    published_at: datetime
    like_count: int = 0


class Comment(_Model):
    id: str
    snippet: CommentSnippet


class CommentThreadSnippet(_Model):
    top_level_comment: Comment
    total_reply_count: int = 0


class CommentThread(_Model):
    id: str
    snippet: CommentThreadSnippet


class CommentThreadListResponse(_Model):
    items: list[CommentThread]
    next_page_token: str | None = None
