"""Deals wing: turning a creator's "yes" into a deal, and pricing it fairly.

It owns deals (deliverables, the call to action, the price, the negotiation log and the status
history), the fair-price estimate for a creator's deliverables (`domain.pricing`, re-fitted on
the workspace's agreed deals), promo codes (readable, unique in the workspace, exported for
Shopify and WooCommerce), and each campaign's discount levels with the warning when a code
departs from what creators of the same tier got.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.services.deals._codes import (
        Discount,
        campaign_codes,
        check_discount,
        create_code,
        generate_campaign_codes,
    )
    from influent.services.deals._deals import (
        CodeIn,
        DeliverableIn,
        attach_code,
        change_status,
        create_deal,
        get_deal,
        list_deals,
        record_offer,
    )
    from influent.services.deals._discounts import levels_of, set_levels
    from influent.services.deals._errors import DealError
    from influent.services.deals._export import EXPORT_FORMATS, export_codes
    from influent.services.deals._pricing import Audience, estimate_for
    from influent.services.deals._proposal import money, proposal_text
    from influent.services.deals._views import (
        CodeView,
        DealLink,
        DealView,
        code_json,
        code_view,
        deal_json,
        deal_view,
        estimate_json,
        say,
    )

__all__ = [
    "EXPORT_FORMATS",
    "Audience",
    "CodeIn",
    "CodeView",
    "DealError",
    "DealLink",
    "DealView",
    "DeliverableIn",
    "Discount",
    "attach_code",
    "campaign_codes",
    "change_status",
    "check_discount",
    "code_json",
    "code_view",
    "create_code",
    "create_deal",
    "deal_json",
    "deal_view",
    "estimate_for",
    "estimate_json",
    "export_codes",
    "generate_campaign_codes",
    "get_deal",
    "levels_of",
    "list_deals",
    "money",
    "proposal_text",
    "record_offer",
    "say",
    "set_levels",
]

lazy_wing(
    __name__,
    {
        "Discount": "influent.services.deals._codes",
        "campaign_codes": "influent.services.deals._codes",
        "check_discount": "influent.services.deals._codes",
        "create_code": "influent.services.deals._codes",
        "generate_campaign_codes": "influent.services.deals._codes",
        "CodeIn": "influent.services.deals._deals",
        "DeliverableIn": "influent.services.deals._deals",
        "attach_code": "influent.services.deals._deals",
        "change_status": "influent.services.deals._deals",
        "create_deal": "influent.services.deals._deals",
        "get_deal": "influent.services.deals._deals",
        "list_deals": "influent.services.deals._deals",
        "record_offer": "influent.services.deals._deals",
        "levels_of": "influent.services.deals._discounts",
        "set_levels": "influent.services.deals._discounts",
        "DealError": "influent.services.deals._errors",
        "EXPORT_FORMATS": "influent.services.deals._export",
        "export_codes": "influent.services.deals._export",
        "Audience": "influent.services.deals._pricing",
        "estimate_for": "influent.services.deals._pricing",
        "money": "influent.services.deals._proposal",
        "proposal_text": "influent.services.deals._proposal",
        "CodeView": "influent.services.deals._views",
        "DealLink": "influent.services.deals._views",
        "DealView": "influent.services.deals._views",
        "code_json": "influent.services.deals._views",
        "code_view": "influent.services.deals._views",
        "deal_json": "influent.services.deals._views",
        "deal_view": "influent.services.deals._views",
        "estimate_json": "influent.services.deals._views",
        "say": "influent.services.deals._views",
    },
)
