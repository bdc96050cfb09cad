"""The campaign report: its page and charts, its CSV and XLSX exports and its JSON under
/api/v1; viewers may read."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel
from pydantic import Field as Spec
from starlette.background import BackgroundTask

from influent.domain.messages import MessageError
from influent.services import orders
from influent.web.api_errors import ERRORS
from influent.web.deps import ApiActor, CurrentActor, RowId, SessionDep, TranslatorDep
from influent.web.templating import render

__all__ = ["api_router", "router"]

router = APIRouter()
api_router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)


class ReportRowOut(BaseModel):
    creator_id: int | None = Spec(description="None for the unattributed row and the totals")
    label: str
    deals: int
    fees_minor: int
    gifted_minor: int
    commissions_minor: int
    cost_minor: int
    clicks_human: int
    clicks_bot: int
    visitors: int = Spec(description="unique visitors per link and day, summed")
    orders: int
    orders_low: float = Spec(description="90% Poisson interval of the orders, low end")
    orders_high: float
    revenue_minor: int
    refunded_minor: int
    net_revenue_minor: int
    roi: float | None
    roi_low: float | None
    roi_high: float | None
    roas: float | None
    cpa_minor: float | None
    cpc_minor: float | None
    conversion_rate: float | None


class CampaignReportOut(BaseModel):
    campaign_id: int
    campaign: str
    currency: str
    starts_on: date | None
    ends_on: date | None
    creators: list[ReportRowOut] = Spec(description="best ROI first")
    unattributed: ReportRowOut
    totals: ReportRowOut


# Below this many orders the orders' interval and the ROI range are shown beside the figure.
FEW_ORDERS = 30


def _not_found(request: Request, tr: TranslatorDep, actor: CurrentActor) -> HTMLResponse:
    return render(
        request,
        "error.html",
        tr=tr,
        actor=actor,
        status_code=404,
        message=tr.t("errors.not_found"),
        code=404,
    )


def _report(
    session: SessionDep, workspace_id: int, campaign_id: int, by: str
) -> orders.CampaignReport | None:
    """The campaign's report grouped `by`, or None when the campaign is not this workspace's."""
    try:
        return orders.campaign_report(
            session, workspace_id=workspace_id, campaign_id=campaign_id, by=by
        )
    except MessageError:
        return None


@router.get("/campaigns/{campaign_id}/report", response_class=HTMLResponse, include_in_schema=False)
def report_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign_id: RowId,
    by: str = "creator",
) -> HTMLResponse:
    by = by if by in orders.GROUPINGS else "creator"
    report = _report(session, actor.workspace_id, campaign_id, by)
    if report is None:
        return _not_found(request, tr, actor)
    rows = list(report.rows)
    top = max([1, *(max(r.returns.cost_minor, r.returns.net_revenue_minor, 0) for r in rows)])
    timeline = orders.campaign_timeline(
        session, workspace_id=actor.workspace_id, campaign_id=campaign_id
    )
    return render(
        request,
        "reports/campaign.html",
        tr=tr,
        actor=actor,
        report=report,
        rows=[(row, orders.row_label(tr, report, row)) for row in rows],
        groupings=orders.GROUPINGS,
        top=top,
        few=FEW_ORDERS,
        money=tr.money,
        timeline=timeline,
        ranked=orders.ranked_creators(report),
    )


_CHARTS = {"timeline", "ranking"}
_IMAGE = {"png": "image/png", "svg": "image/svg+xml"}


@router.get(
    "/campaigns/{campaign_id}/report/{chart}.{kind}",
    include_in_schema=False,
    response_model=None,
)
def report_chart(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign_id: RowId,
    chart: str,
    kind: str,
) -> Response:
    if chart not in _CHARTS or kind not in _IMAGE:
        return _not_found(request, tr, actor)
    try:
        if chart == "timeline":
            timeline = orders.campaign_timeline(
                session, workspace_id=actor.workspace_id, campaign_id=campaign_id
            )
            image = orders.timeline_chart(timeline, locale=tr.locale, fmt=kind)  # type: ignore[arg-type]
        else:
            report = orders.campaign_report(
                session, workspace_id=actor.workspace_id, campaign_id=campaign_id
            )
            ranked = orders.ranked_creators(report)
            image = orders.ranking_chart(ranked, locale=tr.locale, fmt=kind)  # type: ignore[arg-type]
    except MessageError:
        return _not_found(request, tr, actor)
    return Response(
        image, media_type=_IMAGE[kind], headers={"cache-control": "private, max-age=60"}
    )


@router.get("/campaigns/{campaign_id}/report.csv", include_in_schema=False, response_model=None)
def report_csv(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign_id: RowId,
    by: str = "creator",
) -> Response:
    by = by if by in orders.GROUPINGS else "creator"
    report = _report(session, actor.workspace_id, campaign_id, by)
    if report is None:
        return _not_found(request, tr, actor)
    text = orders.report_csv(report, tr)
    name = f"report-campaign-{report.campaign_id}-{by}.csv"
    return Response(
        "\ufeff" + text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/campaigns/{campaign_id}/report.xlsx", include_in_schema=False, response_model=None)
def report_xlsx(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign_id: RowId,
    by: str = "creator",
) -> Response:
    by = by if by in orders.GROUPINGS else "creator"
    report = _report(session, actor.workspace_id, campaign_id, by)
    if report is None:
        return _not_found(request, tr, actor)
    folder = Path(tempfile.mkdtemp(prefix="influent-report-"))
    name = f"report-campaign-{report.campaign_id}-{by}.xlsx"
    try:
        orders.write_report(report, folder / name, tr)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        folder / name,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


@api_router.get("/campaigns/{campaign_id}/report", response_model=CampaignReportOut)
def report_api(session: SessionDep, actor: ApiActor, campaign_id: RowId) -> CampaignReportOut:
    """Per creator cost, clicks, orders and returns, the unattributed orders and the totals."""
    try:
        report = orders.campaign_report(
            session, workspace_id=actor.workspace_id, campaign_id=campaign_id
        )
    except MessageError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, error.message.code) from error
    return CampaignReportOut.model_validate(orders.report_to_dict(report))
