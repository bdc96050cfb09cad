"""Tracked links: UTM parameters, short-link keys and safe destinations (pure rules, no I/O)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qsl, quote, unquote_plus, urlsplit, urlunsplit

from influent.domain.messages import MessageError
from influent.domain.slugs import slugify

__all__ = [
    "UTM_FIELDS",
    "LinkRuleError",
    "Target",
    "check_destination",
    "check_key",
    "check_web_address",
    "key_candidates",
    "normalise_domain",
    "utm_of",
    "with_utm",
]

# GA4's campaign parameters, in the order GA4's URL builder writes them.
# Reference: https://support.google.com/analytics/answer/10917952
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")

KEY_MAX = 64
# Letters, digits and inner hyphens: a key reads aloud and survives any URL path.
_KEY = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", re.IGNORECASE)
# Keys that would shadow a page of the app if short links ever moved to the root.
RESERVED_KEYS = frozenset({"api", "static", "login", "logout", "r", "settings", "links"})
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{1,63}$")
# Anything a browser or a proxy may read as a line break, a separator or a path trick.
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f\\]")
URL_MAX = 2000


class LinkRuleError(MessageError):
    """A key, a domain or a destination a link may not have."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where a short link sends people: the URL with its UTM parameters, split at '#'."""

    url: str

    @property
    def before_fragment(self) -> str:
        return self.url.partition("#")[0]

    @property
    def fragment(self) -> str:
        _head, sep, tail = self.url.partition("#")
        return sep + tail


def check_key(key: str) -> str:
    """The key as typed, if it is a valid short-link key; lookups use its lower case."""
    key = key.strip()
    if not _KEY.fullmatch(key):
        raise LinkRuleError("links.error.key_invalid", key=key[:80], max=KEY_MAX)
    if key.lower() in RESERVED_KEYS:
        raise LinkRuleError("links.error.key_reserved", key=key)
    return key


def key_candidates(handle: str, campaign_slug: str) -> Iterator[str]:
    """Readable keys, best first: 'lena-serum', then 'lena-serum-2', 'lena-serum-3', …

    The handle and the first word of the campaign's slug; the caller takes the first free one.
    """
    who = slugify(handle.lstrip("@").replace(".", "-").replace("_", "-"), fallback="link")
    what = slugify(campaign_slug, fallback="").split("-")[0]
    base = f"{who}-{what}" if what else who
    base = base[: KEY_MAX - 4].strip("-")
    if base.lower() in RESERVED_KEYS:
        base = f"{base}-link"
    yield base
    number = 2
    while True:
        yield f"{base}-{number}"
        number += 1


def normalise_domain(domain: str) -> str:
    """'https://Shop.Example.com/' -> 'shop.example.com'; refuses anything but a host name."""
    text = domain.strip().lower()
    text = re.sub(r"^https?://", "", text).rstrip("/").rstrip(".")
    try:
        text = text.encode("idna").decode("ascii")
    except UnicodeError:
        raise LinkRuleError("links.error.domain_invalid", domain=domain[:200]) from None
    if not _DOMAIN.fullmatch(text):
        raise LinkRuleError("links.error.domain_invalid", domain=domain[:200])
    return text


def _host_allowed(host: str, allowed: Iterable[str]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in allowed)


def check_web_address(url: str) -> str:
    """An absolute http(s) address people may be sent to, normalised; refused otherwise.

    No user name, no control characters, spaces or backslashes: that closes the tricks a
    browser or a redirect would follow (`//evil.example`, `https:evil.example`,
    `javascript:`, CR/LF header injection). A campaign's landing page is checked this way;
    a short link's destination also has to be on the workspace's domains
    (`check_destination`).
    """
    host, port, parts = _web_parts(url)
    return _rebuilt(parts, host, port)


def check_destination(url: str, allowed_domains: Iterable[str]) -> str:
    """The destination, if a short link may send people there; refused otherwise.

    A web address (`check_web_address`) on one of the workspace's domains (or their
    subdomains).
    """
    allowed = list(allowed_domains)
    if not allowed:
        raise LinkRuleError("links.error.no_domains")
    host, port, parts = _web_parts(url)
    if not _host_allowed(host, allowed):
        raise LinkRuleError(
            "links.error.destination_domain", host=host, domains=", ".join(sorted(allowed))
        )
    return _rebuilt(parts, host, port)


def _web_parts(url: str) -> tuple[str, int | None, SplitResult]:
    shown = url[:200]
    if not url or len(url) > URL_MAX:
        raise LinkRuleError("links.error.destination_invalid", url=shown)
    if _FORBIDDEN.search(url):
        raise LinkRuleError(
            "links.error.destination_invalid", url=shown.encode("unicode_escape").decode("ascii")
        )
    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced '[' or ']' in the host
        raise LinkRuleError("links.error.destination_invalid", url=shown) from None
    if parts.scheme.lower() not in ("http", "https") or not url.lower().startswith(
        parts.scheme.lower() + "://"
    ):
        raise LinkRuleError("links.error.destination_scheme", url=shown)
    if "@" in parts.netloc or not parts.hostname:
        raise LinkRuleError("links.error.destination_invalid", url=shown)
    try:
        port = parts.port
    except ValueError:
        raise LinkRuleError("links.error.destination_invalid", url=shown) from None
    try:
        host = normalise_domain(parts.hostname)
    except LinkRuleError:
        raise LinkRuleError("links.error.destination_invalid", url=shown) from None
    return host, port, parts


def _rebuilt(parts: SplitResult, host: str, port: int | None) -> str:
    netloc = host if port is None else f"{host}:{port}"
    # Non-ASCII paths and queries are percent-encoded, so the Location header is plain ASCII.
    safe = "/?#[]@!$&'()*+,;=:%~-._"
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe),
            quote(parts.fragment, safe=safe),
        )
    )


def utm_of(url: str) -> dict[str, str]:
    """The UTM parameters already on a URL (the first value of each)."""
    found: dict[str, str] = {}
    for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if name.lower() in UTM_FIELDS and name.lower() not in found:
            found[name.lower()] = value
    return found


def with_utm(url: str, utm: Mapping[str, str | None]) -> Target:
    """The URL with these UTM parameters: other parameters kept in place, no utm_* twice.

    A UTM parameter already on the URL is replaced by the one given (or kept when the one
    given is empty); the fragment stays at the end.
    """
    parts = urlsplit(url)
    given = {k: v for k, v in utm.items() if k in UTM_FIELDS and v}
    # The query is kept as written (its own encoding, bare flags, order); only utm_* pieces
    # that the link sets, or that repeat, are dropped.
    kept: list[str] = []
    seen: set[str] = set()
    for piece in parts.query.split("&"):
        if not piece:
            continue
        name = unquote_plus(piece.partition("=")[0]).lower()
        if name in UTM_FIELDS:
            if name in given or name in seen:
                continue
            seen.add(name)
        kept.append(piece)
    kept += [f"{k}={quote(given[k], safe='')}" for k in UTM_FIELDS if k in given]
    query = "&".join(kept)
    return Target(urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment)))
