"""An RSS 1.0, RSS 2.0 or Atom document as AccountData: a blog, or a podcast with episodes."""

from __future__ import annotations

import calendar
import hashlib
import html
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser  # type: ignore[import-untyped]

from influent.domain.accounts import parse_account
from influent.domain.contacts import extract_contacts
from influent.domain.content import AccountData, ContactHints, PostData, SnapshotData
from influent.domain.platforms import Platform, PostKind
from influent.domain.values import ValueProblem
from influent.sources.errors import UnexpectedResponse

__all__ = ["SOURCE", "is_podcast", "parse_feed", "plain_text"]

SOURCE = "rss"
_MAX_CAPTION = 1_000  # an excerpt is enough to read a post's topic; full articles bloat the store
_MAX_CATEGORIES = 20
# feedparser folds itunes:category and itunes:keywords into the same tags, so categories are
# read from the document itself. Reference: https://podcasters.apple.com/support/823-podcast-requirements
_ITUNES_CATEGORY = re.compile(r"<itunes:category\s[^>]*?text\s*=\s*(\"[^\"]*\"|'[^']*')", re.I)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(markup: str | None) -> str | None:
    """Text without tags, with whitespace collapsed; None when nothing is left."""
    if not markup:
        return None
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    text = " ".join("".join(parser.parts).split())
    return text or None


def _when(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    # feedparser normalises dates to UTC struct_time; timegm reads them back as UTC.
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _count(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _has_audio(entry: Any) -> bool:
    return any(
        str(e.get("type", "")).lower().startswith(("audio/", "video/"))
        for e in entry.get("enclosures", [])
    )


def is_podcast(parsed: Any) -> bool:
    """A podcast feed carries iTunes tags or audio enclosures."""
    feed = parsed.feed
    itunes = any(key.startswith("itunes_") for key in feed) or any(
        "itunes.com" in str(t.get("scheme") or "") for t in feed.get("tags", [])
    )
    return itunes or any(_has_audio(e) for e in parsed.entries[:20])


def _post(entry: Any, podcast: bool) -> PostData | None:
    published = _when(entry)
    if published is None:
        # Undated entries say nothing about cadence or recency, which is what posts are for.
        return None
    link = entry.get("link")
    title = plain_text(entry.get("title"))
    external_id = (
        entry.get("id")
        or link
        or hashlib.sha1(
            f"{title}|{published.isoformat()}".encode(), usedforsecurity=False
        ).hexdigest()
    )
    caption = plain_text(entry.get("summary"))
    return PostData(
        external_id=str(external_id),
        published_at=published,
        kind=PostKind.EPISODE if podcast else PostKind.ARTICLE,
        title=title,
        caption=caption[:_MAX_CAPTION] if caption else None,
        url=link,
        # WordPress writes slash:comments, Blogger thr:total.
        comments=_count(entry.get("slash_comments", entry.get("thr_total"))),
    )


def _categories(content: bytes, feed: Any, podcast: bool) -> tuple[str, ...]:
    text = content.decode("utf-8", errors="replace")
    found = [html.unescape(m.group(1)[1:-1]).strip() for m in _ITUNES_CATEGORY.finditer(text)]
    if not podcast:
        found += [str(t.get("term") or "").strip() for t in feed.get("tags", [])]
    return tuple(dict.fromkeys(c for c in found if c))[:_MAX_CATEGORIES]


def _identity(site: str | None, feed_url: str | None, platform: Platform) -> tuple[str, str | None]:
    for candidate in (site, feed_url):
        if candidate and candidate.startswith(("http://", "https://")):
            try:
                ref = parse_account(candidate, platform)
            except ValueProblem:
                continue
            if ref is not None:
                return ref.handle, ref.url or candidate
    return feed_url or site or "feed", site or feed_url


def _language(value: object) -> str | None:
    text = str(value or "").strip().lower()
    return text.split("-")[0].split("_")[0] or None


def parse_feed(
    content: bytes, *, feed_url: str | None, fetched_at: datetime, source: str = SOURCE
) -> AccountData:
    """The feed's site or show, its description, categories, contacts and dated entries.

    Raises UnexpectedResponse when the document is not a feed at all.
    """
    # feedparser is only ever handed bytes: given a string it may open URLs or files itself.
    parsed = feedparser.parse(content)
    if not parsed.get("version") and not parsed.entries:
        if feed_url is None:
            raise UnexpectedResponse(source, "feeds.error.not_a_feed_file")
        raise UnexpectedResponse(source, "feeds.error.not_a_feed", url=feed_url)
    feed = parsed.feed
    podcast = is_podcast(parsed)
    platform = Platform.PODCAST if podcast else Platform.BLOG
    site = feed.get("link")
    handle, url = _identity(site, feed_url, platform)
    description = plain_text(feed.get("subtitle") or feed.get("summary"))
    owner = feed.get("publisher_detail") or {}
    # itunes:summary is often the long form of the description, where contact lines live.
    found = extract_contacts(description, plain_text(feed.get("summary")))
    owner_emails = extract_contacts(str(owner.get("email") or "")).emails
    contacts = ContactHints(
        emails=tuple(dict.fromkeys([*owner_emails, *found.emails])),
        websites=tuple(dict.fromkeys([*([site] if site else []), *found.websites])),
        agent_lines=found.agent_lines,
    )
    posts = [p for p in (_post(e, podcast) for e in parsed.entries) if p is not None]
    posts.sort(key=lambda p: p.published_at, reverse=True)
    return AccountData(
        platform=platform,
        handle=handle,
        source=source,
        fetched_at=fetched_at,
        name=plain_text(feed.get("title")),
        url=url,
        description=description,
        language=_language(feed.get("language")),
        categories=_categories(content, feed, podcast),
        # A podcast feed usually lists every episode; a blog feed only the latest few posts,
        # so its entry count says nothing about the blog.
        snapshot=SnapshotData(taken_at=fetched_at, source=source, posts_count=len(posts))
        if podcast
        else None,
        posts=tuple(posts),
        contacts=contacts,
    )
