"""Strict models of the Instagram Graph API business-discovery answer (the fields we ask for)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

__all__ = ["BusinessDiscovery", "DiscoveryResponse", "GraphError", "Media", "MediaPage"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


# Reference: https://developers.facebook.com/docs/instagram-platform/reference/instagram-media
class Media(_Model):
    id: str
    timestamp: datetime
    media_type: str | None = None
    caption: str | None = None
    permalink: str | None = None
    # Left out when the owner hides like counts, or for media the API cannot count.
    like_count: int | None = None
    comments_count: int | None = None


class Cursors(_Model):
    before: str | None = None
    after: str | None = None


class Paging(_Model):
    cursors: Cursors | None = None
    next: str | None = None


class MediaPage(_Model):
    data: list[Media]
    paging: Paging | None = None


# Reference: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/business_discovery
class BusinessDiscovery(_Model):
    id: str
    username: str | None = None
    name: str | None = None
    biography: str | None = None
    website: str | None = None
    profile_picture_url: str | None = None
    followers_count: int | None = None
    follows_count: int | None = None
    media_count: int | None = None
    media: MediaPage | None = None


class DiscoveryResponse(_Model):
    business_discovery: BusinessDiscovery
    id: str


# Reference: https://developers.facebook.com/docs/graph-api/guides/error-handling
class GraphErrorBody(_Model):
    message: str = ""
    type: str | None = None
    code: int | None = None
    error_subcode: int | None = None
    error_user_msg: str | None = None


class GraphError(_Model):
    error: GraphErrorBody
