"""Orders wing: orders and refunds in (files and signed webhooks), attributed to a creator by
code, click or link, with rollups kept current for the reports.

`record` writes orders and refunds idempotently; `AttributionData` is what attribution reads;
`receive_shopify` and `receive_generic` verify and record a webhook; the portal gives each
creator a private, revocable page with their own numbers; `campaign_report` reads the
rollups and deals into each creator's cost, clicks, orders and returns; `campaign_timeline` and
the charts show it day by day and rank the creators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.domain.orders import OrderProblem, Source
    from influent.services.orders._attribution_data import AttributionData, load_attribution_data
    from influent.services.orders._files import (
        ORDER_FIELDS,
        OrdersImport,
        import_orders,
        parse_order_map,
    )
    from influent.services.orders._ingest import IngestReport, record
    from influent.services.orders._portal import (
        PortalError,
        PortalView,
        create_portal_link,
        open_portal,
        revoke_portal_links,
    )
    from influent.services.orders._report import (
        GROUPINGS,
        CampaignReport,
        ReportRow,
        campaign_report,
    )
    from influent.services.orders._report_charts import (
        ranked_creators,
        ranking_chart,
        timeline_chart,
    )
    from influent.services.orders._report_days import CampaignTimeline, campaign_timeline
    from influent.services.orders._report_table import (
        report_csv,
        report_table,
        report_to_dict,
        row_label,
        write_report,
    )
    from influent.services.orders._webhooks import (
        WebhookRefused,
        WebhookResult,
        receive_generic,
        receive_shopify,
    )

__all__ = [
    "GROUPINGS",
    "ORDER_FIELDS",
    "AttributionData",
    "CampaignReport",
    "CampaignTimeline",
    "IngestReport",
    "OrderProblem",
    "OrdersImport",
    "PortalError",
    "PortalView",
    "ReportRow",
    "Source",
    "WebhookRefused",
    "WebhookResult",
    "campaign_report",
    "campaign_timeline",
    "create_portal_link",
    "import_orders",
    "load_attribution_data",
    "open_portal",
    "parse_order_map",
    "ranked_creators",
    "ranking_chart",
    "receive_generic",
    "receive_shopify",
    "record",
    "report_csv",
    "report_table",
    "report_to_dict",
    "revoke_portal_links",
    "row_label",
    "timeline_chart",
    "write_report",
]

lazy_wing(
    __name__,
    {
        "OrderProblem": "influent.domain.orders",
        "Source": "influent.domain.orders",
        "AttributionData": "influent.services.orders._attribution_data",
        "load_attribution_data": "influent.services.orders._attribution_data",
        "ORDER_FIELDS": "influent.services.orders._files",
        "OrdersImport": "influent.services.orders._files",
        "import_orders": "influent.services.orders._files",
        "parse_order_map": "influent.services.orders._files",
        "IngestReport": "influent.services.orders._ingest",
        "record": "influent.services.orders._ingest",
        "PortalError": "influent.services.orders._portal",
        "PortalView": "influent.services.orders._portal",
        "create_portal_link": "influent.services.orders._portal",
        "open_portal": "influent.services.orders._portal",
        "revoke_portal_links": "influent.services.orders._portal",
        "GROUPINGS": "influent.services.orders._report",
        "CampaignReport": "influent.services.orders._report",
        "ReportRow": "influent.services.orders._report",
        "campaign_report": "influent.services.orders._report",
        "ranked_creators": "influent.services.orders._report_charts",
        "ranking_chart": "influent.services.orders._report_charts",
        "timeline_chart": "influent.services.orders._report_charts",
        "CampaignTimeline": "influent.services.orders._report_days",
        "campaign_timeline": "influent.services.orders._report_days",
        "report_csv": "influent.services.orders._report_table",
        "report_table": "influent.services.orders._report_table",
        "report_to_dict": "influent.services.orders._report_table",
        "row_label": "influent.services.orders._report_table",
        "write_report": "influent.services.orders._report_table",
        "WebhookRefused": "influent.services.orders._webhooks",
        "WebhookResult": "influent.services.orders._webhooks",
        "receive_generic": "influent.services.orders._webhooks",
        "receive_shopify": "influent.services.orders._webhooks",
    },
)
