"""Enrichment wing: keeping accounts' numbers current from their sources.

`source_settings` holds each workspace's source credentials (masked) and quota use, `refresh`
refreshes accounts and recent posts, `tracking` takes the daily snapshot of tracked accounts,
`comment_samples` samples comments, and `account_saving` matches what a source says to a known
account or creates one. The faces use the modules below (tests replace
`source_settings.http_client` to serve recorded responses).
"""

from influent.services.enrichment import refresh, source_settings, tracking

__all__ = ["refresh", "source_settings", "tracking"]
