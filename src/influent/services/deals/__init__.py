"""Deals wing: turning a creator's "yes" into a deal, and pricing it fairly.

It owns deals (deliverables, the call to action, the price, the negotiation log and the status
history), the fair-price estimate for a creator's deliverables (`domain.pricing`, re-fitted on
the workspace's agreed deals), promo codes (readable, unique in the workspace, exported for
Shopify and WooCommerce), and each campaign's discount levels with the warning when a code
departs from what creators of the same tier got.
"""

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
