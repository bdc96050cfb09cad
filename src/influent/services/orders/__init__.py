"""Orders wing: orders and refunds in (files and signed webhooks), attributed to a creator by
code, click or link, with rollups kept current for the reports.

`record` writes orders and refunds idempotently; `AttributionData` is what attribution reads.
"""

from influent.services.orders._ingest import AttributionData, IngestReport, record

__all__ = ["AttributionData", "IngestReport", "record"]
