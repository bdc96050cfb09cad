"""Campaigns wing: creating, finding and listing a workspace's campaigns.

A campaign is the container the rest of the loop hangs from: outreach (opportunities and
touches), deals, tracked links and orders all point at one. Its slug is the `utm_campaign` of
its links.
"""

from influent.services.campaigns._service import (
    GOALS,
    CampaignError,
    create_campaign,
    find_campaign,
    get_campaign,
    list_campaigns,
)
from influent.store.campaign_models import Campaign

__all__ = [
    "GOALS",
    "Campaign",
    "CampaignError",
    "create_campaign",
    "find_campaign",
    "get_campaign",
    "list_campaigns",
]
