"""Enrichment wing: keeping accounts' numbers current from their sources.

`source_settings` holds each workspace's source credentials (masked) and quota use, `refresh`
refreshes accounts and recent posts, `tracking` takes the daily snapshot of tracked accounts,
`comment_samples` samples comments, `handle_search` finds the channel of a creator known only
by name (a handle to confirm), and `account_saving` matches what a source says to a known
account or creates one. The faces use the modules below (tests replace
`source_settings.http_client` to serve recorded responses).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.services.enrichment import handle_search, refresh, source_settings, tracking

__all__ = ["handle_search", "refresh", "source_settings", "tracking"]

lazy_wing(
    __name__,
    {
        "handle_search": "influent.services.enrichment.handle_search:",
        "refresh": "influent.services.enrichment.refresh:",
        "source_settings": "influent.services.enrichment.source_settings:",
        "tracking": "influent.services.enrichment.tracking:",
    },
)
