"""Enrichment wing: keeping accounts' numbers current from their sources.

`source_settings` holds each workspace's source credentials (masked) and quota use, `refresh`
refreshes accounts and recent posts, `tracking` takes the daily snapshot of tracked accounts,
`comment_samples` samples comments, and `account_saving` matches what a source says to a known
account or creates one.
"""

from influent.services.enrichment import (
    account_saving,
    comment_samples,
    refresh,
    source_settings,
    tracking,
)

__all__ = ["account_saving", "comment_samples", "refresh", "source_settings", "tracking"]
