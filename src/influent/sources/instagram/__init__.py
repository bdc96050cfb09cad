"""Instagram Graph API business discovery: professional accounts' profiles and media."""

from influent.sources.instagram.client import InstagramClient, account_from_discovery

__all__ = ["InstagramClient", "account_from_discovery"]
