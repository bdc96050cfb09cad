"""The campaign report page and its CSV export; viewers may read both."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from influent.domain.messages import MessageError
from influent.services import orders
from influent.web.deps import CurrentActor, SessionDep, TranslatorDep
from influent.web.templating import render

router = APIRouter()

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


@router.get("/campaigns/{campaign_id}/report", response_class=HTMLResponse, include_in_schema=False)
def report_page(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign_id: int,
) -> HTMLResponse:
    try:
        report = orders.campaign_report(
            session, workspace_id=actor.workspace_id, campaign_id=campaign_id
        )
    except MessageError:
        return _not_found(request, tr, actor)
    rows = list(report.rows)
    top = max([1, *(max(r.returns.cost_minor, r.returns.net_revenue_minor, 0) for r in rows)])
    return render(
        request,
        "reports/campaign.html",
        tr=tr,
        actor=actor,
        report=report,
        rows=rows,
        top=top,
        few=FEW_ORDERS,
        money=tr.money,
    )


@router.get("/campaigns/{campaign_id}/report.csv", include_in_schema=False, response_model=None)
def report_csv(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    tr: TranslatorDep,
    campaign_id: int,
) -> Response:
    try:
        report = orders.campaign_report(
            session, workspace_id=actor.workspace_id, campaign_id=campaign_id
        )
    except MessageError:
        return _not_found(request, tr, actor)
    text = orders.report_csv(report, tr)
    name = f"report-campaign-{report.campaign_id}.csv"
    return Response(
        "\ufeff" + text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
