"""Fetching feeds over HTTP (through the one wrapper) or from a local file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from influent.domain.content import AccountData
from influent.sources.errors import NotFound
from influent.sources.feeds.discovery import discover_feed_url
from influent.sources.feeds.parse import SOURCE, parse_feed
from influent.sources.http import HttpClient

__all__ = ["FeedClient", "fetch_feed"]

_FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)


def _now() -> datetime:
    return datetime.now(UTC)


def _is_url(value: str | Path) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


class FeedClient:
    """Blogs and any site with a feed: discovery from a homepage, then the feed itself."""

    def __init__(self, *, http: HttpClient, now: Callable[[], datetime] = _now) -> None:
        self._http = http
        self._now = now

    def fetch_feed(self, url_or_path: str | Path) -> AccountData:
        """A feed by URL (over HTTP) or local path, as AccountData with its posts."""
        if not _is_url(url_or_path):
            return _read_file(Path(url_or_path), self._now())
        url = str(url_or_path)
        # Reference: https://www.rssboard.org/rss-specification
        fetched = self._http.get(url, source=SOURCE, headers={"Accept": _FEED_ACCEPT})
        return parse_feed(fetched.content, feed_url=fetched.url, fetched_at=self._now())

    def find_feed(self, homepage_url: str) -> str:
        """The feed URL a homepage announces; NotFound when it announces none."""
        # Reference: https://www.rssboard.org/rss-autodiscovery
        page = self._http.get(homepage_url, source=SOURCE, headers={"Accept": "text/html"})
        feed_url = discover_feed_url(page.text, page.url)
        if feed_url is None:
            raise NotFound(SOURCE, "feeds.error.no_feed", url=page.url)
        return feed_url

    def fetch_site(self, homepage_url: str) -> AccountData:
        """Discover a site's feed from its homepage, then fetch and read it."""
        return self.fetch_feed(self.find_feed(homepage_url))


def fetch_feed(
    url_or_path: str | Path, *, http: HttpClient | None = None, now: Callable[[], datetime] = _now
) -> AccountData:
    """A feed by URL or local path; a URL goes through `http` (a short-lived client if None)."""
    if not _is_url(url_or_path):
        return _read_file(Path(url_or_path), now())
    if http is None:
        with HttpClient() as own:
            return FeedClient(http=own, now=now).fetch_feed(url_or_path)
    return FeedClient(http=http, now=now).fetch_feed(url_or_path)


def _read_file(path: Path, fetched_at: datetime) -> AccountData:
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise NotFound(
            SOURCE, "feeds.error.file", name=path.name, why=str(exc.strerror or exc)
        ) from None
    return parse_feed(content, feed_url=None, fetched_at=fetched_at)
