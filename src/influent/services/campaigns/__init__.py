"""Campaigns wing: creating, finding and listing a workspace's campaigns.

A campaign is the container the rest of the loop hangs from: outreach (opportunities and
touches), deals, tracked links and orders all point at one. Its slug is the `utm_campaign` of
its links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.services.campaigns._service import (
        GOALS,
        CampaignError,
        checked_landing,
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
    "checked_landing",
    "create_campaign",
    "find_campaign",
    "get_campaign",
    "list_campaigns",
]

lazy_wing(
    __name__,
    {
        "GOALS": "influent.services.campaigns._service",
        "CampaignError": "influent.services.campaigns._service",
        "checked_landing": "influent.services.campaigns._service",
        "create_campaign": "influent.services.campaigns._service",
        "find_campaign": "influent.services.campaigns._service",
        "get_campaign": "influent.services.campaigns._service",
        "list_campaigns": "influent.services.campaigns._service",
        "Campaign": "influent.store.campaign_models",
    },
)
