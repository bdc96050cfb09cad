"""Reading a creator's account from a handle or a profile URL, and normalising it."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from influent.domain.platforms import Platform
from influent.domain.values import ValueProblem, is_missing

__all__ = [
    "PENDING_PREFIX",
    "SOCIAL_PLATFORMS",
    "AccountRef",
    "is_pending",
    "normalise_handle",
    "parse_account",
    "pending_account",
]

# An account known only by its creator's name ("handle to confirm") has an empty handle and
# a merge key made of this prefix and the normalised name: no real handle starts with '?',
# so the key never meets a real one, and the same name on the same platform merges.
PENDING_PREFIX = "?"


@dataclass(frozen=True, slots=True)
class AccountRef:
    """Where a creator publishes: the platform, a display handle and its merge key."""

    platform: Platform | None
    handle: str
    key: str
    url: str | None = None
    external_id: str | None = None


_HOSTS: dict[str, Platform] = {
    "instagram.com": Platform.INSTAGRAM,
    "instagr.am": Platform.INSTAGRAM,
    "youtube.com": Platform.YOUTUBE,
    "youtu.be": Platform.YOUTUBE,
    "tiktok.com": Platform.TIKTOK,
    "twitch.tv": Platform.TWITCH,
    "twitter.com": Platform.X,
    "x.com": Platform.X,
    "linkedin.com": Platform.LINKEDIN,
    "podcasts.apple.com": Platform.PODCAST,
    "open.spotify.com": Platform.PODCAST,
    "anchor.fm": Platform.PODCAST,
    "soundcloud.com": Platform.PODCAST,
}
SOCIAL_PLATFORMS = frozenset(
    {
        Platform.INSTAGRAM,
        Platform.TIKTOK,
        Platform.YOUTUBE,
        Platform.TWITCH,
        Platform.X,
        Platform.LINKEDIN,
    }
)
# '@name', 'name' or 'first.last': the common case, answered before any URL parsing.
_SIMPLE_HANDLE = re.compile(r"^@?([\w\-]+(?:\.[\w\-]+)*)$")
_HANDLE = re.compile(r"^[\w.\-]{1,100}$", re.UNICODE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)+(?:[/?#:]|$)", re.IGNORECASE)


def pending_account(platform: Platform, name_key: str) -> AccountRef:
    """The account of a creator named `name_key` on `platform` whose handle is to confirm."""
    return AccountRef(platform=platform, handle="", key=PENDING_PREFIX + name_key)


def is_pending(handle_key: str) -> bool:
    """True for an account whose handle is still to confirm (see `pending_account`)."""
    return handle_key.startswith(PENDING_PREFIX)


def normalise_handle(handle: str) -> str:
    """The merge key of a handle: no '@', lower-case, no surrounding space."""
    return handle.strip().lstrip("@").strip().lower()


def parse_account(value: object, platform: Platform | None = None) -> AccountRef | None:
    """Read '@handle', 'instagram.com/handle', 'https://www.youtube.com/@chan' and the like.

    The platform comes from the URL when there is one; otherwise from `platform`.
    """
    if is_missing(value):
        return None
    # A numeric handle typed into a workbook comes back as 1234.0.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    simple = _SIMPLE_HANDLE.match(text)
    # 'marie.fr' is a site unless the row says the platform is a social network.
    if (
        simple
        and len(text) <= 101
        and (text[0] == "@" or "." not in text or platform in SOCIAL_PLATFORMS)
    ):
        handle = simple.group(1)
        return AccountRef(platform=platform, handle=handle, key=handle.lower())
    if _SCHEME.match(text) or _BARE_DOMAIN.match(text):
        return _from_url(text, platform)
    handle = text.lstrip("@").strip()
    if not handle:
        raise ValueProblem("empty_handle")
    if not _HANDLE.match(handle):
        raise ValueProblem("not_a_handle", text=text)
    return AccountRef(platform=platform, handle=handle, key=handle.lower())


def _from_url(text: str, hint: Platform | None) -> AccountRef:
    url = text if _SCHEME.match(text) else f"https://{text}"
    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced "[" reads as a broken IPv6 address
        raise ValueProblem("not_a_web_address", text=text) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueProblem("not_a_web_address", text=text)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host and _is_local(host):
        raise ValueProblem("local_address", text=text)
    if not host or "." not in host:
        raise ValueProblem("not_a_web_address", text=text)
    segments = [s for s in parts.path.split("/") if s]
    platform = _HOSTS.get(host)
    if platform is None and host.endswith(".substack.com"):
        platform = Platform.BLOG
    if platform is Platform.YOUTUBE:
        return _youtube(url, host, segments)
    if platform in (Platform.INSTAGRAM, Platform.TIKTOK, Platform.TWITCH, Platform.X):
        if not segments:
            raise ValueProblem("no_account_in_url", text=text)
        handle = segments[0].lstrip("@")
        canonical = f"https://{_canonical_host(platform)}/{'@' if platform is Platform.TIKTOK else ''}{handle}"
        return AccountRef(platform, handle, handle.lower(), canonical)
    if platform is Platform.LINKEDIN:
        handle = (
            segments[1]
            if len(segments) > 1 and segments[0] in ("in", "company")
            else "/".join(segments)
        )
        if not handle:
            raise ValueProblem("no_profile_in_url", text=text)
        return AccountRef(
            platform, handle, handle.lower(), f"https://www.linkedin.com/{'/'.join(segments[:2])}"
        )
    if platform is Platform.PODCAST:
        path = "/".join(segments)
        show_id = next((s for s in reversed(segments) if re.fullmatch(r"id\d+", s)), None)
        key = f"{host}/{show_id or path}".lower()
        return AccountRef(platform, segments[-1] if segments else host, key, url, show_id)
    # Any other site: a blog or a podcast feed, keyed by host and path; not when the row
    # says the account is on a social network (a stray site there is a mistake to show).
    if hint in SOCIAL_PLATFORMS:
        raise ValueProblem("not_on_platform", text=text, platform=hint)
    path = "/".join(segments)
    key = f"{host}/{path}".rstrip("/").lower()
    resolved = hint if hint in (Platform.PODCAST, Platform.BLOG, Platform.OTHER) else Platform.BLOG
    return AccountRef(resolved, host if not path else f"{host}/{path}", key, url)


_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


def _is_local(host: str) -> bool:
    """An address no creator publishes at: an IP literal, localhost or a private name."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host == "localhost" or host.endswith(_LOCAL_SUFFIXES)
    return True


def _canonical_host(platform: Platform) -> str:
    return {
        Platform.INSTAGRAM: "www.instagram.com",
        Platform.TIKTOK: "www.tiktok.com",
        Platform.TWITCH: "www.twitch.tv",
        Platform.X: "x.com",
    }[platform]


def _youtube(url: str, host: str, segments: list[str]) -> AccountRef:
    if not segments:
        raise ValueProblem("no_channel_in_url", text=url)
    first = segments[0]
    if first.startswith("@"):
        handle = first[1:]
        return AccountRef(
            Platform.YOUTUBE, handle, handle.lower(), f"https://www.youtube.com/@{handle}"
        )
    if first == "channel" and len(segments) > 1:
        channel_id = segments[1]
        # Channel ids are case-sensitive, so the key keeps their case.
        return AccountRef(
            Platform.YOUTUBE,
            channel_id,
            f"channel/{channel_id}",
            f"https://www.youtube.com/channel/{channel_id}",
            channel_id,
        )
    if first in ("c", "user") and len(segments) > 1:
        name = segments[1]
        return AccountRef(
            Platform.YOUTUBE, name, name.lower(), f"https://www.youtube.com/{first}/{name}"
        )
    if first in ("watch", "shorts", "playlist", "embed") or host == "youtu.be":
        raise ValueProblem("video_not_channel", text=url)
    return AccountRef(Platform.YOUTUBE, first, first.lower(), f"https://www.youtube.com/{first}")
