"""Clicks on tracked links: who is a person, who is a previewer, and an IP-free visitor id."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

__all__ = ["AgentClass", "classify_agent", "visitor_hash"]


@dataclass(frozen=True, slots=True)
class AgentClass:
    """What sent a request: `label` is stored with the click, `is_bot` splits the counters."""

    label: str
    is_bot: bool


HUMAN = AgentClass("browser", False)

# Link previewers first (their user agents often pretend to be a browser as well, like
# iMessage's, which names facebookexternalhit and Twitterbot), then crawlers, then tools.
# Sources: each platform's crawler page (api.slack.com/robots, developers.facebook.com/docs/
# sharing/webmasters/crawler, developer.x.com cards troubleshooting, developers.google.com/
# search/docs/crawling-indexing/overview-google-crawlers, bing.com/webmasters/help/which-crawlers-
# does-bing-use-8c184ec0, support.apple.com/en-us/119829 for Applebot).
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
    for label, pattern in (
        ("imessage", r"facebookexternalhit/1\.1 Facebot Twitterbot"),
        ("slack", r"Slackbot|Slack-ImgProxy"),
        ("telegram", r"TelegramBot"),
        ("whatsapp", r"^WhatsApp/"),
        ("facebook", r"facebookexternalhit|facebookcatalog|meta-external|Facebot"),
        ("x", r"Twitterbot"),
        ("linkedin", r"LinkedInBot"),
        ("discord", r"Discordbot"),
        ("pinterest", r"Pinterestbot|Pinterest/0\."),
        ("skype", r"SkypeUriPreview"),
        (
            "google",
            r"Googlebot|Google-InspectionTool|AdsBot-Google|Mediapartners-Google|"
            r"Google-Read-Aloud|APIs-Google|FeedFetcher-Google|GoogleOther",
        ),
        ("bing", r"bingbot|BingPreview|msnbot|adidxbot"),
        ("apple", r"Applebot"),
        ("duckduckgo", r"DuckDuckBot|DuckAssistBot"),
        ("yandex", r"YandexBot|YandexImages|YandexMobileBot"),
        ("baidu", r"Baiduspider"),
        (
            "crawler",
            r"bot\b|crawler|spider|slurp|preview|headless|lighthouse|"
            r"PhantomJS|facebookplatform|embedly|Iframely|vkShare|redditbot",
        ),
        (
            "tool",
            r"^(?:curl|Wget|python-|Go-http-client|okhttp|Java/|libwww|HTTPie|"
            r"axios|node-fetch|undici|Apache-HttpClient|Ruby|PHP|Dart)",
        ),
    )
)


def classify_agent(user_agent: str | None, *, method: str = "GET") -> AgentClass:
    """A browser (a person) or a named bot/previewer; HEAD requests and empty agents are bots."""
    if method.upper() == "HEAD":
        return AgentClass("head", True)
    text = (user_agent or "").strip()
    if not text:
        return AgentClass("empty", True)
    for label, pattern in _RULES:
        if pattern.search(text):
            return AgentClass(label, True)
    # Every browser and in-app browser (Instagram, TikTok, Facebook's) says Mozilla/.
    if not text.startswith("Mozilla/"):
        return AgentClass("other", True)
    return HUMAN


def visitor_hash(salt: bytes, ip: str, user_agent: str | None) -> str:
    """A visitor id for one day: HMAC-SHA256 of IP and user agent under that day's salt.

    The salt is random and thrown away after two days, so the id cannot be turned back into an
    IP address afterwards, nor linked across days (the method of Plausible Analytics).
    """
    message = ip.encode() + b"\n" + (user_agent or "").encode("utf-8", "replace")
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:32]
