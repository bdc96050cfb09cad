"""Finding a site's feed from its homepage: `<link rel="alternate" type="application/rss+xml">`."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

__all__ = ["FEED_TYPES", "discover_feed_url", "discover_feed_urls"]

# Reference: https://www.rssboard.org/rss-autodiscovery
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[tuple[str, str]] = []  # (href, title)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "base" and values.get("href") and self.base is None:
            self.base = values["href"]
        if tag not in ("link", "a"):
            return
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        href = values.get("href", "")
        if "alternate" in rels and kind in FEED_TYPES and href:
            self.links.append((href, values.get("title", "")))


def discover_feed_urls(homepage_html: str, base_url: str) -> list[str]:
    """Every feed a page announces, as absolute URLs, in page order with comment feeds last."""
    collector = _LinkCollector()
    collector.feed(homepage_html)
    collector.close()
    base = urljoin(base_url, collector.base) if collector.base else base_url
    # Blogs announce a comments feed next to the posts feed (WordPress: "Comments Feed");
    # the posts are what we want, so comment feeds go last. sorted() keeps page order otherwise.
    ordered = sorted(collector.links, key=lambda link: _is_comments(*link))
    found: list[str] = []
    for href, _ in ordered:
        url = urljoin(base, href)
        if url not in found and url.split(":", 1)[0].lower() in ("http", "https"):
            found.append(url)
    return found


def discover_feed_url(homepage_html: str, base_url: str) -> str | None:
    """The main feed a page announces, as an absolute URL, or None."""
    found = discover_feed_urls(homepage_html, base_url)
    return found[0] if found else None


def _is_comments(href: str, title: str) -> bool:
    return "comment" in href.lower() or "comment" in title.lower()
