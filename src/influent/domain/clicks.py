"""Clicks on tracked links: who is a person, who is a previewer, and an IP-free visitor id."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

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
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("imessage", ("facebookexternalhit/1.1 facebot twitterbot",)),
    ("slack", ("slackbot", "slack-imgproxy")),
    ("telegram", ("telegrambot",)),
    ("whatsapp", ("whatsapp/",)),
    ("facebook", ("facebookexternalhit", "facebookcatalog", "meta-external", "facebot")),
    ("x", ("twitterbot",)),
    ("linkedin", ("linkedinbot",)),
    ("discord", ("discordbot",)),
    ("pinterest", ("pinterestbot", "pinterest/0.")),
    ("skype", ("skypeuripreview",)),
    (
        "google",
        (
            "googlebot",
            "google-inspectiontool",
            "adsbot-google",
            "mediapartners-google",
            "google-read-aloud",
            "apis-google",
            "feedfetcher-google",
            "googleother",
        ),
    ),
    ("bing", ("bingbot", "bingpreview", "msnbot", "adidxbot")),
    ("apple", ("applebot",)),
    ("duckduckgo", ("duckduckbot", "duckassistbot")),
    ("yandex", ("yandexbot", "yandeximages", "yandexmobilebot")),
    ("baidu", ("baiduspider",)),
    (
        "crawler",
        (
            "bot/", "bot;", "bot ", "bot)", "bot+", "bot-", "crawler", "spider", "slurp",
            "preview", "headless", "lighthouse", "phantomjs", "facebookplatform", "embedly",
            "iframely", "vkshare",
        ),
    ),
)  # fmt: skip
# Programs that fetch URLs, recognised by how their user agent starts.
_TOOLS = (
    "curl", "wget", "python-", "go-http-client", "okhttp", "java/", "libwww", "httpie",
    "axios", "node-fetch", "undici", "apache-httpclient", "ruby", "php", "dart",
)  # fmt: skip


@lru_cache(maxsize=4096)
def _classify(text: str) -> AgentClass:
    lower = text.lower()
    for label, needles in _RULES:
        if any(needle in lower for needle in needles):
            return AgentClass(label, True)
    if lower.endswith("bot"):
        return AgentClass("crawler", True)
    if lower.startswith(_TOOLS):
        return AgentClass("tool", True)
    # Every browser and in-app browser (Instagram, TikTok, Facebook's) says Mozilla/.
    if not text.startswith("Mozilla/"):
        return AgentClass("other", True)
    return HUMAN


def classify_agent(user_agent: str | None, *, method: str = "GET") -> AgentClass:
    """A browser (a person) or a named bot/previewer; HEAD requests and empty agents are bots.

    Case-insensitive substring rules, checked in order (a previewer before the crawler it
    imitates); answers are cached, since a flood of clicks repeats a few hundred agents.
    """
    if method.upper() == "HEAD":
        return AgentClass("head", True)
    text = (user_agent or "").strip()
    if not text:
        return AgentClass("empty", True)
    return _classify(text[:512])


def visitor_hash(salt: bytes, ip: str, user_agent: str | None) -> str:
    """A visitor id for one day: keyed BLAKE2b (a MAC) of IP and user agent under the day's salt.

    The salt is random and thrown away after two days, so the id cannot be turned back into an
    IP address afterwards, nor linked across days (the method of Plausible Analytics).
    """
    message = ip.encode() + b"\n" + (user_agent or "").encode("utf-8", "replace")
    return hashlib.blake2b(message, key=salt[:64], digest_size=16).hexdigest()
