"""Blogs and any site with a feed: RSS 1.0, RSS 2.0 and Atom."""

from influent.sources.feeds.client import FeedClient, fetch_feed
from influent.sources.feeds.discovery import discover_feed_url, discover_feed_urls
from influent.sources.feeds.parse import SOURCE, is_podcast, parse_feed, plain_text

__all__ = [
    "SOURCE",
    "FeedClient",
    "discover_feed_url",
    "discover_feed_urls",
    "fetch_feed",
    "is_podcast",
    "parse_feed",
    "plain_text",
]
