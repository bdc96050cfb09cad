"""Instagram Graph API business discovery: a professional account's profile and recent media.

Business discovery reads another professional (business or creator) account through the
user's own Instagram business account id and a Graph API access token. Personal accounts
cannot be read this way; the API answers as if they did not exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from pydantic import ValidationError

from influent.domain.contacts import extract_contacts
from influent.domain.content import AccountData, PostData, SnapshotData
from influent.domain.messages import Message, MessageError
from influent.domain.platforms import Platform, PostKind
from influent.sources.errors import InvalidCredentials, NotFound, RateLimited, SourceError
from influent.sources.http import Fetched, HttpClient
from influent.sources.instagram.models import (
    BusinessDiscovery,
    DiscoveryResponse,
    GraphError,
    Media,
)

__all__ = ["SOURCE", "InstagramClient", "account_from_discovery", "classify_error"]

SOURCE = "instagram"
BASE_URL = "https://graph.facebook.com"
API_VERSION = "v21.0"
_PROFILE_FIELDS = (
    "id,username,name,biography,website,profile_picture_url,followers_count,follows_count,"
    "media_count"
)
_MEDIA_FIELDS = "id,caption,comments_count,like_count,media_type,permalink,timestamp"
_PAGE_SIZE = 25
_USERNAME = re.compile(r"^[A-Za-z0-9._]{1,30}$")

# Reference: https://developers.facebook.com/docs/graph-api/guides/error-handling
_TOKEN_CODES = {102, 190}
_PERMISSION_CODES = {10, *range(200, 300)}
_RATE_CODES = {4, 17, 32, 613, 80002}
_MISSING_CODES = {110}
_MISSING_SUBCODES = {33, 2207013}
_MISSING_WORDS = ("does not exist", "cannot be loaded", "cannot find user", "cannot be found")

_KINDS = {
    "IMAGE": PostKind.POST,
    "CAROUSEL_ALBUM": PostKind.POST,
    "VIDEO": PostKind.VIDEO,
    "REELS": PostKind.REEL,
}


def classify_error(fetched: Fetched) -> SourceError | None:
    """The precise error behind a Graph API error answer, from its code and subcode."""
    try:
        error = GraphError.model_validate(fetched.json()).error
    except (SourceError, ValidationError):
        return None
    status, code, text = fetched.status, error.code, f"{error.message} {error.error_user_msg or ''}"
    if code in _TOKEN_CODES or (error.type == "OAuthException" and status == 401):
        return InvalidCredentials(SOURCE, "instagram.error.token", status=status)
    if code in _RATE_CODES:
        return RateLimited(SOURCE, "instagram.error.rate", status=status, code=str(code))
    if (
        code in _MISSING_CODES
        or error.error_subcode in _MISSING_SUBCODES
        or (code == 100 and any(w in text.lower() for w in _MISSING_WORDS))
    ):
        return NotFound(SOURCE, "instagram.error.not_found", status=status)
    if code in _PERMISSION_CODES:
        return InvalidCredentials(
            SOURCE, "instagram.error.permission", status=status, code=str(code)
        )
    return None


def _post(media: Media) -> PostData:
    return PostData(
        external_id=media.id,
        published_at=media.timestamp,
        kind=_KINDS.get(media.media_type or "", PostKind.POST),
        caption=media.caption,
        url=media.permalink,
        likes=media.like_count,
        comments=media.comments_count,
    )


def account_from_discovery(
    profile: BusinessDiscovery, media: list[Media], *, username: str, fetched_at: datetime
) -> AccountData:
    handle = profile.username or username
    return AccountData(
        platform=Platform.INSTAGRAM,
        handle=handle,
        source=SOURCE,
        fetched_at=fetched_at,
        name=profile.name,
        url=f"https://www.instagram.com/{handle}",
        external_id=profile.id,
        description=profile.biography,
        snapshot=SnapshotData(
            taken_at=fetched_at,
            source=SOURCE,
            followers=profile.followers_count,
            following=profile.follows_count,
            posts_count=profile.media_count,
        ),
        posts=tuple(sorted((_post(m) for m in media), key=lambda p: p.published_at, reverse=True)),
        contacts=extract_contacts(profile.biography, profile.website),
    )


class InstagramClient:
    """Business discovery through the user's own professional account."""

    def __init__(
        self,
        *,
        access_token: str,
        ig_user_id: str,
        http: HttpClient,
        base_url: str = BASE_URL,
        api_version: str = API_VERSION,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._token = access_token
        self._user = ig_user_id
        self._http = http
        self._url = f"{base_url.rstrip('/')}/{api_version}/{ig_user_id}"
        self._now = now

    def _discover(self, username: str, media_edge: str) -> DiscoveryResponse:
        # Reference: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/business_discovery
        fields = f"business_discovery.username({username}){{{_PROFILE_FIELDS},{media_edge}}}"
        return self._http.get_model(
            DiscoveryResponse,
            self._url,
            source=SOURCE,
            what=Message("source.call.business_discovery"),
            params={"fields": fields, "access_token": self._token},
            classify=classify_error,
        )

    def discover(
        self, username: str, *, max_posts: int = 25
    ) -> tuple[BusinessDiscovery, list[Media]]:
        """The profile and up to `max_posts` newest media, following `media.after(cursor)`."""
        username = username.strip().lstrip("@")
        if not _USERNAME.match(username):
            # The name goes inside the `fields` expression, so anything else could rewrite it.
            raise MessageError("instagram.error.username", username=username)
        media: list[Media] = []
        after: str | None = None
        seen: set[str] = set()
        profile: BusinessDiscovery | None = None
        while True:
            size = max(1, min(_PAGE_SIZE, max_posts - len(media)))
            edge = (
                f"media.limit({size})" if after is None else f"media.after({after}).limit({size})"
            )
            page = self._discover(username, f"{edge}{{{_MEDIA_FIELDS}}}").business_discovery
            profile = profile or page
            items = page.media.data if page.media else []
            media.extend(items)
            cursors = page.media.paging.cursors if page.media and page.media.paging else None
            after = cursors.after if cursors else None
            # Stop on the last page, on a cursor we have already followed, or when we have enough.
            if not items or not after or after in seen or len(media) >= max_posts:
                break
            seen.add(after)
        return profile, media[:max_posts]

    def fetch_account(self, username: str, *, max_posts: int = 25) -> AccountData:
        """A professional account's profile, numbers and newest posts as AccountData."""
        profile, media = self.discover(username, max_posts=max_posts)
        return account_from_discovery(
            profile, media, username=username.strip().lstrip("@"), fetched_at=self._now()
        )
