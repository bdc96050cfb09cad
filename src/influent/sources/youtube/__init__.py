"""YouTube Data API v3: discover channels and keep their numbers fresh."""

from influent.sources.youtube.client import COSTS, DAILY_QUOTA, YouTubeClient, youtube_quota
from influent.sources.youtube.mapping import account_from_channel, post_from_video

__all__ = [
    "COSTS",
    "DAILY_QUOTA",
    "YouTubeClient",
    "account_from_channel",
    "post_from_video",
    "youtube_quota",
]
